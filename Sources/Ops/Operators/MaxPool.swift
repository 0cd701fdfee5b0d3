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

    func apply(_ arguments: Arguments, _ context: Context) throws -> Tensor? {
        let input = try arguments.tensor(1)
        let padding = Padding(rawValue: try arguments.choice(2, of: ["same", "valid"]) ?? "valid")!
        let size = try arguments.pairOption("size", default: (2, 2))
        let stride = try arguments.pairOption("stride", default: size)
        let spatial = try SpatialInput(input, op: name)
        let batch = spatial.batch
        let g: ConvGeometry
        do {
            g = try ConvGeometry(input: batch.shape, kernel: [size.0, size.1], padding: padding, stride: stride)
        } catch let error as OpError {
            throw OpError.op(name, error.message)
        }
        return try spatial.restoringRank(try Pooling.maxPool(batch, g, threads: context.threads))
    }
}
