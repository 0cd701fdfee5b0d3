/// A loaded model as a value of the language: `m = load vgg16.keras`; `m` describes it, `m.block1_conv1` is one
/// of its layers, `m.inner` a nested model.
final class Model: ModelValue {
    let graph: ModelGraph

    init(_ graph: ModelGraph) { self.graph = graph }

    var kindName: String { "model" }

    /// `m: Functional 'vgg16_block12', 7 layers, input [224,224,3], 260,160 parameters`. Keras' layer count: a
    /// Sequential model's input layer is not one of its layers.
    func describe(name: String) -> String {
        let count = graph.className == "Sequential" ? graph.layers.count - 1 : graph.layers.count
        let input = graph.inputShape.map { "[" + $0.map { $0.map(String.init) ?? "?" }.joined(separator: ",") + "]" } ?? "unknown"
        return "\(name): \(graph.className) '\(graph.name)', \(count) layers, input \(input), "
            + "\(Model.parameters(graph.parameterCount)) parameters"
    }

    /// 260160 → `260,160`; 14714688 → `14.7 M`.
    static func parameters(_ count: Int) -> String {
        count < 1_000_000 ? LayersTable.grouped(count) : String(format: "%.1f M", Double(count) / 1e6)
    }

    func member(_ name: String) throws -> Value {
        guard let layer = graph.layer(name) else { throw Model.unknown(name, in: "'\(graph.name)'", memberNames, what: "layer") }
        return .model(layer.submodel.map(Model.init) ?? LayerValue(layer))
    }

    var memberNames: [String] { graph.layers.map(\.name) }

    /// "'blok1_conv1' is not a layer of 'vgg16'; did you mean block1_conv1?" (or the list when it is short).
    static func unknown(_ name: String, in owner: String, _ names: [String], what: String) -> OpError {
        var message = "'\(name)' is not a \(what) of \(owner)"
        if let guess = Suggest.closest(to: name, among: names) { message += "; did you mean \(guess)?" }
        else if names.isEmpty { message += "; it has none" }
        else if names.count <= 12 { message += "; it has " + names.joined(separator: ", ") }
        return OpError(ModelText.printable(message))
    }
}

/// One layer of a model as a value: `m.block1_conv1`; its weights are members in TensorFlow layout
/// (`.kernel` [kh,kw,Cin,Cout], `.bias`, batch norm's `.gamma`, `.beta`, `.mean`, `.variance`).
final class LayerValue: ModelValue {
    let layer: Layer

    init(_ layer: Layer) { self.layer = layer }

    var kindName: String { "layer" }

    /// `k: Conv2D 'block1_conv1', 3x3 s1 same, relu; kernel [3,3,3,64], bias [64]`.
    func describe(name: String) -> String {
        var parts = [LayersTable.window(layer), layer.config["activation"]?.string ?? ""].filter { !$0.isEmpty }
        parts = [parts.joined(separator: ", ")].filter { !$0.isEmpty }
        let weights = layer.weights.map { "\($0.name) \(Tensor.describe($0.tensor.shape))" }.joined(separator: ", ")
        return "\(name): \(layer.className) '\(layer.name)'" + (parts.isEmpty ? "" : ", " + parts[0])
            + (weights.isEmpty ? "; no weights" : "; " + weights)
    }

    func member(_ name: String) throws -> Value {
        guard let tensor = layer.weight(name) else {
            throw Model.unknown(name, in: "layer '\(layer.name)' (\(layer.className))", memberNames, what: "weight")
        }
        return .tensor(tensor)
    }

    var memberNames: [String] { layer.weights.map(\.name) }
}
