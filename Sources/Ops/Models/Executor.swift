/// Runs a model on an input, layer by layer, through the registry's ops: `conv2d` (bias and relu fused),
/// `maxpool`, `avgpool`, `globalpool`, `batchnorm`, `dense`, `flatten`, `pad`, `relu`, `softmax`, `bias`;
/// depthwise convs through `DepthwiseBank`; Add, Multiply, Concatenate and the other activations through
/// `LayerFunctions`. Inputs are `[H,W,C]` or a batch `[N,H,W,C]`, outputs the same rank. A layer's output is
/// freed once every layer reading it has run.
struct Executor {
    static let registry = Registry()
    static let supported = ["InputLayer", "Conv2D", "DepthwiseConv2D", "SeparableConv2D", "MaxPooling2D",
                            "AveragePooling2D", "GlobalMaxPooling2D", "GlobalAveragePooling2D", "BatchNormalization",
                            "Dense", "Flatten", "ZeroPadding2D", "Add", "Multiply", "Concatenate", "Activation", "ReLU",
                            "LeakyReLU", "Softmax", "Dropout", "SpatialDropout2D", "GaussianNoise", "GaussianDropout",
                            "Permute", "Sequential", "Functional"]
    let context: Context

    /// The output of `upto` (or of the model's first output), computing only the layers it depends on.
    func run(_ graph: ModelGraph, _ input: Tensor, upto: String? = nil) throws -> Tensor {
        try ModelText.oneLine { try runLayers(graph, input, upto: upto) }
    }

    private func runLayers(_ graph: ModelGraph, _ input: Tensor, upto: String?) throws -> Tensor {
        let target = upto ?? graph.outputs[0].layer
        guard graph.layer(target) != nil else { throw Model.unknown(target, in: "'\(graph.name)'", graph.layers.map(\.name), what: "layer") }
        let needed = ancestors(graph, target)
        for layer in graph.layers where needed.contains(layer.name) { try check(layer) }
        var readers: [String: Int] = [:]
        for layer in graph.layers where needed.contains(layer.name) { for i in layer.inputs { readers[i.layer, default: 0] += 1 } }
        var values: [String: Tensor] = [:]
        for layer in graph.layers where needed.contains(layer.name) {
            let inputs = layer.inputs.map { values[$0.layer]! }
            for i in layer.inputs {
                readers[i.layer]! -= 1
                if readers[i.layer] == 0 { values[i.layer] = nil }
            }
            do {
                values[layer.name] = layer.className == "InputLayer" ? try checkInput(graph, input) : try apply(layer, inputs)
            } catch let error as OpError {
                throw OpError("layer '\(layer.name)' (\(layer.className)): \(error.message)")
            }
            try Cancellation.check()
        }
        return values[target]!
    }

    private func ancestors(_ graph: ModelGraph, _ target: String) -> Set<String> {
        var found: Set<String> = [target], stack = [target]
        while let name = stack.popLast() {
            for input in graph.layer(name)!.inputs where found.insert(input.layer).inserted { stack.append(input.layer) }
        }
        return found
    }

    /// A one-line error for a layer the executor cannot run, naming it, its class and what is supported.
    private func check(_ layer: Layer) throws {
        let activation = layer.config["activation"]?.string ?? "linear"
        guard Self.supported.contains(layer.className) || layer.submodel != nil else {
            throw OpError("layer '\(layer.name)' (\(layer.className)) is not supported; supported: \(Self.supported.joined(separator: ", "))")
        }
        guard LayerFunctions.activations.contains(activation) else {
            throw OpError("layer '\(layer.name)' (\(layer.className)): activation '\(activation)' is not supported; "
                          + "supported: \(LayerFunctions.activations.joined(separator: ", "))")
        }
    }

    private func checkInput(_ graph: ModelGraph, _ x: Tensor) throws -> Tensor {
        let own = graph.inputShape ?? []
        let sample = Array(x.shape.suffix(own.count))
        guard (x.rank == own.count || x.rank == own.count + 1), own.last.map({ $0 == nil || $0 == sample.last }) ?? true else {
            throw OpError("the model takes \(LayersOp.describe(own)) (or a batch of them), got \(Tensor.describe(x.shape))")
        }
        return x
    }

    // MARK: - Layers

    private func apply(_ layer: Layer, _ inputs: [Tensor]) throws -> Tensor {
        let x = inputs[0], config = layer.config
        if let submodel = layer.submodel { return try Executor(context: context).run(submodel, x) }
        let activation = config["activation"]?.string ?? "linear"
        switch layer.className {
        case "Conv2D":
            let window = try Window(layer)
            let options = [("stride", list(window.strides)), ("dilation", list(window.dilation))]
                + biasOptions(layer, activation)
            return try activate(call("conv2d", [.tensor(x), .tensor(layer.weight("kernel")!), word(window.padding)],
                                     options), activation == "relu" ? "linear" : activation)
        case "DepthwiseConv2D", "SeparableConv2D":
            let window = try Window(layer)
            let depthwise = try DepthwiseBank.convolve(
                x, layer.weight("kernel") ?? layer.weight("depthwise_kernel")!, padding: Padding(rawValue: window.padding)!,
                stride: (window.strides[0], window.strides[1]), dilation: (window.dilation[0], window.dilation[1]),
                threads: context.threads)
            if layer.className == "SeparableConv2D" {
                return try activate(call("conv2d", [.tensor(depthwise), .tensor(layer.weight("pointwise_kernel")!)],
                                         biasOptions(layer, activation)), activation == "relu" ? "linear" : activation)
            }
            let biased = try layer.weight("bias").map { try call("bias", [.tensor(depthwise), .tensor($0)], []) }
            return try activate(biased ?? depthwise, activation)
        case "MaxPooling2D", "AveragePooling2D":
            let window = try Window(layer)
            return try call(layer.className == "MaxPooling2D" ? "maxpool" : "avgpool", [.tensor(x), word(window.padding)],
                            [("size", list(window.kernel)), ("stride", list(window.strides))])
        case "GlobalMaxPooling2D", "GlobalAveragePooling2D":
            return try call("globalpool", [.tensor(x), word(layer.className.hasPrefix("GlobalMax") ? "max" : "avg")],
                            [("keepdims", .number(config["keepdims"]?.bool == true ? 1 : 0))])
        case "BatchNormalization":
            let channels = x.shape.last ?? 0
            let beta = try layer.weight("beta") ?? Tensor(shape: [channels], repeating: 0)
            let gamma = try layer.weight("gamma") ?? Tensor(shape: [channels], repeating: 1)
            return try call("batchnorm", [.tensor(x), .tensor(layer.weight("mean")!), .tensor(layer.weight("variance")!),
                                          .tensor(beta), .tensor(gamma)],
                            [("epsilon", .number(config["epsilon"]?.number ?? 0.001))])
        case "Dense":
            var arguments: [Value] = [.tensor(x), .tensor(layer.weight("kernel")!)]
            if let bias = layer.weight("bias") { arguments.append(.tensor(bias)) }
            let fused = activation == "relu"
            return try activate(call("dense", arguments, fused ? [("activation", .string("relu"))] : []), fused ? "linear" : activation)
        case "Flatten":
            return try call("flatten", [.tensor(x)], [])
        case "ZeroPadding2D":
            let p = try LayerShapes.padding(layer)
            return try call("pad", [.tensor(x)] + p.map { .number(Double($0)) }, [])
        case "Add", "Multiply", "Concatenate", "Permute":
            return try LayerFunctions.merge(layer, inputs, threads: context.threads)
        case "Activation":
            return try activate(x, activation)
        case "ReLU", "LeakyReLU", "Softmax":
            return try LayerFunctions.activationLayer(layer, x, threads: context.threads) { try activate(x, $0) }
        default:   // Dropout and the noise layers: identity at inference
            return x
        }
    }

    /// `relu` and `softmax` through their ops, the others through `LayerFunctions`; `linear` is the identity.
    private func activate(_ x: Tensor, _ activation: String) throws -> Tensor {
        switch activation {
        case "linear": return x
        case "relu": return try call("relu", [.tensor(x)], [])
        case "softmax": return try call("softmax", [.tensor(x)], [])
        default: return try LayerFunctions.activation(activation, x, threads: context.threads)
        }
    }

    /// `bias=B` and a fused `activation=relu` for conv2d.
    private func biasOptions(_ layer: Layer, _ activation: String) -> [(String, Value)] {
        var options: [(String, Value)] = layer.weight("bias").map { [("bias", .tensor($0))] } ?? []
        if activation == "relu" { options.append(("activation", .string("relu"))) }
        return options
    }

    private func call(_ op: String, _ positional: [Value], _ options: [(String, Value)]) throws -> Tensor {
        let result = try Self.registry.call(op, positional.map { value in
            if case .string = value { return Argument(value, isBareWord: true) } else { return Argument(value) }
        },
                                            options: options.map { (key: $0.0, value: Argument($0.1)) }, context: context)
        guard case .tensor(let tensor)? = result else { throw OpError("\(op) returned no tensor") }
        return tensor
    }

    private func word(_ text: String) -> Value { .string(text) }
    private func list(_ values: [Int]) -> Value { .list(values.map { .number(Double($0)) }) }
}
