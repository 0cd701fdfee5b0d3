import Foundation

/// Reads a model file, the format known by content: a zip is a Keras 3 `.keras`, an HDF5 file a legacy Keras
/// `.h5`, anything else that parses as an ONNX ModelProto an `.onnx`. The weights are checked against the
/// config (shapes through the whole graph when the input shape is known) before the model is returned.
enum ModelFile {
    /// True when `bytes` open like a model file of one of the known formats.
    static func isModel(_ bytes: [UInt8]) -> Bool {
        KerasArchive.isZip(bytes) || HDF5File.isHDF5(bytes)
    }

    /// A model file as a value; nil when `bytes` are no model (then they are read as an image or array).
    static func value(_ bytes: [UInt8]) throws -> Value? {
        if isModel(bytes) { return .model(Model(try load(bytes))) }
        guard (try? FileFormat.detect(bytes)) == nil, let proto = ONNXImporter.parse(bytes) else { return nil }
        return .model(Model(try ONNXImporter.load(proto)))
    }

    static func load(_ bytes: [UInt8]) throws -> ModelGraph {
        try ModelText.oneLine { try read(bytes) }
    }

    private static func read(_ bytes: [UInt8]) throws -> ModelGraph {
        let graph: ModelGraph
        if KerasArchive.isZip(bytes) {
            graph = try KerasArchive.load(bytes)
        } else if HDF5File.isHDF5(bytes) {
            graph = try legacy(bytes)
        } else {
            throw OpError("not a model file (.keras, .h5)")
        }
        if let shape = graph.inputShape, !shape.contains(nil) {
            _ = try LayerShapes.infer(graph, input: shape.map { $0! })
        }
        return graph
    }

    /// A legacy Keras `.h5`: the `model_config` root attribute and the `/model_weights` group.
    private static func legacy(_ bytes: [UInt8]) throws -> ModelGraph {
        let file = try HDF5File(bytes: bytes)
        guard let text = file.strings("/", attribute: "model_config")?.first else {
            throw OpError("the .h5 file has no model_config (a weights-only file? save the whole model)")
        }
        let graph = try KerasConfig.graph(try JSON.parse(Data(text.utf8), what: "model_config"))
        try KerasWeights.attachLegacy(file, to: graph)
        return graph
    }
}
