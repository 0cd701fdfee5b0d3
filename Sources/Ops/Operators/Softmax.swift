/// `softmax X [axis=-1]`: `exp(x - max) / Σ exp(x - max)` along one axis, as `tf.nn.softmax`.
struct Softmax: Op {
    let name = "softmax"
    let summary = "exponentials normalised to sum 1 along an axis, as tf.nn.softmax"
    let parameters = [Parameter("X", .tensor)]
    let options = [OptionSpec("axis", "A")]
    let details = """
        axis=A counts from 0, or from the end when negative (default -1, the last axis: the classes of a dense head).
        The maximum is subtracted first, so large logits do not overflow.
        Reference: tf.nn.softmax(x, axis).
        Example:  p = softmax logits
        """

    func apply(_ arguments: Arguments, _ context: Context) throws -> Value? {
        let input = try arguments.tensor(1)
        guard input.rank >= 1 else { throw OpError.argument(1, "expected a tensor with at least one axis, got a number") }
        let axis = try arguments.integerOption("axis", default: -1, in: -input.rank...(input.rank - 1))
        return .tensor(try LayerMath.softmax(input, axis: axis < 0 ? axis + input.rank : axis))
    }
}
