// libFuzzer entry point for the Keras config reader: config.json bytes → layer graph → shapes and the table.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKerasConfig(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = fuzzInput(data, size)
    fuzzDecode {
        let graph = try KerasConfig.graph(try JSON.parse(Data(bytes), what: "config.json"))
        let shape = (graph.inputShape ?? []).map { $0 ?? 8 }
        if !shape.isEmpty { _ = try LayersTable.render(graph, input: shape) }
    }
    return 0
}
