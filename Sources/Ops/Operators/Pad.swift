/// `pad X TOP BOTTOM LEFT RIGHT [mode=constant|reflect|symmetric] [value=0]`: `tf.pad` on the spatial axes.
struct Pad: Op {
    let name = "pad"
    let summary = "add rows and columns around the image, as tf.pad on H and W"
    let parameters = [
        Parameter("X", .tensor), Parameter("TOP", .number), Parameter("BOTTOM", .number),
        Parameter("LEFT", .number), Parameter("RIGHT", .number),
    ]
    let options = [.choice("mode", SpatialPadding.Mode.allCases.map(\.rawValue)), OptionSpec("value", "V")]
    let details = """
        Pads are whole pixels ≥ 0. mode=constant (default) fills with value=V (default 0); reflect mirrors without
        repeating the edge (c b | a b c d | c b), so each pad must be smaller than the side it mirrors; symmetric
        mirrors with the edge (b a | a b c d | d c), each pad at most the side. Those limits are TensorFlow's.
        There is no crop op: cropping is indexing, img[10:200, 30:300] (rows 10..199, columns 30..299).
        Reference: tf.pad(x, [[top,bottom],[left,right],[0,0]], mode).
        Example:  p = pad img 1 1 1 1 mode=reflect
        """

    func apply(_ arguments: Arguments, _ context: Context) throws -> Value? {
        let input = try arguments.tensor(1)
        let pads = try (2...5).map { try arguments.integer($0, in: 0...1_000_000) }
        let mode = SpatialPadding.Mode(rawValue: arguments.choiceOption("mode", default: "constant"))!
        let value = Float(try arguments.numberOption("value", default: 0))
        let spatial = try SpatialInput(input)
        let (h, w) = (spatial.batch.shape[1], spatial.batch.shape[2])
        for (p, (pad, side)) in zip(2...5, zip(pads, [h, h, w, w])) {
            if let limit = SpatialPadding.limit(mode, side), pad > limit {
                throw OpError.argument(p, "\(mode.rawValue) padding of \(pad) needs a side longer than "
                    + "\(mode == .reflect ? pad : pad - 1) pixels, but \(Tensor.describe(input.shape)) has \(side)")
            }
        }
        let out = try SpatialPadding.pad(spatial.batch, top: pads[0], bottom: pads[1], left: pads[2], right: pads[3],
                                         mode: mode, value: value)
        return .tensor(try spatial.restoringRank(out))
    }
}
