/// `relu X`: `max(0, x)` element-wise, as `tf.nn.relu` (NaN stays NaN, -0.0 becomes +0.0).
///
/// NOTE: TensorFlow's own sign of zero for -0.0 depends on the element's position (its vector lanes give +0.0,
/// its scalar tail -0.0); we give +0.0 everywhere, as the vector path does.
struct Relu: Op {
    let name = "relu"
    let summary = "detect: max(0, x) element-wise, as tf.nn.relu"
    let parameters = [Parameter("X", .tensor)]

    func apply(_ arguments: Arguments, _ context: Context) throws -> Tensor? {
        var output = try arguments.tensor(1)
        output.origin = nil
        try output.withUnsafeMutableBufferPointer { values in
            for i in values.indices where values[i] <= 0 { values[i] = 0 }
        }
        return output
    }
}
