/// Keras' model config (`config.json` of a `.keras` file, the `model_config` attribute of a legacy `.h5`) →
/// a `ModelGraph`: Sequential models become a chain, Functional ones the DAG their `inbound_nodes` describe
/// (Keras 3's `{"args": [keras tensors]}` and Keras 2's `[[["name", node, index, {}]]]` forms), nested models
/// graphs of their own. Layers must come after their inputs (Keras writes them so), which also rules out cycles.
enum KerasConfig {
    /// Deeper nesting than this is refused (a config is data, and recursion must end).
    static let maximumDepth = 16

    static func graph(_ json: JSON, depth: Int = 0) throws -> ModelGraph {
        try ModelText.oneLine { try readGraph(json, depth: depth) }
    }

    private static func readGraph(_ json: JSON, depth: Int) throws -> ModelGraph {
        guard depth < maximumDepth else { throw OpError("models nested deeper than \(maximumDepth) levels") }
        guard let className = json["class_name"]?.string, let config = json["config"], config.object != nil else {
            throw OpError("the model config has no class_name and config")
        }
        let name = config["name"]?.string ?? className.lowercased()
        switch className {
        case "Sequential": return try sequential(name, config, depth: depth)
        case "Functional", "Model": return try functional(name, config, depth: depth)
        default: throw OpError("the model is a \(className); only Sequential and Functional models can be read")
        }
    }

    // MARK: - Sequential

    private static func sequential(_ name: String, _ config: JSON, depth: Int) throws -> ModelGraph {
        guard let items = config["layers"]?.array else { throw OpError("Sequential '\(name)' has no layers list") }
        var layers: [Layer] = []
        var previous: TensorRef?
        var shape = config["build_input_shape"].flatMap(batchShape)
        for item in items {
            let (className, layerName, layerConfig) = try identity(item)
            if className == "InputLayer" {
                guard layers.isEmpty else { throw OpError("Sequential '\(name)': an InputLayer after the first layer") }
                shape = layerConfig["batch_shape"].flatMap(batchShape) ?? layerConfig["batch_input_shape"].flatMap(batchShape)
                layers.append(Layer(name: layerName, className: className, config: layerConfig, inputs: []))
                previous = TensorRef(layer: layerName, index: 0)
                continue
            }
            if previous == nil {
                // Keras 2 writes the input shape into the first layer instead of an InputLayer.
                shape = shape ?? layerConfig["batch_input_shape"].flatMap(batchShape)
                    ?? layerConfig["batch_shape"].flatMap(batchShape)
                let input = Layer(name: "\(name)_input", className: "InputLayer", config: .object([:]), inputs: [])
                layers.append(input)
                previous = TensorRef(layer: input.name, index: 0)
            }
            let submodel = try nested(item, depth: depth)
            let layer = Layer(name: layerName, className: className, config: layerConfig, inputs: [previous!],
                              submodel: submodel)
            try append(layer, to: &layers, model: name)
            previous = TensorRef(layer: layerName, index: 0)
        }
        guard let output = previous, layers.count > 1 else { throw OpError("Sequential '\(name)' has no layers") }
        return ModelGraph(name: name, className: "Sequential", layers: layers, inputs: [layers[0].name],
                          outputs: [output], inputShape: shape)
    }

    // MARK: - Functional

    private static func functional(_ name: String, _ config: JSON, depth: Int) throws -> ModelGraph {
        guard let items = config["layers"]?.array else { throw OpError("model '\(name)' has no layers list") }
        var layers: [Layer] = []
        for item in items {
            let (className, layerName, layerConfig) = try identity(item)
            let nodes = item["inbound_nodes"]?.array ?? []
            guard nodes.count <= 1 else {
                throw OpError("layer '\(layerName)' is called \(nodes.count) times; shared layers are not supported")
            }
            let inputs = nodes.first.map(references) ?? []
            guard className == "InputLayer" || !inputs.isEmpty else {
                throw OpError("layer '\(layerName)' (\(className)) has no inputs")
            }
            let layer = Layer(name: layerName, className: className, config: layerConfig, inputs: inputs,
                              submodel: try nested(item, depth: depth))
            try append(layer, to: &layers, model: name)
        }
        let inputs = try endpoints(config["input_layers"], name, "input_layers").map(\.layer)
        let outputs = try endpoints(config["output_layers"], name, "output_layers")
        for output in outputs where !layers.contains(where: { $0.name == output.layer }) {
            throw OpError("model '\(name)': output layer '\(output.layer)' is not among its layers")
        }
        var shape: [Int?]?
        if inputs.count == 1, let input = layers.first(where: { $0.name == inputs[0] }) {
            guard input.className == "InputLayer" else { throw OpError("model '\(name)': input '\(input.name)' is no InputLayer") }
            shape = input.config["batch_shape"].flatMap(batchShape) ?? input.config["batch_input_shape"].flatMap(batchShape)
        } else if inputs.count != 1 {
            throw OpError("model '\(name)' has \(inputs.count) inputs; only single-input models are supported")
        } else {
            throw OpError("model '\(name)': input layer '\(inputs[0])' is not among its layers")
        }
        return ModelGraph(name: name, className: "Functional", layers: layers, inputs: inputs, outputs: outputs,
                          inputShape: shape)
    }

    /// `[["image", 0, 0]]`, or a single `["image", 0, 0]` as Keras 3 writes for one input.
    private static func endpoints(_ json: JSON?, _ model: String, _ key: String) throws -> [TensorRef] {
        guard let items = json?.array, !items.isEmpty else { throw OpError("model '\(model)' has no \(key)") }
        let entries = items.first?.string != nil ? [json!] : items
        return try entries.map { entry in
            guard let layer = entry.array?.first?.string else { throw OpError("model '\(model)': malformed \(key)") }
            let index = entry.array!.count > 2 ? entry.array![2].integer ?? 0 : 0
            return TensorRef(layer: layer, index: index)
        }
    }

    /// The layers an inbound node reads, in argument order: every `keras_history` in Keras 3's `args`, or the
    /// `[name, node, index, kwargs]` entries of Keras 2.
    private static func references(_ node: JSON) -> [TensorRef] {
        if let args = node["args"] { return kerasTensors(args) }
        return (node.array ?? []).compactMap { entry in
            guard let parts = entry.array, let layer = parts.first?.string else { return nil }
            return TensorRef(layer: layer, index: parts.count > 2 ? parts[2].integer ?? 0 : 0)
        }
    }

    private static func kerasTensors(_ json: JSON) -> [TensorRef] {
        if json["class_name"]?.string == "__keras_tensor__" {
            guard let history = json["config"]?["keras_history"]?.array, let layer = history.first?.string else { return [] }
            return [TensorRef(layer: layer, index: history.count > 2 ? history[2].integer ?? 0 : 0)]
        }
        if let items = json.array { return items.flatMap(kerasTensors) }
        return []
    }

    // MARK: - Helpers

    private static func identity(_ item: JSON) throws -> (className: String, name: String, config: JSON) {
        guard let className = item["class_name"]?.string, let config = item["config"], config.object != nil else {
            throw OpError("a layer entry has no class_name and config")
        }
        guard let name = config["name"]?.string ?? item["name"]?.string, !name.isEmpty else {
            throw OpError("a \(className) layer has no name")
        }
        return (className, name, config)
    }

    private static func nested(_ item: JSON, depth: Int) throws -> ModelGraph? {
        guard let className = item["class_name"]?.string, ["Sequential", "Functional", "Model"].contains(className)
        else { return nil }
        return try graph(item, depth: depth + 1)
    }

    private static func append(_ layer: Layer, to layers: inout [Layer], model: String) throws {
        guard !layers.contains(where: { $0.name == layer.name }) else {
            throw OpError("model '\(model)' has two layers named '\(layer.name)'")
        }
        for input in layer.inputs where !layers.contains(where: { $0.name == input.layer }) {
            throw OpError("layer '\(layer.name)' reads '\(input.layer)', which is not defined before it")
        }
        layers.append(layer)
    }

    /// `[null, 224, 224, 3]` → `[224, 224, 3]` (nil for an open size); nil when not a shape list.
    static func batchShape(_ json: JSON) -> [Int?]? {
        guard let items = json.array, items.count >= 2 else { return nil }
        let sizes = items.dropFirst().map { $0 == .null ? nil : $0.integer.flatMap { $0 > 0 ? $0 : nil } }
        for (item, size) in zip(items.dropFirst(), sizes) where item != .null && size == nil { return nil }
        return Array(sizes)
    }
}
