/// `globalpool X [avg|max] [keepdims=0|1]`: one value per channel, as Keras' `GlobalAveragePooling2D` /
/// `GlobalMaxPooling2D`.
///
/// `[H,W,C]` → `[C]`, `[N,H,W,C]` → `[N,C]`, `[H,W]` → `[1]`; with `keepdims=1` the spatial axes stay as 1s
/// (`[1,1,C]`, `[N,1,1,C]`, `[1,1]`).
struct GlobalPool: Op {
    let name = "globalpool"
    let summary = "mean or max of each channel over the whole image, as Keras GlobalAveragePooling2D"
    let parameters = [Parameter("X", .tensor), .choice(GlobalPooling.Kind.allCases.map(\.rawValue))]
    let options = [OptionSpec("keepdims", "0|1")]
    let details = """
        avg (default): the mean over H and W of each channel; max: the largest value (NaN wins, as tf.reduce_max).
        [H,W,C] gives [C], a batch [N,H,W,C] gives [N,C]; keepdims=1 keeps H and W as 1s.
        Reference: keras.layers.GlobalAveragePooling2D / GlobalMaxPooling2D (keepdims).
        Example:  v = globalpool maps          # one number per feature map
        """

    func apply(_ arguments: Arguments, _ context: Context) throws -> Value? {
        let input = try arguments.tensor(1)
        let kind = GlobalPooling.Kind(rawValue: arguments.choice(2) ?? "avg")!
        let keep = try arguments.boolOption("keepdims", default: false)
        let spatial = try SpatialInput(input)
        let pooled = try GlobalPooling.pool(spatial.batch, kind)
        let (n, c) = (pooled.shape[0], pooled.shape[1])
        let shape: [Int]
        switch input.rank {
        case 4: shape = keep ? [n, 1, 1, c] : [n, c]
        case 3: shape = keep ? [1, 1, c] : [c]
        default: shape = keep ? [1, 1] : [1]
        }
        return .tensor(try pooled.reshaped(shape))
    }
}
