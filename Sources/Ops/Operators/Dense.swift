/// `dense X W [B] [activation=...]`: a fully connected layer, as Keras' `Dense`: `act(X · W + B)`.
struct Dense: Op {
    let name = "dense"
    let summary = "fully connected layer act(X·W + B), as keras.layers.Dense"
    let parameters = [Parameter("X", .tensor), Parameter("W", .tensor), Parameter("B", .tensor, optional: true)]
    let options = [ActivationChoice.option]
    let details = """
        W is [in,out] (Keras' kernel), or the same matrix as a 1x1 filter bank [1,1,in,out] (kernel random 1 1 IN OUT
        gives Keras' Glorot-uniform Dense initialisation); B [out]. X's last axis must have `in` values, any leading
        axes are kept: [in] → [out], [N,in] → [N,out]. Runs as one matrix product on the 1x1-conv schedule.
        Reference: keras.layers.Dense(out, activation=...) with kernel W and bias B.
        Example:  logits = dense (flatten p) w b
        """

    func apply(_ arguments: Arguments, _ context: Context) throws -> Value? {
        let input = try arguments.tensor(1)
        var weights = try arguments.tensor(2)
        if weights.rank == 4, weights.shape[0] == 1, weights.shape[1] == 1 {
            weights = try weights.reshaped([weights.shape[2], weights.shape[3]])
        }
        guard weights.rank == 2 else {
            throw OpError.argument(2, "expected a weight matrix [in,out] or [1,1,in,out], got "
                + Tensor.describe(weights.shape))
        }
        guard input.rank >= 1, input.shape.last == weights.shape[0] else {
            throw OpError.argument(2, "weights \(Tensor.describe(weights.shape)) take \(weights.shape[0]) inputs, but "
                + "\(Tensor.describe(input.shape)) has \(input.shape.last ?? 1) along its last axis")
        }
        let bias = try arguments.argument(3).map { _ in
            try Bias.vector(try arguments.tensor(3), weights.shape[1], "the \(weights.shape[1]) outputs of "
                            + Tensor.describe(weights.shape)) { OpError.argument(3, $0) }
        }
        return .tensor(try LayerMath.dense(input, weights, bias: bias, relu: ActivationChoice.isRelu(arguments),
                                           threads: context.threads))
    }
}
