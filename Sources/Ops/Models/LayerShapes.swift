/// Output shapes of layers (without the batch axis: `[H,W,C]` or `[features]`), checking on the way that each
/// layer's weights have the shapes its config and input imply, so a file with a wrong-shaped weight fails at load.
enum LayerShapes {
    /// The output shape of every layer of `graph` for an input of `input`, by layer name.
    static func infer(_ graph: ModelGraph, input: [Int]) throws -> [String: [Int]] {
        var shapes: [String: [Int]] = [:]
        for layer in graph.layers {
            let inputs = layer.inputs.map { shapes[$0.layer]! }
            shapes[layer.name] = try layer.className == "InputLayer" ? input : outputShape(layer, inputs)
        }
        return shapes
    }

    /// The output shape of one layer for `inputs`; throws a one-line error for an inconsistent layer.
    static func outputShape(_ layer: Layer, _ inputs: [[Int]]) throws -> [Int] {
        let problem = { (text: String) in OpError("layer '\(layer.name)' (\(layer.className)): \(text)") }
        guard let input = inputs.first else { throw problem("no input") }
        if let submodel = layer.submodel {
            let shapes = try infer(submodel, input: input)
            return shapes[submodel.outputs[0].layer]!
        }
        let channels = input.last ?? 0
        func expectWeight(_ name: String, _ shape: [Int]) throws {
            guard let weight = layer.weight(name) else { return }
            guard weight.shape == shape else {
                throw problem("\(name) is \(Tensor.describe(weight.shape)), expected \(Tensor.describe(shape))")
            }
        }
        func spatial() throws -> [Int] {
            guard input.count == 3 else { throw problem("expected an [H,W,C] input, got \(Tensor.describe(input))") }
            if layer.config["data_format"]?.string == "channels_first" { throw problem("channels_first is not supported") }
            return input
        }
        switch layer.className {
        case "Conv2D", "DepthwiseConv2D", "SeparableConv2D", "MaxPooling2D", "AveragePooling2D":
            let window = try Window(layer)
            let (h, w) = try window.outputSize(spatial(), problem)
            switch layer.className {
            case "Conv2D":
                let filters = try positive(layer, "filters")
                guard (layer.config["groups"]?.integer ?? 1) == 1 else { throw problem("groups other than 1 are not supported") }
                try expectWeight("kernel", window.kernel + [channels, filters])
                try expectWeight("bias", [filters])
                return [h, w, filters]
            case "DepthwiseConv2D":
                let multiplier = layer.config["depth_multiplier"]?.integer ?? 1
                try expectWeight("kernel", window.kernel + [channels, multiplier])
                try expectWeight("bias", [channels * multiplier])
                return [h, w, channels * multiplier]
            case "SeparableConv2D":
                let filters = try positive(layer, "filters"), multiplier = layer.config["depth_multiplier"]?.integer ?? 1
                try expectWeight("depthwise_kernel", window.kernel + [channels, multiplier])
                try expectWeight("pointwise_kernel", [1, 1, channels * multiplier, filters])
                try expectWeight("bias", [filters])
                return [h, w, filters]
            default: return [h, w, channels]
            }
        case "GlobalMaxPooling2D", "GlobalAveragePooling2D":
            _ = try spatial()
            return layer.config["keepdims"]?.bool == true ? [1, 1, channels] : [channels]
        case "BatchNormalization":
            for name in ["gamma", "beta", "mean", "variance"] { try expectWeight(name, [channels]) }
            return input
        case "Dense":
            let units = try positive(layer, "units")
            try expectWeight("kernel", [channels, units])
            try expectWeight("bias", [units])
            return Array(input.dropLast()) + [units]
        case "Flatten":
            return [input.reduce(1, *)]
        case "Permute":
            // Keras' dims count the axes after the batch from 1.
            guard let dims = layer.config["dims"]?.integers(count: input.count), dims.sorted() == Array(1...input.count) else {
                throw problem("dims must permute 1...\(input.count)")
            }
            return dims.map { input[$0 - 1] }
        case "ZeroPadding2D":
            let s = try spatial(), p = try padding(layer)
            return [s[0] + p[0] + p[1], s[1] + p[2] + p[3], s[2]]
        case "Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum":
            for other in inputs where other != input {
                throw problem("inputs of shapes \(Tensor.describe(input)) and \(Tensor.describe(other)) differ")
            }
            return input
        case "Concatenate":
            let axis = layer.config["axis"]?.integer ?? -1
            guard axis == -1 || axis == input.count else { throw problem("only concatenation on the last axis is supported") }
            for other in inputs where Array(other.dropLast()) != Array(input.dropLast()) {
                throw problem("inputs of shapes \(Tensor.describe(input)) and \(Tensor.describe(other)) do not concatenate")
            }
            return Array(input.dropLast()) + [inputs.reduce(0) { $0 + ($1.last ?? 0) }]
        default:
            // Element-wise layers (activations, dropout) and layers the executor does not know keep the shape.
            return input
        }
    }

    /// `[top, bottom, left, right]` of a ZeroPadding2D: `1`, `[1, 2]` or `[[1, 0], [0, 1]]`.
    static func padding(_ layer: Layer) throws -> [Int] {
        let value = layer.config["padding"]
        if let p = value?.integer { return [p, p, p, p] }
        if let pair = value?.integers(count: 2) { return [pair[0], pair[0], pair[1], pair[1]] }
        if let rows = value?.array?.compactMap({ $0.integers(count: 2) }), rows.count == 2,
           (rows[0] + rows[1]).allSatisfy({ $0 >= 0 }) {
            return rows[0] + rows[1]
        }
        throw OpError("layer '\(layer.name)' (ZeroPadding2D): unreadable padding")
    }

    private static func positive(_ layer: Layer, _ key: String) throws -> Int {
        guard let value = layer.config[key]?.integer, value > 0, value < 1 << 24 else {
            throw OpError("layer '\(layer.name)' (\(layer.className)): \(key) must be a positive integer")
        }
        return value
    }
}

/// The sliding window of a conv or pooling layer: kernel (or pool) size, strides, dilation and padding.
struct Window: Equatable {
    let kernel: [Int]
    let strides: [Int]
    let dilation: [Int]
    /// `same` or `valid`.
    let padding: String

    init(_ layer: Layer) throws {
        let config = layer.config
        let pool = layer.className.hasSuffix("Pooling2D")
        let size = pool ? config["pool_size"]?.integers(count: 2) : config["kernel_size"]?.integers(count: 2)
        let strides = config["strides"] == .null && pool ? size : config["strides"]?.integers(count: 2) ?? (pool ? size : [1, 1])
        let dilation = config["dilation_rate"]?.integers(count: 2) ?? [1, 1]
        let padding = config["padding"]?.string?.lowercased() ?? "valid"
        guard let size, let strides, (size + strides + dilation).allSatisfy({ $0 > 0 && $0 < 1 << 16 }),
              ["same", "valid"].contains(padding) else {
            throw OpError("layer '\(layer.name)' (\(layer.className)): unreadable window (size, strides, dilation, padding)")
        }
        guard strides == [1, 1] || dilation == [1, 1] else {
            throw OpError("layer '\(layer.name)' (\(layer.className)): strides and dilation both above 1 are not supported")
        }
        self.kernel = size
        self.strides = strides
        self.dilation = dilation
        self.padding = padding
    }

    /// TensorFlow's output size: `ceil(H / s)` for same, `floor((H - (k-1)·d - 1) / s) + 1` for valid.
    func outputSize(_ input: [Int], _ problem: (String) -> OpError) throws -> (Int, Int) {
        var sizes: [Int] = []
        for axis in 0..<2 {
            let extent = (kernel[axis] - 1) * dilation[axis] + 1
            if padding == "same" { sizes.append((input[axis] + strides[axis] - 1) / strides[axis]) }
            else if input[axis] >= extent { sizes.append((input[axis] - extent) / strides[axis] + 1) }
            else { throw problem("a \(kernel[0])x\(kernel[1]) window does not fit an input of \(Tensor.describe(input))") }
        }
        return (sizes[0], sizes[1])
    }
}
