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
        let input = try arguments.tensor(1)
        let padding = Padding(rawValue: arguments.choice(2) ?? "valid")!
        let size = try arguments.pairOption("size", default: (2, 2))
        let stride = try arguments.pairOption("stride", default: size)
        let spatial = try SpatialInput(input)
        let batch = spatial.batch
        let g = try ConvGeometry(input: batch.shape, kernel: [size.0, size.1], padding: padding, stride: stride,
                                 given: input.shape)
        return .tensor(try spatial.restoringRank(try AveragePooling.pool(batch, g, threads: context.threads)))
    }
}
