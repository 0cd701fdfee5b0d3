// libFuzzer entry point for the ONNX importer: protobuf bytes → layer graph → shapes and the layers table.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzONNX(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = fuzzInput(data, size)
    fuzzDecode {
        guard let proto = ONNXImporter.parse(bytes) else { return }
        let graph = try ONNXImporter.load(proto)
        if let shape = graph.inputShape, !shape.contains(nil) { _ = try LayersTable.render(graph, input: shape.map { $0! }) }
    }
    return 0
}
