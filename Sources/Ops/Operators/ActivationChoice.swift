/// The `activation=` option of `conv2d` and `dense`: Keras' activation names, applied after the bias.
///
/// `relu` without a bias is fused into conv2d's tile store. Otherwise the bias and the activation run as one
/// expression of math's element-wise engine, `act(x + b)`, in one pass over the result (the bias broadcasts along
/// the last axis); `softmax` normalises along the last axis. The functions are the `tf.nn` ones of the same
/// names, with Keras' defaults: `leaky_relu` alpha 0.2, `gelu` the exact erf form.
enum ActivationChoice {
    static let codes: [String: ElementwiseCode] = [
        "relu": .relu, "relu6": .relu6, "sigmoid": .sigmoid, "tanh": .tanh, "leaky_relu": .leakyRelu, "elu": .elu,
        "selu": .selu, "gelu": .gelu, "softplus": .softplus, "swish": .swish, "silu": .swish,
    ]

    static let names = ["none", "linear", "relu", "relu6", "sigmoid", "tanh", "leaky_relu", "elu", "selu", "gelu",
                        "softplus", "swish", "silu", "softmax"]

    static let option = OptionSpec.choice("activation", names)

    /// The option's word (`none` when not given).
    static func name(_ arguments: Arguments) -> String { arguments.choiceOption("activation", default: "none") }

    /// `act(x + bias)`; `x` itself when there is neither.
    static func apply(_ x: Tensor, bias: Tensor?, _ name: String, threads: Int) throws -> Tensor {
        var e = ElementwiseExpression.tensor(x)
        if let bias { e = .call(.add, e, .tensor(bias)) }
        if let code = codes[name] {
            e = code == .leakyRelu ? .call(.leakyRelu, e, .number(0.2)) : .call(code, e)
        }
        var result = x
        if case .apply = e, case .tensor(let t) = try e.evaluate(threads: threads) { result = t }
        if name == "softmax" { result = try LayerMath.softmax(result, axis: result.rank - 1) }
        return result
    }
}
