/// `maxpool X [same|valid] [size=2] [stride=S]`: condense, as `tf.nn.max_pool2d`.
///
/// Window `size` (default 2x2), stride defaulting to the window size, `valid` padding by default (Keras'
/// `MaxPooling2D`). Output sizes follow `ConvGeometry` with the window as kernel; padded positions never win a
/// max (TensorFlow pads with -inf). Keeps the rank of `X`.
struct MaxPool: Op {
    let name = "maxpool"
    let summary = "condense: max over size x size windows, as tf.nn.max_pool2d"
    let parameters = [Parameter("X", .tensor), .choice(["same", "valid"])]
    let options = [OptionSpec("size", "N"), OptionSpec("stride", "S")]
    let details = """
        size=N or [H,W] (default 2); stride=S or [H,W] (default: the size); padding valid unless same is given.
        Example:  p = maxpool d          # halves H and W
        """

    func apply(_ arguments: Arguments, _ context: Context) throws -> Value? {
        let input = try arguments.tensor(1)
        let padding = Padding(rawValue: arguments.choice(2) ?? "valid")!
        let size = try arguments.pairOption("size", default: (2, 2))
        let stride = try arguments.pairOption("stride", default: size)
        let spatial = try SpatialInput(input)
        let batch = spatial.batch
        let g = try ConvGeometry(input: batch.shape, kernel: [size.0, size.1], padding: padding, stride: stride,
                                 given: input.shape)
        return .tensor(try spatial.restoringRank(try Pooling.maxPool(batch, g, threads: context.threads)))
    }
}
