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
        try PoolingWindow.run(arguments) { try Pooling.maxPool($0, $1, threads: context.threads) }
    }
}
