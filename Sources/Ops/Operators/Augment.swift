/// `augment X [flip=...] [rotate=R] [zoom=Z] [translate=T] [contrast=C] [seed=N]`: a seeded random augmentation,
/// Keras' RandomFlip/RandomRotation/RandomZoom/RandomTranslation/RandomContrast with our own generator.
struct Augment: Op {
    let name = "augment"
    let summary = "random flips, turns, zooms, shifts and contrast from a seed (Keras' augmentation layers)"
    let parameters = [Parameter("X", .tensor)]
    let options = [
        .choice("flip", Augmentation.FlipMode.allCases.map(\.rawValue)), OptionSpec("rotate", "R"),
        OptionSpec("zoom", "Z"), OptionSpec("translate", "T"), OptionSpec("contrast", "C"), OptionSpec("seed", "N"),
        .choice("fill", ProjectiveTransform.Fill.allCases.map(\.rawValue)),
        .choice("interpolation", ProjectiveTransform.Interpolation.allCases.map(\.rawValue)),
    ]
    let details = """
        Each image (of a batch, each on its own) draws, uniformly: a flip with probability 1/2 (flip=horizontal,
        vertical or both), an angle in ±R turns (rotate=0.1 is ±36°, as RandomRotation(0.1)), a zoom in ±Z
        (RandomZoom), a shift in ±T of the height and of the width (RandomTranslation), a contrast factor in
        [1-C, 1+C] (RandomContrast); then applies flip, rotate, zoom, translate, contrast as the ops of those names.
        R, Z, T in [0,1], C ≥ 0; fill (default reflect) and interpolation as for rotate.
        seed=N (default 0): the same seed gives the same pictures. TensorFlow's random streams are NOT reproduced
        (its generators are not ours), only its transforms: for a fixed draw, rotate/zoom/translate/contrast/flip
        match TensorFlow exactly.
        Example:  a = augment batch flip=horizontal rotate=0.1 zoom=0.1 seed=7
        """

    func apply(_ arguments: Arguments, _ context: Context) throws -> Value? {
        let spatial = try SpatialInput(try arguments.tensor(1))
        var a = Augmentation()
        a.flip = Augmentation.FlipMode(rawValue: arguments.choiceOption("flip", default: "none"))!
        func factor(_ key: String, _ range: ClosedRange<Double>) throws -> Double {
            let v = try arguments.numberOption(key, default: 0)
            guard range.contains(v) else {
                throw OpError.option(key, "expected a factor between \(Value.format(range.lowerBound)) and "
                    + "\(Value.format(range.upperBound)), got \(Value.format(v))")
            }
            return v
        }
        a.rotate = try factor("rotate", 0...1)
        a.zoom = try factor("zoom", 0...1)
        a.translate = try factor("translate", 0...1)
        a.contrast = try factor("contrast", 0...100)
        a.fill = ProjectiveTransform.Fill(rawValue: arguments.choiceOption("fill", default: "reflect"))!
        a.interpolation = ProjectiveTransform.Interpolation(rawValue: arguments.choiceOption("interpolation",
                                                                                             default: "bilinear"))!
        let seed = try arguments.integerOption("seed", default: 0, in: 0...Int.max)
        return .tensor(try spatial.restoringRank(try a.apply(spatial.batch, seed: UInt64(seed), threads: context.threads)))
    }
}
