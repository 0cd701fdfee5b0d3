/// Attaches the weights of a Keras weights file to the layers of a `ModelGraph`, under member names in
/// TensorFlow layout: `kernel` [kh,kw,Cin,Cout] (depthwise: [kh,kw,C,multiplier]), `depthwise_kernel`,
/// `pointwise_kernel`, `bias`, batch norm's `gamma`, `beta`, `mean`, `variance`.
///
/// Keras 3 (`model.weights.h5` in a `.keras` zip): `/layers/<path>/vars/0..k`, the `vars` group carrying the
/// layer's `name` attribute, nested models under `/layers/<path>/layers/`. Legacy `.h5`: `/model_weights` with a
/// `layer_names` attribute, each layer group a `weight_names` attribute whose entries are dataset paths in it.
enum KerasWeights {
    /// The member names of a layer's variables in the order Keras 3 stores them; [] for a layer without any.
    static func variableNames(_ layer: Layer) -> [String] {
        let bias = layer.config["use_bias"]?.bool ?? true ? ["bias"] : []
        switch layer.className {
        case "Conv1D", "Conv2D", "Conv3D", "Conv2DTranspose", "Dense", "DepthwiseConv2D": return ["kernel"] + bias
        case "SeparableConv2D": return ["depthwise_kernel", "pointwise_kernel"] + bias
        case "BatchNormalization":
            return (layer.config["scale"]?.bool ?? true ? ["gamma"] : [])
                + (layer.config["center"]?.bool ?? true ? ["beta"] : []) + ["mean", "variance"]
        default: return []
        }
    }

    // MARK: - Keras 3

    static func attachKeras3(_ file: HDF5File, to graph: ModelGraph, at path: String = "layers") throws {
        var groups: [String: String] = [:]
        for child in file.children(path) {
            let group = "\(path)/\(child)"
            if let name = file.strings("\(group)/vars", attribute: "name")?.first { groups[name] = group }
        }
        for layer in graph.layers {
            let names = variableNames(layer)
            if let submodel = layer.submodel {
                guard let group = groups[layer.name] else { throw missing(layer) }
                try attachKeras3(file, to: submodel, at: "\(group)/layers")
                continue
            }
            let group = groups[layer.name]
            let stored = group.map { file.children("\($0)/vars").filter { Int($0) != nil }.sorted { Int($0)! < Int($1)! } } ?? []
            if names.isEmpty && stored.isEmpty { continue }
            guard let group, !stored.isEmpty else { throw missing(layer) }
            let members = names.isEmpty ? stored.map { "w\($0)" } : names
            guard stored.count == members.count else {
                throw OpError("layer '\(layer.name)' (\(layer.className)): the file holds \(stored.count) "
                              + "variables, its config needs \(members.count) (\(members.joined(separator: ", ")))")
            }
            layer.weights = try zip(members, stored).map { ($0, try file.tensor("\(group)/vars/\($1)")) }
        }
    }

    // MARK: - Legacy .h5

    static func attachLegacy(_ file: HDF5File, to graph: ModelGraph) throws {
        let root = file.kind("model_weights") == .group ? "model_weights" : "/"
        guard let layerNames = file.splitStrings(root, attribute: "layer_names") else {
            throw OpError("the .h5 file has no layer_names attribute (not a Keras model file)")
        }
        let leaves = graph.allLayers.filter { $0.submodel == nil }
        var collected: [String: [(name: String, tensor: Tensor)]] = [:]
        for layerName in layerNames {
            let group = root == "/" ? layerName : "\(root)/\(layerName)"
            for weightName in file.splitStrings(group, attribute: "weight_names") ?? [] {
                let parts = weightName.split(separator: "/").map(String.init)
                guard let variable = parts.last else { continue }
                // `outer/inner_conv/kernel:0`: the layer is the component before the variable.
                let owner = parts.count >= 2 ? parts[parts.count - 2] : layerName
                let target = leaves.contains { $0.name == owner } ? owner : layerName
                collected[target, default: []].append((memberName(variable, target, leaves),
                                                       try file.tensor("\(group)/\(weightName)")))
            }
        }
        for layer in leaves {
            let names = variableNames(layer)
            let stored = collected[layer.name] ?? []
            if names.isEmpty && stored.isEmpty { continue }
            guard !stored.isEmpty else { throw missing(layer) }
            for name in names where !stored.contains(where: { $0.name == name }) {
                throw OpError("layer '\(layer.name)' (\(layer.className)): weight '\(name)' is missing from the file")
            }
            layer.weights = names.isEmpty ? stored : names.map { name in stored.first { $0.name == name }! }
        }
    }

    /// `kernel:0` → `kernel`, `moving_mean` → `mean`; a depthwise layer's `depthwise_kernel` is its `kernel`.
    private static func memberName(_ variable: String, _ owner: String, _ layers: [Layer]) -> String {
        let base = variable.split(separator: ":").first.map(String.init) ?? variable
        switch base {
        case "moving_mean": return "mean"
        case "moving_variance": return "variance"
        case "depthwise_kernel" where layers.first { $0.name == owner }?.className == "DepthwiseConv2D": return "kernel"
        default: return base
        }
    }

    private static func missing(_ layer: Layer) -> OpError {
        OpError("weights for layer '\(layer.name)' (\(layer.className)) are missing from the file")
    }
}
