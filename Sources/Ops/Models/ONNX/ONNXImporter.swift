import Foundation
import SwiftProtobuf

/// An ONNX ModelProto → a `ModelGraph` of Keras layer classes working on NHWC data, so the layers table, the
/// members and the executor serve ONNX and Keras files alike.
///
/// Every runtime tensor is tracked with a layout: `plain` (ONNX's axes are the stored axes, as for the NHWC input
/// of a tf2onnx export or a `[N, features]` matrix) or `nchw` (ONNX's `[N,C,H,W]` stored as `[H,W,C]`). A
/// Transpose between the two costs nothing: it flips the layout. Weights are converted on load (OIHW → HWIO),
/// `pads`/`auto_pad` become TensorFlow's same/valid or an explicit ZeroPadding2D, shape computations on
/// constants (tf2onnx's Flatten: Shape → Gather → Slice → Concat → Reshape) are folded. Nodes must come after
/// their inputs (ONNX requires it), which also rules out cycles.
struct ONNXImporter {
    enum Layout { case plain, nchw }

    /// A tensor computed at run time: the layer output holding it, its layout, and its stored shape without
    /// the batch axis.
    struct Runtime {
        let ref: TensorRef
        let layout: Layout
        let stored: [Int]

        /// The shape ONNX sees, batch 1 included: `[1,C,H,W]` for an nchw tensor.
        var logical: [Int] { layout == .nchw ? [1, stored[2], stored[0], stored[1]] : [1] + stored }
    }

    enum Item {
        case constant(ONNXConstant)
        case runtime(Runtime)
    }

    var items: [String: Item] = [:]
    var layers: [Layer] = []
    var uses: [String: Int] = [:]
    private var names: Set<String> = []

    /// The bytes as an ONNX ModelProto with a graph of at least one node; nil for anything else.
    static func parse(_ bytes: [UInt8]) -> Onnx_ModelProto? {
        var options = BinaryDecodingOptions()
        options.messageDepthLimit = 64
        guard let model = try? Onnx_ModelProto(serializedBytes: bytes, options: options),
              model.hasGraph, !model.graph.node.isEmpty else { return nil }
        return model
    }

    static func load(_ model: Onnx_ModelProto) throws -> ModelGraph {
        var importer = ONNXImporter()
        return try ModelText.oneLine { try importer.convert(model.graph) }
    }

    private mutating func convert(_ graph: Onnx_GraphProto) throws -> ModelGraph {
        for initializer in graph.initializer { items[initializer.name] = .constant(try ONNXConstant(initializer)) }
        let inputs = graph.input.filter { items[$0.name] == nil }
        guard inputs.count == 1, let input = inputs.first else {
            throw OpError("the ONNX graph has \(inputs.count) inputs; only single-input models are supported")
        }
        for node in graph.node { for name in node.input where !name.isEmpty { uses[name, default: 0] += 1 } }
        let dims = input.type.tensorType.shape.dim
        guard dims.count == 4 || dims.count == 2, dims.dropFirst().allSatisfy({ $0.dimValue > 0 && $0.dimValue < 1 << 24 }) else {
            throw OpError("the ONNX input '\(input.name)' must have a batch axis and known sizes: [N,H,W,C], [N,C,H,W] or [N,F]")
        }
        let sizes = dims.dropFirst().map { Int($0.dimValue) }
        // A 4-d input read by a Transpose to NCHW is NHWC (tf2onnx); any other 4-d input is NCHW (PyTorch).
        let toNCHW = graph.node.first { $0.input.first == input.name }.map { node in
            node.opType == "Transpose" && node.attribute.first { $0.name == "perm" }?.ints == [0, 3, 1, 2]
        } ?? false
        let layout: Layout = dims.count == 4 && !toNCHW ? .nchw : .plain
        let stored = layout == .nchw ? [sizes[1], sizes[2], sizes[0]] : sizes
        let inputLayer = Layer(name: unique(input.name, "input"), className: "InputLayer", config: .object([:]), inputs: [])
        layers.append(inputLayer)
        items[input.name] = .runtime(Runtime(ref: TensorRef(layer: inputLayer.name, index: 0), layout: layout, stored: stored))
        for node in graph.node { try convert(node) }
        let outputs = try graph.output.map { output -> TensorRef in
            guard case .runtime(let value)? = items[output.name] else {
                throw OpError("ONNX output '\(output.name)' is not computed from the input")
            }
            return value.ref
        }
        let name = graph.name.isEmpty ? "onnx" : graph.name
        return ModelGraph(name: name, className: "ONNX", layers: layers, inputs: [inputLayer.name], outputs: outputs,
                          inputShape: stored)
    }

    // MARK: - Helpers for the node converters

    func runtime(_ node: Onnx_NodeProto, _ index: Int) throws -> Runtime {
        guard index < node.input.count, case .runtime(let value)? = items[node.input[index]] else {
            throw problem(node, "input \(index + 1) must be computed from the model's input")
        }
        return value
    }

    func constant(_ node: Onnx_NodeProto, _ index: Int) throws -> ONNXConstant? {
        guard index < node.input.count, !node.input[index].isEmpty else { return nil }
        guard case .constant(let value)? = items[node.input[index]] else {
            if items[node.input[index]] == nil { throw undefined(node, node.input[index]) }
            throw problem(node, "input \(index + 1) must be a constant")
        }
        return value
    }

    func undefined(_ node: Onnx_NodeProto, _ name: String) -> OpError {
        problem(node, "reads '\(name)', which no earlier node computes (a cycle, or nodes out of order)")
    }

    func problem(_ node: Onnx_NodeProto, _ text: String) -> OpError {
        OpError("ONNX node '\(node.name.isEmpty ? node.opType : node.name)' (\(node.opType)): \(text)")
    }

    func attribute(_ node: Onnx_NodeProto, _ name: String) -> Onnx_AttributeProto? {
        node.attribute.first { $0.name == name }
    }

    func integer(_ node: Onnx_NodeProto, _ name: String, default value: Int) -> Int {
        attribute(node, name).map { Int(clamping: $0.i) } ?? value
    }

    func integers(_ node: Onnx_NodeProto, _ name: String) -> [Int]? {
        attribute(node, name).map { $0.ints.map { Int(clamping: $0) } }
    }

    /// Adds a layer reading `inputs`, with `weights`; binds the node's first output to it and returns it.
    @discardableResult
    mutating func add(_ node: Onnx_NodeProto, _ className: String, _ config: [String: JSON], inputs: [Runtime],
                      weights: [(name: String, tensor: Tensor)] = [], layout: Layout? = nil,
                      name: String? = nil) throws -> Layer {
        var config = config
        let layerName = unique(name ?? node.name, node.opType.lowercased())
        config["name"] = .string(layerName)
        let layer = Layer(name: layerName, className: className, config: .object(config), inputs: inputs.map(\.ref))
        layer.weights = weights
        let stored = try LayerShapes.outputShape(layer, inputs.map(\.stored))
        layers.append(layer)
        if name == nil, let output = node.output.first {
            let kind = layout ?? (stored.count == 3 ? inputs[0].layout : .plain)
            items[output] = .runtime(Runtime(ref: TensorRef(layer: layerName, index: 0), layout: kind, stored: stored))
        }
        return layer
    }

    /// `block1/conv1/Conv:0` → `block1_conv1_Conv_0`: a name `m.NAME` can reach, unique in the model.
    private mutating func unique(_ raw: String, _ fallback: String) -> String {
        var base = String(raw.map { $0.isLetter || $0.isNumber ? $0 : "_" })
        while base.hasPrefix("_") { base.removeFirst() }
        while base.hasSuffix("_") { base.removeLast() }
        if base.isEmpty || base.first!.isNumber { base = fallback + (base.isEmpty ? "" : "_" + base) }
        var name = base
        var counter = 1
        while names.contains(name) { name = "\(base)_\(counter)"; counter += 1 }
        names.insert(name)
        return name
    }
}
