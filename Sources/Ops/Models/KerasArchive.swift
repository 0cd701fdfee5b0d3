import Foundation
import ZIPFoundation

/// A Keras 3 `.keras` file: a zip holding `config.json` (the model config) and `model.weights.h5` (the
/// weights, opened from memory), read with ZIPFoundation.
enum KerasArchive {
    /// True for bytes that open with a zip local-file header.
    static func isZip(_ bytes: [UInt8]) -> Bool { bytes.starts(with: [0x50, 0x4b, 0x03, 0x04]) }

    static func load(_ bytes: [UInt8]) throws -> ModelGraph {
        let archive: Archive
        do { archive = try Archive(data: Data(bytes), accessMode: .read) } catch {
            throw OpError("not a readable zip archive")
        }
        let config = try JSON.parse(try member(archive, "config.json"), what: "config.json")
        let graph = try KerasConfig.graph(config)
        let weights = try HDF5File(bytes: [UInt8](try member(archive, "model.weights.h5")))
        try KerasWeights.attachKeras3(weights, to: graph)
        return graph
    }

    /// One member's bytes; a member larger than the tensor size cap is refused before it is inflated.
    private static func member(_ archive: Archive, _ path: String) throws -> Data {
        guard let entry = archive[path] else { throw OpError("the .keras archive has no \(path)") }
        let cap = Limits.maxElements.multipliedReportingOverflow(by: 4).partialValue
        guard entry.uncompressedSize <= UInt64(cap) else {
            throw OpError("\(path) is \(Tensor.formatBytes(Int(clamping: entry.uncompressedSize))), over the size cap")
        }
        var data = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
        } catch {
            throw OpError("\(path) in the .keras archive is damaged")
        }
        return data
    }
}
