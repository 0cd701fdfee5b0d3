/// `bias X B`: adds the vector `B` `[C]` along the last axis, as `tf.nn.bias_add`.
struct Bias: Op {
    let name = "bias"
    let summary = "add a per-channel vector along the last axis, as tf.nn.bias_add"
    let parameters = [Parameter("X", .tensor), Parameter("B", .tensor)]
    let details = """
        out[..., c] = X[..., c] + B[c]; B has one value per channel (the last axis of X). X + B with broadcasting
        does the same; conv2d and dense take bias=B directly.
        Reference: tf.nn.bias_add.
        Example:  f = bias (conv2d img w same) b
        """

    func apply(_ arguments: Arguments, _ context: Context) throws -> Value? {
        let input = try arguments.tensor(1)
        guard let channels = input.shape.last else { throw OpError.argument(1, "cannot add a bias to a number") }
        let bias = try Bias.vector(try arguments.tensor(2), channels, "the \(channels) channel(s) of "
                                   + Tensor.describe(input.shape)) { OpError.argument(2, $0) }
        return .tensor(try LayerMath.addBias(input, bias, threads: context.threads))
    }

    /// `b` when it is a `[channels]` vector; else `error` of `[4] does not match WHAT; expected [3]`.
    static func vector(_ b: Tensor, _ channels: Int, _ what: String, _ error: (String) -> OpError) throws -> Tensor {
        guard b.rank == 1, b.count == channels else {
            throw error("\(Tensor.describe(b.shape)) does not match \(what); expected [\(channels)]")
        }
        return b
    }
}
