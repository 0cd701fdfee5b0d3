/// `relu X`: `max(0, x)` element-wise, as `tf.nn.relu` (NaN stays NaN, -0.0 becomes +0.0).
///
/// NOTE: TensorFlow's own sign of zero for -0.0 depends on the element's position (its vector lanes give +0.0,
/// its scalar tail -0.0); we give +0.0 everywhere, as the vector path does.
///
/// Runs in place when the session hands over the only reference to `X`'s storage; otherwise writes a new tensor.
struct Relu: Op {
    let name = "relu"
    let summary = "detect: max(0, x) element-wise, as tf.nn.relu"
    let parameters = [Parameter("X", .tensor)]
    let reusesFirstArgument = true

    func apply(_ arguments: Arguments, _ context: Context) throws -> Value? {
        let input = try arguments.tensor(1)
        let overwrite = arguments.argument(1)!.mayReuseStorage
        return .tensor(try Activation.relu(consume input, threads: context.threads, overwrite: overwrite))
    }
}
