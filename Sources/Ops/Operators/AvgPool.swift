/// `avgpool X [same|valid] [size=2] [stride=S]`: average pooling, as `tf.nn.avg_pool2d`.
///
/// The window and stride options and the padding word are `maxpool`'s. Each output is the mean of its window's
/// in-image pixels: with `same`, a window that hangs over the edge averages only the real pixels (TensorFlow never
/// counts padding). Keeps the rank of `X`.
struct AvgPool: Op {
    let name = "avgpool"
    let summary = "average over size x size windows, as tf.nn.avg_pool2d"
    let parameters = [Parameter("X", .tensor), .choice(["same", "valid"])]
    let options = [OptionSpec("size", "N"), OptionSpec("stride", "S")]
    let details = """
        size=N or [H,W] (default 2); stride=S or [H,W] (default: the size); padding valid unless same is given.
        same: OH = ceil(H/stride), and a window crossing the border divides by its count of real pixels only.
        Reference: tf.nn.avg_pool2d (Keras AveragePooling2D).
        Example:  a = avgpool d size=3 stride=2 same
        """

    func apply(_ arguments: Arguments, _ context: Context) throws -> Value? {
        try PoolingWindow.run(arguments) { try AveragePooling.pool($0, $1, threads: context.threads) }
    }
}
