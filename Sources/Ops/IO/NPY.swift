import Foundation

/// NumPy's `.npy` format, versions 1.0, 2.0 and 3.0 (numpy.lib.format).
///
/// Layout: magic `\x93NUMPY`, major and minor version bytes, the header length (uint16 LE in 1.0, uint32 LE in
/// 2.0/3.0), then an ASCII (3.0: UTF-8) Python dict literal `{'descr': '<f4', 'fortran_order': False,
/// 'shape': (H, W, C), }` padded with spaces and a final `\n` so the data starts on a 64-byte boundary; then the
/// elements. Loading converts any numeric or bool dtype to float32; saving writes `<f4`, C order.
public enum NPY {
    static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)

    // MARK: - Reading

    /// Decodes a whole `.npy` file.
    public static func decode(_ bytes: [UInt8]) throws -> Tensor {
        let layout = try Layout(bytes)
        guard bytes.count - layout.dataStart >= layout.dataBytes else { throw layout.truncated(bytes.count) }
        var tensor = try Tensor(uninitializedShape: layout.shape)
        try tensor.withUnsafeMutableBufferPointer { out in
            bytes.withUnsafeBytes { raw in
                layout.dtype.convert(raw.baseAddress! + layout.dataStart, count: out.count, into: out)
            }
        }
        return tensor
    }

    /// Reads a `.npy` regular file straight into the tensor: the header first, then the data into the tensor's
    /// storage (float32 little-endian) or through a 1 MiB buffer (other dtypes), so the peak memory is the
    /// tensor's and a little, not the file's and the tensor's.
    static func read(_ file: InputFile) throws -> Tensor {
        var prefix = try file.read(12)
        let headerEnd = try Layout.headerEnd(prefix)
        guard headerEnd <= 1 << 24 else { throw OpError("malformed .npy header: \(headerEnd) bytes long") }
        prefix += try file.read(max(0, headerEnd - prefix.count))
        let layout = try Layout(prefix)
        let size = file.size ?? 0
        guard size - layout.dataStart >= layout.dataBytes else { throw layout.truncated(size) }
        var tensor = try Tensor(uninitializedShape: layout.shape)
        try tensor.withUnsafeMutableBufferPointer { out in
            let direct = layout.dtype.isNativeFloat32
            let chunk = direct ? out.count : max(1, (1 << 20) / layout.dtype.size)
            var buffer = [UInt8](repeating: 0, count: direct ? 0 : chunk * layout.dtype.size)
            var done = 0
            while done < out.count {
                let n = min(chunk, out.count - done)
                let part = UnsafeMutableBufferPointer(rebasing: out[done..<(done + n)])
                let bytes = n * layout.dtype.size
                let got = direct ? try file.read(into: part.baseAddress!, count: bytes)
                    : try buffer.withUnsafeMutableBytes { raw in
                        let got = try file.read(into: raw.baseAddress!, count: bytes)
                        if got == bytes { layout.dtype.convert(raw.baseAddress!, count: n, into: part) }
                        return got
                    }
                guard got == bytes else { throw layout.truncated(layout.dataStart + done * layout.dtype.size + got) }
                done += n
            }
        }
        return tensor
    }

    /// Where a file's header ends and what it promises: version, shape, dtype, and where the data starts.
    struct Layout {
        let shape: [Int]
        let descr: String
        let dtype: DType
        let dataStart: Int
        /// Bytes of data the shape and dtype need (cannot overflow: the element count is within the cap).
        let dataBytes: Int

        /// The end of the header (where the data starts) from the first 10-12 bytes.
        static func headerEnd(_ bytes: [UInt8]) throws -> Int {
            guard bytes.count >= 10, Array(bytes[0..<6]) == magic else {
                throw OpError("not a .npy file (bad magic)")
            }
            switch bytes[6] {
            case 1: return 10 + (Int(bytes[8]) | Int(bytes[9]) << 8)
            case 2, 3:
                guard bytes.count >= 12 else { throw OpError("truncated .npy header") }
                return 12 + (0..<4).reduce(0) { $0 | Int(bytes[8 + $1]) << (8 * $1) }
            default:
                throw OpError("unsupported .npy version \(bytes[6]).\(bytes[7])")
            }
        }

        /// Parses the header held in `bytes` (which may go on into the data).
        init(_ bytes: [UInt8]) throws {
            dataStart = try Layout.headerEnd(bytes)
            let headerStart = bytes[6] == 1 ? 10 : 12
            guard dataStart <= bytes.count else { throw OpError("truncated .npy header") }
            guard let header = String(bytes: bytes[headerStart..<dataStart], encoding: .utf8) else {
                throw OpError("malformed .npy header (not text)")
            }
            let fields = try HeaderFields(header)
            dtype = try DType(fields.descr)
            guard !fields.fortranOrder else {
                throw OpError("Fortran-order .npy is not supported; save it with np.ascontiguousarray(x)")
            }
            let count = try Tensor.checkedCount(fields.shape)
            try Limits.checkElements(count, shape: fields.shape)
            (shape, descr, dataBytes) = (fields.shape, fields.descr, count * dtype.size)
        }

        /// The error for a file of `size` bytes that ends before its data does.
        func truncated(_ size: Int) -> OpError {
            OpError("truncated .npy data: shape \(Tensor.describe(shape)) of \(descr) needs \(dataBytes) bytes, "
                + "the file holds \(size - dataStart)")
        }
    }

    /// The three keys of an `.npy` header dict.
    struct HeaderFields {
        var descr = "", fortranOrder = false, shape: [Int] = []

        init(_ header: String) throws {
            func value(of key: String) throws -> Substring {
                guard let keyRange = header.range(of: "'\(key)'") ?? header.range(of: "\"\(key)\""),
                      let colon = header[keyRange.upperBound...].firstIndex(of: ":") else {
                    throw OpError("malformed .npy header: no '\(key)'")
                }
                return header[header.index(after: colon)...].drop { $0 == " " }
            }
            let descrText = try value(of: "descr")
            guard let quote = descrText.first, quote == "'" || quote == "\"",
                  let end = descrText.dropFirst().firstIndex(of: quote) else {
                throw OpError("malformed .npy header: descr is not a simple dtype string (structured arrays are "
                    + "not supported)")
            }
            descr = String(descrText[descrText.index(after: descrText.startIndex)..<end])
            let order = try value(of: "fortran_order")
            guard order.hasPrefix("True") || order.hasPrefix("False") else {
                throw OpError("malformed .npy header: fortran_order")
            }
            fortranOrder = order.hasPrefix("True")
            let shapeText = try value(of: "shape")
            guard shapeText.first == "(", let close = shapeText.firstIndex(of: ")") else {
                throw OpError("malformed .npy header: shape")
            }
            shape = try shapeText[shapeText.index(after: shapeText.startIndex)..<close]
                .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                .map { text in
                    guard let n = Int(text.hasSuffix("L") ? String(text.dropLast()) : text), n >= 0 else {
                        throw OpError("malformed .npy header: shape dimension '\(printable(text))'")
                    }
                    return n
                }
        }
    }

    /// A NumPy scalar type: kind (`f`, `i`, `u`, `b`), byte size and byte order.
    struct DType {
        enum Kind { case float, signed, unsigned, bool }
        let kind: Kind
        let size: Int
        let bigEndian: Bool

        init(_ descr: String) throws {
            var text = Substring(descr)
            var big = false
            if let order = text.first, "<>|=".contains(order) {
                big = order == ">"
                text = text.dropFirst()
            }
            guard let letter = text.first, let size = Int(text.dropFirst()) else {
                throw OpError("unsupported .npy dtype '\(printable(descr))'")
            }
            switch (letter, size) {
            case ("f", 2), ("f", 4), ("f", 8): kind = .float
            case ("i", 1), ("i", 2), ("i", 4), ("i", 8): kind = .signed
            case ("u", 1), ("u", 2), ("u", 4), ("u", 8): kind = .unsigned
            case ("b", 1): kind = .bool
            default:
                throw OpError("unsupported .npy dtype '\(printable(descr))' (supported: float16/32/64, int8-64, "
                    + "uint8-64, bool)")
            }
            self.size = size
            self.bigEndian = big && size > 1
        }

        /// Little-endian float32 on a little-endian machine: the bytes are the tensor's.
        var isNativeFloat32: Bool { kind == .float && size == 4 && !bigEndian && 1.littleEndian == 1 }

        /// Converts `count` elements at `source` to float32 (`Float(x)`, nearest).
        func convert(_ source: UnsafeRawPointer, count: Int, into out: UnsafeMutableBufferPointer<Float>) {
            // The common case, little-endian float32 on a little-endian machine, is a copy.
            if isNativeFloat32 {
                UnsafeMutableRawPointer(out.baseAddress!).copyMemory(from: source, byteCount: count * 4)
                return
            }
            if kind == .unsigned, size == 1 {
                for i in 0..<count { out[i] = Float(source.load(fromByteOffset: i, as: UInt8.self)) }
                return
            }
            for i in 0..<count {
                var bits: UInt64 = 0
                for b in 0..<size {
                    let byte = UInt64(source.load(fromByteOffset: i * size + b, as: UInt8.self))
                    bits |= byte << (8 * (bigEndian ? size - 1 - b : b))
                }
                out[i] = value(bits)
            }
        }

        @inline(__always)
        private func value(_ bits: UInt64) -> Float {
            switch (kind, size) {
            case (.float, 2): return Float(Float16(bitPattern: UInt16(truncatingIfNeeded: bits)))
            case (.float, 4): return Float(bitPattern: UInt32(truncatingIfNeeded: bits))
            case (.float, _): return Float(Double(bitPattern: bits))
            case (.signed, _):
                let shift = UInt64(64 - 8 * size)
                return Float(Int64(bitPattern: bits << shift) >> Int64(shift))
            case (.unsigned, _): return Float(bits)
            case (.bool, _): return bits != 0 ? 1 : 0
            }
        }
    }

    /// Header text quoted in an error: at most 40 characters, control characters as `?`, so the message
    /// stays one line (a fuzzed header put a newline into one).
    static func printable<S: StringProtocol>(_ text: S) -> String {
        let clean = String(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : Character($0) })
        return clean.count > 40 ? clean.prefix(40) + "..." : clean
    }

    // MARK: - Writing

    /// Encodes `tensor` as a version 1.0 file (2.0 when the header exceeds 65535 bytes), `<f4`, C order.
    public static func encode(_ tensor: Tensor) -> [UInt8] {
        var bytes = header(shape: tensor.shape)
        bytes.reserveCapacity(bytes.count + tensor.byteCount)
        tensor.withUnsafeBufferPointer { values in
            if 1.littleEndian == 1 {
                bytes += UnsafeRawBufferPointer(values)
            } else {
                for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes += $0 } }
            }
        }
        return bytes
    }

    /// The bytes before the elements of a `<f4`, C-order file of `shape`: magic, version, length, dict, padding
    /// to a multiple of 64 (version 2.0 when the dict exceeds 65535 bytes).
    public static func header(shape: [Int]) -> [UInt8] {
        let text = shape.map(String.init).joined(separator: ", ") + (shape.count == 1 ? "," : "")
        var dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (\(text)), }"
        let version: UInt8 = dict.utf8.count + 12 + 64 > 65535 ? 2 : 1
        let prefix = version == 1 ? 10 : 12
        let total = (prefix + dict.utf8.count + 1 + 63) / 64 * 64
        dict += String(repeating: " ", count: total - prefix - dict.utf8.count - 1) + "\n"
        let length = dict.utf8.count
        let lengthBytes = (0..<(version == 1 ? 2 : 4)).map { UInt8(truncatingIfNeeded: length >> (8 * $0)) }
        return magic + [version, 0] + lengthBytes + Array(dict.utf8)
    }
}
