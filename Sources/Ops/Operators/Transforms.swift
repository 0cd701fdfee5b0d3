/// `rotate`, `translate` and `zoom`: the projective transforms Keras' `RandomRotation`, `RandomTranslation` and
/// `RandomZoom` apply once their factor is drawn, fixed here by the arguments (one family, one table row each).
///
/// Each builds one `ImageProjectiveTransformV3` matrix per image size (`KerasTransforms`) and applies it with the
/// fill mode (default reflect, as the Keras layers), interpolation (default bilinear) and constant `value`.
struct TransformOp: Op {
    enum Kind: Sendable { case rotate, translate, zoom }

    let kind: Kind
    let name: String
    let summary: String
    let parameters: [Parameter]
    let details: String

    init(_ kind: Kind) {
        self.kind = kind
        let common = """
            fill=reflect (default, d c b a|a b c d) | wrap | constant (value=V, default 0) | nearest (the edge pixel);
            interpolation=bilinear (default) | nearest. The transform is TensorFlow's ImageProjectiveTransformV3 with the
            matrix Keras builds; the whole picture turns about its centre (W-1)/2, (H-1)/2.
            """
        switch kind {
        case .rotate:
            (name, summary) = ("rotate", "turn by DEGREES counter-clockwise, as keras RandomRotation for one draw")
            parameters = [Parameter("X", .tensor), Parameter("DEGREES", .number)]
            details = "DEGREES > 0 turns counter-clockwise. Reference: keras.layers.RandomRotation(factor=DEGREES/360) "
                + "with its draw fixed at DEGREES.\n" + common + "\nExample:  r = rotate img 15 fill=constant"
        case .translate:
            (name, summary) = ("translate", "shift by DY DX pixels, as keras RandomTranslation for one draw")
            parameters = [Parameter("X", .tensor), Parameter("DY", .number), Parameter("DX", .number)]
            details = "DY > 0 moves the picture down, DX > 0 right; fractions of a pixel interpolate; |DY| ≤ H, |DX| ≤ W.\n"
                + "Reference: keras.layers.RandomTranslation(height_factor=DY/H, width_factor=DX/W), draw fixed.\n"
                + common + "\nExample:  t = translate img 10 -5 fill=wrap"
        case .zoom:
            (name, summary) = ("zoom", "zoom out (FACTOR > 0) or in, as keras RandomZoom for one draw")
            parameters = [Parameter("X", .tensor), Parameter("FACTOR", .number)]
            details = "Each output pixel reads the input at (1 + FACTOR) times its distance from the centre: FACTOR > 0 "
                + "zooms out, -1 < FACTOR < 0 zooms in; width follows height.\n"
                + "Reference: keras.layers.RandomZoom(height_factor=FACTOR), draw fixed.\n" + common
                + "\nExample:  z = zoom img -0.2"
        }
    }

    let options = [
        .choice("fill", ProjectiveTransform.Fill.allCases.map(\.rawValue)),
        .choice("interpolation", ProjectiveTransform.Interpolation.allCases.map(\.rawValue)), OptionSpec("value", "V"),
    ]

    func apply(_ arguments: Arguments, _ context: Context) throws -> Value? {
        let spatial = try SpatialInput(try arguments.tensor(1))
        let (h, w) = (spatial.batch.shape[1], spatial.batch.shape[2])
        let matrix: [Float]
        switch kind {
        case .rotate:
            let degrees = try arguments.number(2)
            guard degrees.isFinite, abs(degrees) <= 1e6 else { throw OpError.argument(2, "expected a finite angle") }
            matrix = KerasTransforms.rotation(degrees: degrees, height: h, width: w)
        case .translate:
            let dy = try arguments.number(2), dx = try arguments.number(3)
            guard abs(dy) <= Double(h) else {
                throw OpError.argument(2, "expected a shift between -\(h) and \(h) (the height), got \(Value.format(dy))")
            }
            guard abs(dx) <= Double(w) else {
                throw OpError.argument(3, "expected a shift between -\(w) and \(w) (the width), got \(Value.format(dx))")
            }
            matrix = KerasTransforms.translation(dy: dy, dx: dx, height: h, width: w)
        case .zoom:
            let factor = try arguments.number(2)
            guard factor >= -1, factor <= 100 else {
                throw OpError.argument(2, "expected a factor between -1 and 100, got \(Value.format(factor))")
            }
            matrix = KerasTransforms.zoom(factor: factor, height: h, width: w)
        }
        let out = try ProjectiveTransform.apply(
            spatial.batch, matrix,
            fill: ProjectiveTransform.Fill(rawValue: arguments.choiceOption("fill", default: "reflect"))!,
            interpolation: ProjectiveTransform.Interpolation(rawValue: arguments.choiceOption("interpolation",
                                                                                             default: "bilinear"))!,
            value: Float(try arguments.numberOption("value", default: 0)), threads: context.threads)
        return .tensor(try spatial.restoringRank(out))
    }
}
