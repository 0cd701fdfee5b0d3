/// `resize X H W [method=...] [antialias=0|1]`: `tf.image.resize` to `H x W`, half-pixel centres.
struct Resize: Op {
    let name = "resize"
    let summary = "resample to H x W, as tf.image.resize"
    let parameters = [Parameter("X", .tensor), Parameter("H", .number), Parameter("W", .number)]
    let options = [.choice("method", AxisWeights.Method.allCases.map(\.rawValue)), OptionSpec("antialias", "0|1")]
    let details = """
        method=bilinear (default) | nearest | bicubic (Keys, a = -0.5) | area | lanczos3, each exactly as
        tf.image.resize computes it (half-pixel centres; area as resize_area). antialias=1 widens the filter when
        shrinking (bilinear, bicubic, lanczos3; TensorFlow's scale_and_translate); nearest and area ignore it.
        Values are not clipped: bicubic and lanczos3 may overshoot [0,1], as in TensorFlow.
        There is no crop op: cropping is indexing, img[10:200, 30:300] (rows 10..199, columns 30..299).
        Reference: tf.image.resize(x, (H, W), method, antialias).
        Example:  small = resize img 224 224
        """

    func apply(_ arguments: Arguments, _ context: Context) throws -> Value? {
        let input = try arguments.tensor(1)
        let height = try arguments.integer(2, in: 1...1_000_000), width = try arguments.integer(3, in: 1...1_000_000)
        let method = AxisWeights.Method(rawValue: arguments.choiceOption("method", default: "bilinear"))!
        let antialias = try arguments.boolOption("antialias", default: false)
        let spatial = try SpatialInput(input)
        let (h, w) = (spatial.batch.shape[1], spatial.batch.shape[2])
        guard h > 0, w > 0 else { throw OpError.argument(1, "cannot resize an empty image \(Tensor.describe(input.shape))") }
        let rows = AxisWeights.make(method, antialias: antialias, from: h, to: height)
        let cols = AxisWeights.make(method, antialias: antialias, from: w, to: width)
        let out = try Resampling.resample(spatial.batch, rows: rows, cols: cols, threads: context.threads)
        return .tensor(try spatial.restoringRank(out))
    }
}
