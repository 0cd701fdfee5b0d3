import Foundation

/// What the executor computes itself: the element-wise activations that have no op of their own, the merge
/// layers (Add, Multiply, Concatenate along channels) and Permute.
enum LayerFunctions {
    /// Keras activation names the executor runs (`relu` and `softmax` through their ops).
    static let activations = ["linear", "relu", "softmax", "sigmoid", "tanh", "elu", "selu", "softplus", "softsign",
                              "swish", "silu", "relu6", "exponential", "hard_sigmoid", "gelu", "leaky_relu"]

    /// Keras' activation `name` on `x`, element-wise in one threaded pass of the fused engine, with TensorFlow's
    /// formulas (Keras 3's TensorFlow backend): the functions of `activation=` (`ActivationChoice`: sigmoid,
    /// tanh, elu, selu, softplus, swish/silu, relu6, gelu (erf), leaky_relu (0.2)), softsign `x / (1 + |x|)`,
    /// hard_sigmoid `relu6(x + 3) / 6`, exponential `e^x`.
    static func activation(_ name: String, _ x: Tensor, threads: Int) throws -> Tensor {
        let e = ElementwiseExpression.tensor(x)
        switch name {
        case "softsign": return try evaluate(.call(.divide, e, .call(.add, .call(.abs, e), .number(1))), threads)
        case "hard_sigmoid": return try evaluate(.call(.divide, .call(.relu6, .call(.add, e, .number(3))), .number(6)), threads)
        case "exponential": return try evaluate(.call(.exp, e), threads)
        default:
            guard ActivationChoice.codes[name] != nil else {
                throw OpError("activation '\(name)' is not supported; supported: \(activations.joined(separator: ", "))")
            }
            return try ActivationChoice.apply(x, bias: nil, name, threads: threads)
        }
    }

    /// Keras' ReLU layer (`max_value`, `negative_slope`, `threshold`), LeakyReLU and Softmax (last axis), as
    /// Keras 3 computes them (`keras.activations.relu`): with threshold `t`, slope `s` and maximum `m`,
    ///
    ///     y = clip(t != 0 ? x · (x > t) : relu(x), 0, m) - s · relu(t - x)
    ///
    /// (`relu6(x)` for `m` = 6 and `t` = 0; `leaky_relu` for `s` ≠ 0 with neither `t` nor `m`).
    static func activationLayer(_ layer: Layer, _ x: Tensor, threads: Int, _ named: (String) throws -> Tensor) throws -> Tensor {
        let config = layer.config
        let e = ElementwiseExpression.tensor(x)
        let leaky = { (slope: Double) in try evaluate(.call(.leakyRelu, e, .number(slope)), threads) }
        switch layer.className {
        case "Softmax":
            guard [nil, -1, x.rank - 1].contains(config["axis"]?.integer) else { throw OpError("only axis -1 is supported") }
            return try named("softmax")
        case "LeakyReLU":
            return try leaky(config["negative_slope"]?.number ?? config["alpha"]?.number ?? 0.3)
        default:
            let slope = config["negative_slope"]?.number ?? 0, threshold = config["threshold"]?.number ?? 0
            let top = config["max_value"]?.number
            if threshold == 0 && top == nil { return try slope == 0 ? named("relu") : leaky(slope) }
            var y: ElementwiseExpression
            if threshold != 0 {
                y = .call(.multiply, e, .call(.greater, e, .number(threshold)))
            } else {
                y = .call(top == 6 ? .relu6 : .relu, e)
            }
            if let top, !(threshold == 0 && top == 6) { y = .call(.clip, y, .number(0), .number(top)) }
            if slope != 0 {
                let below = ElementwiseExpression.call(.add, .call(.negate, e), .number(threshold))
                y = .call(.subtract, y, .call(.multiply, .number(slope), .call(.relu, below)))
            }
            return try evaluate(y, threads)
        }
    }

    /// `e`, which has a tensor leaf, as a tensor.
    private static func evaluate(_ e: ElementwiseExpression, _ threads: Int) throws -> Tensor {
        guard case .tensor(let t) = try e.evaluate(threads: threads) else { throw OpError("expected a tensor") }
        return t
    }

    /// Add and Multiply of equal shapes, Concatenate along the last axis, Permute of the axes after the batch.
    static func merge(_ layer: Layer, _ inputs: [Tensor], threads: Int) throws -> Tensor {
        let first = inputs[0]
        switch layer.className {
        case "Add", "Multiply":
            for other in inputs where other.shape != first.shape {
                throw OpError("inputs of shapes \(Tensor.describe(first.shape)) and \(Tensor.describe(other.shape)) differ")
            }
            let code: ElementwiseCode = layer.className == "Add" ? .add : .multiply
            return try evaluate(inputs.dropFirst().reduce(.tensor(first)) { .call(code, $0, .tensor($1)) }, threads)
        case "Concatenate":
            let outer = first.count / max(first.shape.last ?? 1, 1)
            for other in inputs where Array(other.shape.dropLast()) != Array(first.shape.dropLast()) {
                throw OpError("inputs of shapes \(Tensor.describe(first.shape)) and \(Tensor.describe(other.shape)) do not concatenate")
            }
            let widths = inputs.map { $0.shape.last ?? 1 }, total = widths.reduce(0, +)
            var out = try Tensor(uninitializedShape: Array(first.shape.dropLast()) + [total])
            try out.withUnsafeMutableBufferPointer { o in
                var offset = 0
                for (input, width) in zip(inputs, widths) {
                    input.withUnsafeBufferPointer { b in
                        for row in 0..<outer { for k in 0..<width { o[row * total + offset + k] = b[row * width + k] } }
                    }
                    offset += width
                }
            }
            return out
        default:
            return try permute(first, layer.config["dims"]?.array?.compactMap(\.integer) ?? [])
        }
    }

    /// Keras' Permute: `dims` (from 1) reorder the axes after the batch axis, if there is one.
    private static func permute(_ x: Tensor, _ dims: [Int]) throws -> Tensor {
        let batch = x.rank == dims.count + 1 ? x.shape[0] : 1
        let sample = Array(x.shape.suffix(dims.count))
        guard dims.sorted() == Array(1...max(dims.count, 1)), sample.count == dims.count else { throw OpError("bad Permute dims") }
        let outShape = dims.map { sample[$0 - 1] }
        var strides = [Int](repeating: 1, count: sample.count)
        for axis in stride(from: sample.count - 2, through: 0, by: -1) { strides[axis] = strides[axis + 1] * sample[axis + 1] }
        var out = try Tensor(uninitializedShape: Array(x.shape.prefix(x.rank - dims.count)) + outShape)
        let per = sample.reduce(1, *)
        try out.withUnsafeMutableBufferPointer { o in
            x.withUnsafeBufferPointer { i in
                var index = [Int](repeating: 0, count: outShape.count)
                for n in 0..<batch { for k in 0..<per {
                    var rest = k, source = 0
                    for axis in stride(from: outShape.count - 1, through: 0, by: -1) {
                        index[axis] = rest % outShape[axis]; rest /= outShape[axis]
                        source += index[axis] * strides[dims[axis] - 1]
                    }
                    o[n * per + k] = i[n * per + source]
                } }
            }
        }
        return out
    }
}
