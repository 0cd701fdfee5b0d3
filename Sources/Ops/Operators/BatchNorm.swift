/// `batchnorm X MEAN VAR [BETA] [GAMMA] [epsilon=0.001]`: inference batch normalisation, as
/// `tf.nn.batch_normalization`: `(x - mean) / √(var + ε) · gamma + beta` per channel (the last axis).
struct BatchNorm: Op {
    let name = "batchnorm"
    let summary = "normalise each channel with stored statistics, as tf.nn.batch_normalization"
    let parameters = [
        Parameter("X", .tensor), Parameter("MEAN", .tensor), Parameter("VAR", .tensor),
        Parameter("BETA", .tensor, optional: true), Parameter("GAMMA", .tensor, optional: true),
    ]
    let options = [OptionSpec("epsilon", "E")]
    let details = """
        MEAN, VAR, BETA (offset) and GAMMA (scale) are [C] vectors for the last axis of X; BETA defaults to 0 and
        GAMMA to 1. epsilon defaults to 0.001, Keras' BatchNormalization default. Computed as TensorFlow does:
        inv = gamma / sqrt(var + epsilon), out = x·inv + (beta - mean·inv).
        Reference: tf.nn.batch_normalization(x, mean, var, beta, gamma, epsilon).
        Example:  y = batchnorm f m v b g
        """

    func apply(_ arguments: Arguments, _ context: Context) throws -> Value? {
        let input = try arguments.tensor(1)
        guard let channels = input.shape.last else { throw OpError.argument(1, "expected a tensor with channels, got a number") }
        let vectors = try (2...5).map { p -> Tensor? in
            guard arguments.argument(p) != nil else { return nil }
            return try Bias.vector(try arguments.tensor(p), channels, "the \(channels) channel(s) of "
                                   + Tensor.describe(input.shape)) { OpError.argument(p, $0) }
        }
        let epsilon = try arguments.numberOption("epsilon", default: 0.001)
        guard epsilon >= 0, epsilon.isFinite else {
            throw OpError.option("epsilon", "expected a number ≥ 0, got \(Value.format(epsilon))")
        }
        return .tensor(try LayerMath.batchNorm(input, mean: vectors[0]!, variance: vectors[1]!, offset: vectors[2],
                                               scale: vectors[3], epsilon: Float(epsilon)))
    }
}
