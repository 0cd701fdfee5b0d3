import Foundation
import Testing
import TestSupport
@testable import Ops

/// The `.npy` format against its two references: files NumPy wrote (every numeric dtype, both byte orders,
/// versions 1.0-3.0; the values NumPy's `astype(float32)` gives are in the generator's manifest), and files built
/// byte by byte here from NumPy's format description (numpy.lib.format) for what NumPy no longer writes.
@Suite struct NPYTests {
    // MARK: - Files NumPy wrote

    nonisolated(unsafe) static let expectations = Reference.manifest["npy"] as! [String: [String: Any]]

    @Test(arguments: expectations.keys.sorted())
    func loadsAsNumPyConvertsToFloat32(_ file: String) throws {
        let expected = NPYTests.expectations[file]!
        let x = try load(Reference.path(file))
        #expect(x.shape == (expected["shape"] as! [Int]), "\(file)")
        let values = (expected["values"] as! [NSNumber]).map { Float($0.doubleValue) }
        #expect(x.scalars == values, "\(file)")
    }

    @Test(arguments: [("bad_fortran.npy", "Fortran-order"), ("bad_complex.npy", "unsupported .npy dtype '<c8'"),
                      ("bad_unicode.npy", "unsupported .npy dtype '<U2'"), ("bad_structured.npy", "structured")])
    func refusesWhatItCannotRepresent(_ file: String, _ reason: String) throws {
        let message = errorMessage { try load(Reference.path(file)) }
        #expect(message.hasPrefix("load: \(Reference.path(file)): "), "\(message)")
        #expect(message.contains(reason), "\(message)")
    }

    @Test func savedFileIsByteForByteWhatNumPySaves() throws {
        let matrix = try Tensor(shape: [2, 2], values: [1.5, -2, 0, 3])
        #expect(NPY.encode(matrix) == (try Reference.bytes("npy_saved_by_numpy.npy")))
        let vector = try Tensor(shape: [5], values: [0, 1, 2, 3, 4])
        #expect(NPY.encode(vector) == (try Reference.bytes("npy_saved_by_numpy_rank1.npy")))
    }

    @Test func grayRGBAndAlphaDoNotApply() throws {
        let message = errorMessage { try load(Reference.path("npy_f4.npy"), "gray") }
        #expect(message.contains("a .npy file loads as stored"))
    }

    // MARK: - Files built from the format description

    /// A file: magic, version, little-endian header length (2 bytes in 1.0, 4 in 2.0), the header padded with
    /// spaces and a newline to a multiple of 64 bytes, then `data`.
    static func file(_ header: String, version: UInt8 = 1, data: [UInt8] = []) -> [UInt8] {
        let prefix = version == 1 ? 10 : 12
        let padded = (prefix + header.utf8.count + 1 + 63) / 64 * 64 - prefix
        let text = header + String(repeating: " ", count: padded - header.utf8.count - 1) + "\n"
        let length = (0..<(version == 1 ? 2 : 4)).map { UInt8(truncatingIfNeeded: text.utf8.count >> (8 * $0)) }
        return [0x93] + Array("NUMPY".utf8) + [version, 0] + length + Array(text.utf8) + data
    }

    static func header(_ descr: String, _ shape: String, fortran: Bool = false) -> String {
        "{'descr': '\(descr)', 'fortran_order': \(fortran ? "True" : "False"), 'shape': \(shape), }"
    }

    /// The values of the tensor `bytes` decode to.
    static func scalars(_ bytes: [UInt8]) throws -> [Float] { try NPY.decode(bytes).scalars }

    /// The message decoding `bytes` fails with.
    static func decodeError(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> String {
        errorMessage({ try NPY.decode(bytes) }, sourceLocation: sourceLocation)
    }

    @Test func version1Float32() throws {
        // 1.0 and -2.0 as little-endian float32: 00 00 80 3f, 00 00 00 c0.
        let t = try NPY.decode(Self.file(Self.header("<f4", "(2,)"), data: [0, 0, 0x80, 0x3f, 0, 0, 0, 0xc0]))
        #expect(t.shape == [2])
        #expect(t.scalars == [1, -2])
    }

    @Test func version2HeaderLength() throws {
        let bytes = Self.file(Self.header("<f4", "(1, 1)"), version: 2, data: [0, 0, 0x40, 0x40])
        #expect(bytes[6] == 2)
        #expect((bytes.count - 4) % 64 == 0, "data starts on a 64-byte boundary")
        #expect(try Self.scalars(bytes) == [3])
    }

    @Test func dtypesAndByteOrders() throws {
        // int16 -2 little-endian fe ff; big-endian ff fe.
        #expect(try Self.scalars(Self.file(Self.header("<i2", "(1,)"), data: [0xfe, 0xff])) == [-2])
        #expect(try Self.scalars(Self.file(Self.header(">i2", "(1,)"), data: [0xff, 0xfe])) == [-2])
        // float64 big-endian 1.5 = 3f f8 00 ...; float16 -2 = c0 00 (little-endian 00 c0).
        #expect(try Self.scalars(Self.file(Self.header(">f8", "()"), data: [0x3f, 0xf8, 0, 0, 0, 0, 0, 0])) == [1.5])
        #expect(try Self.scalars(Self.file(Self.header("<f2", "(1,)"), data: [0x00, 0xc0])) == [-2])
        // uint8 and bool: the byte-order character is '|'.
        #expect(try Self.scalars(Self.file(Self.header("|u1", "(3,)"), data: [0, 128, 255])) == [0, 128, 255])
        #expect(try Self.scalars(Self.file(Self.header("|b1", "(2,)"), data: [1, 0])) == [1, 0])
        // int64 -1: all ones.
        #expect(try Self.scalars(Self.file(Self.header("<i8", "(1,)"), data: Array(repeating: 0xff, count: 8))) == [-1])
        // uint32 big-endian 2^24 + 1 = 01 00 00 01 → nearest float32 is 2^24.
        #expect(try Self.scalars(Self.file(Self.header(">u4", "(1,)"), data: [1, 0, 0, 1])) == [16_777_216])
    }

    @Test func shapesWritten() throws {
        #expect(try NPY.decode(Self.file(Self.header("<f4", "()"), data: [0, 0, 0, 0])).shape == [])
        #expect(try NPY.decode(Self.file(Self.header("<f4", "(0, 3)"))).shape == [0, 3])
        // Python 2 wrote long integers with an L suffix.
        #expect(try NPY.decode(Self.file(Self.header("<f4", "(1L, 1L)"), data: [0, 0, 0, 0])).shape == [1, 1])
        // Keys in another order and double quotes are still a dict.
        let reordered = "{\"shape\": (1,), \"fortran_order\": False, \"descr\": \"<f4\"}"
        #expect(try Self.scalars(Self.file(reordered, data: [0, 0, 0x80, 0x3f])) == [1])
    }

    @Test func refusals() {
        #expect(Self.decodeError(Self.file(Self.header("<f4", "(2, 2)", fortran: true),
                                           data: Array(repeating: 0, count: 16)))
                == "Fortran-order .npy is not supported; save it with np.ascontiguousarray(x)")
        #expect(Self.decodeError(Array("PK\u{3}\u{4} not numpy".utf8)) == "not a .npy file (bad magic)")
        #expect(Self.decodeError([0x93] + Array("NUMPY".utf8) + [1]) == "not a .npy file (bad magic)")
        #expect(Self.decodeError([0x93] + Array("NUMPY".utf8) + [9, 0, 0, 0]) == "unsupported .npy version 9.0")
        #expect(Self.decodeError(Array(Self.file(Self.header("<f4", "(2,)")).prefix(40))) == "truncated .npy header")
        #expect(Self.decodeError(Self.file(Self.header("<f4", "(2, 3)"), data: Array(repeating: 0, count: 20)))
                == "truncated .npy data: shape [2,3] of <f4 needs 24 bytes, the file holds 20")
        #expect(Self.decodeError(Self.file(Self.header("<c8", "(1,)"), data: Array(repeating: 0, count: 8)))
                == "unsupported .npy dtype '<c8' (supported: float16/32/64, int8-64, uint8-64, bool)")
        #expect(Self.decodeError(Self.file(Self.header("<f4", "(-1,)")))
                == "malformed .npy header: shape dimension '-1'")
        #expect(Self.decodeError(Self.file("{'descr': '<f4', 'shape': (1,), }"))
                == "malformed .npy header: no 'fortran_order'")
    }

    @Test func hugeShapeIsRefusedBeforeAllocating() {
        // 10^6 x 10^6 = 10^12 float32 elements (4 TB): refused by the cap from the header alone.
        let message = Self.decodeError(Self.file(Self.header("<f4", "(1000000, 1000000)")))
        #expect(message.hasPrefix("tensor [1000000,1000000] would need 3.6 TiB, over the cap of"), "\(message)")
        #expect(message.hasSuffix("raise it with 'set max_pixels N'"), "\(message)")
        // A product that overflows Int.
        #expect(Self.decodeError(Self.file(Self.header("<f4", "(4294967296, 4294967296)")))
                == "shape [4294967296,4294967296] is too large")
        // With the data present but over a lowered cap (4 megapixels: 2^24 elements), still refused (not read).
        let over = (1 << 24) + 1
        let present = Self.file(Self.header("|u1", "(\(over),)"), data: Array(repeating: 0, count: over))
        withMaxPixels(1 << 22) { #expect(Self.decodeError(present).contains("over the cap")) }
    }

    // MARK: - Round trips, save and load

    @Test func roundTripsEveryBitPattern() throws {
        let special: [Float] = [.nan, .infinity, -.infinity, -0.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude]
        for shape in [[], [6], [2, 3], [1, 2, 3, 1]] as [[Int]] {
            let values = shape.isEmpty ? [Float(7)] : special
            let x = try Tensor(shape: shape, values: values)
            let back = try NPY.decode(NPY.encode(x))
            #expect(back.shape == shape)
            #expect(back.scalars.map(\.bitPattern) == values.map(\.bitPattern))
        }
    }

    @Test func roundTripThroughSaveAndLoad() throws {
        let folder = try TemporaryFolder("npy")
        let values: [Float] = [0, -0.0, 1e-38, .pi, -.infinity, .greatestFiniteMagnitude]
        let t = try Tensor(shape: [1, 3, 2], values: values)
        let path = folder.url.appendingPathComponent("t t.npy").path
        #expect(try run("save", [.word("t"), .quoted(path)], tensors: ["t": t]) == nil)
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(Array(bytes[0..<8]) == [0x93] + Array("NUMPY".utf8) + [1, 0])
        let dataStart = Int(bytes[8]) + Int(bytes[9]) << 8 + 10
        #expect(dataStart % 64 == 0, "the header pads the data to a 64-byte boundary")
        #expect(bytes[dataStart - 1] == UInt8(ascii: "\n"))
        #expect(bytes.count == dataStart + 24)
        let back = try load(path)
        #expect(back.shape == [1, 3, 2])
        #expect(back.scalars.map(\.bitPattern) == values.map(\.bitPattern))
    }

    @Test func loadErrorsNameTheFile() throws {
        let folder = try TemporaryFolder("load")
        let missing = folder.url.appendingPathComponent("nope.npy").path
        #expect(errorMessage { try load(missing) } == "load: \(missing): no such file")
        #expect(errorMessage { try load(folder.path) } == "load: \(folder.path) is a folder")
        let empty = try folder.write("empty.npy", "")
        #expect(errorMessage { try load(empty) } == "load: \(empty): the file is empty")
        let text = try folder.write("notes.npy", "hello")
        #expect(errorMessage { try load(text) } == "load: \(text): it is text, not an image or array")
        let cut = folder.url.appendingPathComponent("cut.npy")
        try Data(Self.file(Self.header("<f4", "(4,)"), data: [0, 0])).write(to: cut)
        #expect(errorMessage { try load(cut.path) }
                == "load: \(cut.path): truncated .npy data: shape [4] of <f4 needs 16 bytes, the file holds 2")
    }
}
