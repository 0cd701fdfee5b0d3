/// The ONNX operators the importer understands, each turned into Keras layers (or folded when its inputs are
/// constants, or a change of layout for a Transpose).
extension ONNXImporter {
    static let supported = ["Add", "AveragePool", "BatchNormalization", "Cast", "Clip", "Concat", "Constant", "Conv",
                            "Dropout", "Elu", "Exp", "Flatten", "Gather", "Gemm", "GlobalAveragePool", "GlobalMaxPool",
                            "Identity", "LeakyRelu", "MatMul", "MaxPool", "Mul", "Pad", "Relu", "Reshape", "Selu",
                            "Shape", "Sigmoid", "Slice", "Softmax", "Softplus", "Softsign", "Squeeze", "Tanh",
                            "Transpose", "Unsqueeze"]

    /// The element-wise operators that are a Keras activation of their own, by that activation's name.
    static let activations = ["Relu": "relu", "Sigmoid": "sigmoid", "Tanh": "tanh", "Elu": "elu", "Exp": "exponential",
                              "Softplus": "softplus", "Softsign": "softsign"]

    /// Selu's constants as ONNX writes its defaults (float32), which are Keras' own.
    static let seluAlpha: Float = 1.67326319217681884765625, seluGamma: Float = 1.05070102214813232421875

    mutating func convert(_ node: Onnx_NodeProto) throws {
        for name in node.input where !name.isEmpty && items[name] == nil { throw undefined(node, name) }
        guard let output = node.output.first, !output.isEmpty else { throw problem(node, "has no output") }
        if try fold(node, output) { return }
        switch node.opType {
        case "Identity", "Dropout":
            items[output] = items[node.input[0]]
        case "Transpose":
            let x = try runtime(node, 0), perm = integers(node, "perm") ?? []
            if x.stored.count == 3 && x.layout == .plain && perm == [0, 3, 1, 2] {
                items[output] = .runtime(Runtime(ref: x.ref, layout: .nchw, stored: x.stored))
            } else if x.layout == .nchw && perm == [0, 2, 3, 1] {
                items[output] = .runtime(Runtime(ref: x.ref, layout: .plain, stored: x.stored))
            } else {
                throw problem(node, "only NHWC ↔ NCHW transposes are supported")
            }
        case "Relu", "Sigmoid", "Tanh", "Elu", "Exp", "Softplus", "Softsign":
            try add(node, "Activation", ["activation": .string(Self.activations[node.opType]!)],
                    inputs: [try runtime(node, 0)])
        case "Selu":
            guard (attribute(node, "alpha")?.f ?? Self.seluAlpha) == Self.seluAlpha,
                  (attribute(node, "gamma")?.f ?? Self.seluGamma) == Self.seluGamma else {
                throw problem(node, "only the default alpha and gamma (Keras' selu) are supported")
            }
            try add(node, "Activation", ["activation": .string("selu")], inputs: [try runtime(node, 0)])
        case "Clip":
            // min and max: constant inputs from opset 11, attributes before; either may be absent.
            let x = try runtime(node, 0)
            let low = try constant(node, 1)?.floats.first ?? attribute(node, "min")?.f ?? -.infinity
            let high = try constant(node, 2)?.floats.first ?? attribute(node, "max")?.f ?? .infinity
            guard low == 0 else { throw problem(node, "only a clip from 0 (relu, relu6) is supported") }
            try add(node, "ReLU", high.isFinite ? ["max_value": .number(Double(high))] : [:], inputs: [x])
        case "LeakyRelu":
            let alpha = attribute(node, "alpha").map { Double($0.f) } ?? 0.01
            try add(node, "LeakyReLU", ["negative_slope": .number(alpha)], inputs: [try runtime(node, 0)])
        case "Softmax":
            let x = try runtime(node, 0), axis = integer(node, "axis", default: -1)
            guard x.layout == .plain, axis == -1 || axis == x.logical.count - 1 else {
                throw problem(node, "only a softmax over the last axis of an NHWC or [N,F] tensor is supported")
            }
            try add(node, "Activation", ["activation": .string("softmax")], inputs: [x])
        case "Conv": try convolution(node)
        case "MaxPool", "AveragePool": try pooling(node)
        case "GlobalAveragePool", "GlobalMaxPool":
            let x = try runtime(node, 0)
            guard x.layout == .nchw else { throw problem(node, "expects an NCHW tensor") }
            try add(node, node.opType == "GlobalMaxPool" ? "GlobalMaxPooling2D" : "GlobalAveragePooling2D",
                    ["keepdims": .bool(true)], inputs: [x])
        case "BatchNormalization":
            let x = try runtime(node, 0)
            let weights = try ["gamma", "beta", "mean", "variance"].enumerated().map { index, name in
                (name, try channelVector(node, try constant(node, index + 1), x))
            }
            let epsilon = attribute(node, "epsilon").map { Double($0.f) } ?? 1e-5
            try add(node, "BatchNormalization", ["epsilon": .number(epsilon)], inputs: [x], weights: weights)
        case "Add", "Mul": try arithmetic(node)
        case "Concat":
            let values = try node.input.indices.map { try runtime(node, $0) }
            let rank = values[0].logical.count, axis = integer(node, "axis", default: 1)
            let channels = values[0].layout == .nchw ? 1 : rank - 1
            guard (axis + rank) % rank == channels, values.allSatisfy({ $0.layout == values[0].layout }) else {
                throw problem(node, "only concatenation along channels is supported")
            }
            try add(node, "Concatenate", ["axis": .number(-1)], inputs: values)
        case "Pad": try padding(node)
        case "Flatten", "Reshape", "Squeeze": try flatten(node)
        case "MatMul", "Gemm": try dense(node)
        default:
            throw problem(node, "op type \(node.opType) is not supported (supported: \(Self.supported.joined(separator: ", ")))")
        }
    }

    // MARK: - Convolution and pooling

    private mutating func convolution(_ node: Onnx_NodeProto) throws {
        let x = try runtime(node, 0)
        guard x.layout == .nchw, let w = try constant(node, 1), w.shape.count == 4 else {
            throw problem(node, "expects an NCHW input and a constant [O,I,kh,kw] weight")
        }
        let channels = x.stored[2], group = integer(node, "group", default: 1)
        let bias = try constant(node, 2).map { try $0.tensor([w.shape[0]]) }
        let kernel = [w.shape[2], w.shape[3]]
        var (config, input) = try window(node, x, kernel: kernel)
        let weights: [(name: String, tensor: Tensor)]
        let className: String
        if group == 1 {
            className = "Conv2D"
            config["filters"] = .number(Double(w.shape[0]))
            weights = [("kernel", try w.hwio())]
        } else if group == channels && w.shape[1] == 1 && w.shape[0] % channels == 0 {
            // Depthwise: O = C·m filters of one channel each; OIHW [C·m,1,kh,kw] → [kh,kw,C,m].
            className = "DepthwiseConv2D"
            let multiplier = w.shape[0] / channels
            config["depth_multiplier"] = .number(Double(multiplier))
            let hwio = try w.hwio()      // [kh,kw,1,C·m], whose last axis runs c·m + j: exactly [kh,kw,C,m]
            weights = [("kernel", try hwio.reshaped([kernel[0], kernel[1], channels, multiplier]))]
        } else {
            throw problem(node, "grouped convolutions other than depthwise are not supported")
        }
        try add(node, className, config, inputs: [input], weights: weights + (bias.map { [("bias", $0)] } ?? []))
    }

    private mutating func pooling(_ node: Onnx_NodeProto) throws {
        let x = try runtime(node, 0)
        guard x.layout == .nchw, let kernel = integers(node, "kernel_shape"), kernel.count == 2 else {
            throw problem(node, "expects an NCHW input and a 2-d kernel_shape")
        }
        guard integer(node, "ceil_mode", default: 0) == 0 else { throw problem(node, "ceil_mode=1 is not supported") }
        var (config, input) = try window(node, x, kernel: kernel, explicitPadding: false)
        if node.opType == "AveragePool" && integer(node, "count_include_pad", default: 0) != 0 && config["padding"] == .string("same") {
            throw problem(node, "count_include_pad=1 with padding is not supported")
        }
        config["pool_size"] = .array(kernel.map { .number(Double($0)) })
        try add(node, node.opType == "MaxPool" ? "MaxPooling2D" : "AveragePooling2D", config, inputs: [input])
    }

    /// kernel/strides/dilations/padding of a Conv or pool as a Keras config; pads that are neither zero nor
    /// TensorFlow's `same` become a ZeroPadding2D layer in front (convolutions only).
    private mutating func window(_ node: Onnx_NodeProto, _ x: Runtime, kernel: [Int], explicitPadding: Bool = true)
        throws -> ([String: JSON], Runtime) {
        let strides = integers(node, "strides") ?? [1, 1], dilations = integers(node, "dilations") ?? [1, 1]
        // Sizes as Keras' Window accepts them (1 ..< 2^16), so that no later arithmetic divides by 0 or overflows.
        guard strides.count == 2, dilations.count == 2, (kernel + strides + dilations).allSatisfy({ $0 > 0 && $0 < 1 << 16 })
        else { throw problem(node, "expects 2-d kernel, strides and dilations between 1 and 65535") }
        let same = (0..<2).flatMap { axis -> [Int] in
            let size = x.stored[axis], extent = (kernel[axis] - 1) * dilations[axis] + 1
            let total = max(((size + strides[axis] - 1) / strides[axis] - 1) * strides[axis] + extent - size, 0)
            return [total / 2, total - total / 2]
        }
        var pads = integers(node, "pads") ?? [0, 0, 0, 0]
        switch attribute(node, "auto_pad").map({ String(decoding: $0.s, as: UTF8.self) }) ?? "NOTSET" {
        case "SAME_UPPER": pads = [same[0], same[2], same[1], same[3]]
        case "SAME_LOWER": pads = [same[1], same[3], same[0], same[2]]
        case "VALID": pads = [0, 0, 0, 0]
        default: break
        }
        guard pads.count == 4, pads.allSatisfy({ $0 >= 0 }) else { throw problem(node, "expects 4 non-negative pads") }
        let tblr = [pads[0], pads[2], pads[1], pads[3]]
        var config: [String: JSON] = ["kernel_size": .array(kernel.map { .number(Double($0)) }),
                                      "strides": .array(strides.map { .number(Double($0)) }),
                                      "dilation_rate": .array(dilations.map { .number(Double($0)) })]
        var input = x
        if tblr == same && tblr != [0, 0, 0, 0] {
            config["padding"] = .string("same")
        } else {
            config["padding"] = .string("valid")
            if tblr != [0, 0, 0, 0] {
                guard explicitPadding else { throw problem(node, "pads other than TensorFlow's same are not supported") }
                let pad = try add(node, "ZeroPadding2D", ["padding": .array([.array([.number(Double(tblr[0])), .number(Double(tblr[1]))]),
                                                                             .array([.number(Double(tblr[2])), .number(Double(tblr[3]))])])],
                                  inputs: [x], name: node.name + "_pad")
                input = Runtime(ref: TensorRef(layer: pad.name, index: 0), layout: .nchw,
                                stored: [x.stored[0] + tblr[0] + tblr[1], x.stored[1] + tblr[2] + tblr[3], x.stored[2]])
            }
        }
        return (config, input)
    }

    private mutating func padding(_ node: Onnx_NodeProto) throws {
        let x = try runtime(node, 0)
        let mode = attribute(node, "mode").map { String(decoding: $0.s, as: UTF8.self) } ?? "constant"
        let pads = try constant(node, 1)?.integers ?? integers(node, "pads") ?? []
        let value = try constant(node, 2)?.floats.first ?? 0
        guard mode == "constant", value == 0, pads.count == 8, x.layout == .nchw || x.stored.count == 3 else {
            throw problem(node, "only zero padding of a 4-d tensor is supported")
        }
        // ONNX pads: begin of every logical axis, then end of every axis.
        let (h, w, c) = x.layout == .nchw ? (2, 3, 1) : (1, 2, 3)
        guard pads[0] == 0, pads[4] == 0, pads[c] == 0, pads[c + 4] == 0 else { throw problem(node, "only spatial padding is supported") }
        try add(node, "ZeroPadding2D", ["padding": .array([.array([.number(Double(pads[h])), .number(Double(pads[h + 4]))]),
                                                            .array([.number(Double(pads[w])), .number(Double(pads[w + 4]))])])],
                inputs: [x])
    }
}
