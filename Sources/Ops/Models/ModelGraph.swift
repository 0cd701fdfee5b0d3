/// Output `index` of the layer named `layer`: one edge of a model's graph.
struct TensorRef: Sendable, Equatable {
    let layer: String
    let index: Int
}

/// One layer of a model: its Keras class (ONNX graphs are converted to the same classes), its config, its
/// weights in TensorFlow layout (`kernel` [kh,kw,Cin,Cout], `bias` [Cout], ...), and where its inputs come from.
/// A nested model is a layer whose `submodel` holds the inner graph.
final class Layer: @unchecked Sendable {
    let name: String
    let className: String
    let config: JSON
    let inputs: [TensorRef]
    let submodel: ModelGraph?
    /// Variables by member name, in the file's order; filled once by the weights reader, before the model is
    /// handed out, and never changed after.
    var weights: [(name: String, tensor: Tensor)] = []

    init(name: String, className: String, config: JSON, inputs: [TensorRef], submodel: ModelGraph? = nil) {
        self.name = name
        self.className = className
        self.config = config
        self.inputs = inputs
        self.submodel = submodel
    }

    func weight(_ name: String) -> Tensor? { weights.first { $0.name == name }?.tensor }

    /// Parameters held by this layer (and its submodel).
    var parameterCount: Int {
        weights.reduce(0) { $0 + $1.tensor.count } + (submodel?.parameterCount ?? 0)
    }
}

/// A model's layers in an order where every layer comes after its inputs, its input layers and its outputs.
final class ModelGraph: @unchecked Sendable {
    let name: String
    /// `Sequential`, `Functional` or `ONNX`.
    let className: String
    let layers: [Layer]
    let inputs: [String]
    let outputs: [TensorRef]
    /// The input shape without the batch axis, `nil` where the file leaves a size open.
    let inputShape: [Int?]?

    init(name: String, className: String, layers: [Layer], inputs: [String], outputs: [TensorRef],
         inputShape: [Int?]?) {
        self.name = name
        self.className = className
        self.layers = layers
        self.inputs = inputs
        self.outputs = outputs
        self.inputShape = inputShape
    }

    func layer(_ name: String) -> Layer? { layers.first { $0.name == name } }

    var parameterCount: Int { layers.reduce(0) { $0 + $1.parameterCount } }

    /// Every layer below this graph, nested models' layers included (weights are attached through this).
    var allLayers: [Layer] { layers.flatMap { [$0] + ($0.submodel?.allLayers ?? []) } }
}
