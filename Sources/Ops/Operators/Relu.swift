/// `relu X`: `max(0, x)` element-wise, as `tf.nn.relu` (NaN stays NaN).
///
/// Runs in place when the session hands over the only reference to `X`'s storage; otherwise writes a new tensor.
struct Relu: Op {
    let name = "relu"
    let summary = "detect: max(0, x) element-wise, as tf.nn.relu"
    let parameters = [Parameter("X", .tensor)]

    func apply(_ arguments: Arguments, _ context: Context) throws -> Tensor? {
        let input = try arguments.tensor(1)
        return try Activation.relu(consume input, threads: context.threads)
    }
}
