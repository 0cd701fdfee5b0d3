import CHDF5
import Foundation

/// A read-only HDF5 file opened from bytes in memory (libhdf5's core driver): groups, float datasets as tensors
/// and string attributes, which is all a Keras weights file needs. The only Swift file that imports CHDF5.
///
/// NOTE: libhdf5 keeps global state and is built without thread safety here; every call goes through `lock`.
final class HDF5File {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var initialised = false
    private let file: hid_t

    /// Opens `bytes` as an HDF5 file; throws when they are not one.
    init(bytes: [UInt8]) throws {
        let id: hid_t = HDF5File.lock.withLock {
            if !HDF5File.initialised { _ = convsh_h5_init(); HDF5File.initialised = true }
            return bytes.withUnsafeBytes { convsh_h5_open_image($0.baseAddress, $0.count) }
        }
        guard id >= 0 else { throw OpError("not a readable HDF5 file") }
        file = id
    }

    deinit { HDF5File.lock.withLock { _ = convsh_h5_close_file(file) } }

    /// True when the 8-byte HDF5 signature opens `bytes` (checked at offset 0, as Keras' files have it).
    static func isHDF5(_ bytes: [UInt8]) -> Bool {
        bytes.starts(with: [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a])
    }

    enum Kind { case group, dataset, other }

    /// What `path` names, or nil when nothing does.
    func kind(_ path: String) -> Kind? {
        let code = HDF5File.lock.withLock { convsh_h5_kind(file, path) }
        switch code {
        case 0: return .group
        case 1: return .dataset
        case 2: return .other
        default: return nil
        }
    }

    /// The names of the group at `path`'s members, in HDF5's name order; [] for an empty or absent group.
    func children(_ path: String) -> [String] {
        HDF5File.lock.withLock {
            let group = convsh_h5_open_group(file, path)
            guard group >= 0 else { return [] }
            defer { _ = convsh_h5_close_group(group) }
            guard let text = convsh_h5_children(group) else { return [] }
            defer { free(text) }
            return String(cString: text).split(separator: "\n").map(String.init)
        }
    }

    /// The dataset at `path` as a float32 tensor of its shape (float16/64 and integers are converted);
    /// throws when absent, not numeric, or over the tensor size cap.
    func tensor(_ path: String) throws -> Tensor {
        try HDF5File.lock.withLock {
            let dataset = convsh_h5_open_dataset(file, path)
            guard dataset >= 0 else { throw OpError("no dataset \(path)") }
            defer { _ = convsh_h5_close_dataset(dataset) }
            var dims = [UInt64](repeating: 0, count: 8)
            let rank = Int(convsh_h5_dataset_shape(dataset, &dims))
            guard rank >= 0 else { throw OpError("\(path) is not a numeric array") }
            let shape = dims.prefix(rank).map { Int(clamping: $0) }
            var tensor = try Tensor(uninitializedShape: shape)
            let status = try tensor.withUnsafeMutableBufferPointer { convsh_h5_read_float(dataset, $0.baseAddress) }
            guard status == 0 else { throw OpError("\(path) could not be read") }
            return tensor
        }
    }

    /// The string attribute `name` of the object at `path` as a list (a scalar gives one string); nil when
    /// absent or not strings.
    func strings(_ path: String, attribute name: String) -> [String]? {
        HDF5File.lock.withLock {
            var count = 0
            guard let text = convsh_h5_string_attribute(file, path, name, &count) else { return nil }
            defer { free(text) }
            var items = String(cString: text).components(separatedBy: "\n")
            items.removeLast()
            return items.count == count ? items : nil
        }
    }

    /// A list attribute that may be split into `name0`, `name1`, ... when it exceeds HDF5's 64 KB header
    /// limit (how Keras' legacy saver writes long `layer_names` and `weight_names`).
    func splitStrings(_ path: String, attribute name: String) -> [String]? {
        if let whole = strings(path, attribute: name) { return whole }
        var parts: [String] = []
        var index = 0
        while let part = strings(path, attribute: "\(name)\(index)") {
            parts += part
            index += 1
        }
        return index == 0 ? nil : parts
    }
}
