import Foundation

/// What the executor computes itself: the element-wise activations that have no op of their own, the merge
/// layers (Add, Multiply, Concatenate along channels) and Permute.
enum LayerFunctions {
    /// Keras activation names the executor runs (`relu` and `softmax` through their ops).
    static let activations = ["linear", "relu", "softmax", "sigmoid", "tanh", "elu", "selu", "softplus", "softsign",
                              "swish", "silu", "relu6", "exponential", "hard_sigmoid"]

    /// `f(x)` element-wise in float32, with Keras' formulas (hard_sigmoid: `clip(x/6 + 1/2, 0, 1)`, Keras 3).
    static func activation(_ name: String, _ x: Tensor) throws -> Tensor {
        let f: (Float) -> Float
        switch name {
        case "sigmoid": f = { 1 / (1 + exp(-$0)) }
        case "tanh": f = { tanh($0) }
        case "elu": f = { $0 > 0 ? $0 : expm1($0) }
        case "selu": f = { 1.0507009873554805 * ($0 > 0 ? $0 : 1.6732632423543772 * expm1($0)) }
        case "softplus": f = { $0 > 20 ? $0 : log1p(exp($0)) }
        case "softsign": f = { $0 / (1 + abs($0)) }
        case "swish", "silu": f = { $0 / (1 + exp(-$0)) }
        case "relu6": f = { min(max($0, 0), 6) }
        case "exponential": f = { exp($0) }
        case "hard_sigmoid": f = { min(max($0 / 6 + 0.5, 0), 1) }
        default: throw OpError("activation '\(name)' is not supported; supported: \(activations.joined(separator: ", "))")
        }
        return try map(x, f)
    }

    /// Keras' ReLU layer (`max_value`, `negative_slope`, `threshold`), LeakyReLU and Softmax (last axis).
    static func activationLayer(_ layer: Layer, _ x: Tensor, _ named: (String) throws -> Tensor) throws -> Tensor {
        let config = layer.config
        switch layer.className {
        case "Softmax":
            guard [nil, -1, x.rank - 1].contains(config["axis"]?.integer) else { throw OpError("only axis -1 is supported") }
            return try named("softmax")
        case "LeakyReLU":
            let slope = Float(config["negative_slope"]?.number ?? config["alpha"]?.number ?? 0.3)
            return try map(x) { $0 >= 0 ? $0 : $0 * slope }
        default:
            let slope = Float(config["negative_slope"]?.number ?? 0), threshold = Float(config["threshold"]?.number ?? 0)
            let top = config["max_value"]?.number.map(Float.init) ?? .infinity
            if slope == 0 && threshold == 0 && top == .infinity { return try named("relu") }
            return try map(x) { v in min(v >= threshold ? v : slope * (v - threshold), top) }
        }
    }

    private static func map(_ x: Tensor, _ f: (Float) -> Float) throws -> Tensor {
        var out = try Tensor(uninitializedShape: x.shape)
        try out.withUnsafeMutableBufferPointer { o in x.withUnsafeBufferPointer { i in for k in 0..<i.count { o[k] = f(i[k]) } } }
        return out
    }

    /// Add and Multiply of equal shapes, Concatenate along the last axis, Permute of the axes after the batch.
    static func merge(_ layer: Layer, _ inputs: [Tensor]) throws -> Tensor {
        let first = inputs[0]
        switch layer.className {
        case "Add", "Multiply":
            for other in inputs where other.shape != first.shape {
                throw OpError("inputs of shapes \(Tensor.describe(first.shape)) and \(Tensor.describe(other.shape)) differ")
            }
            var out = first
            let add = layer.className == "Add"
            try out.withUnsafeMutableBufferPointer { o in
                for other in inputs.dropFirst() {
                    other.withUnsafeBufferPointer { b in for k in 0..<o.count { o[k] = add ? o[k] + b[k] : o[k] * b[k] } }
                }
            }
            return out
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
