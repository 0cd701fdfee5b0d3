import Foundation
import XCTest
@testable import Ops

/// `.npy` files built byte by byte from NumPy's format description (numpy.lib.format), and `load`/`save`
/// through the ops. Files NumPy itself wrote are in Reference/ (ReferenceTests).
final class NPYSpecTests: XCTestCase {
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

    func decodeError(_ bytes: [UInt8]) -> String {
        do { _ = try NPY.decode(bytes); return "no error" } catch { return "\(error)" }
    }

    // MARK: - Versions and dtypes

    func testVersion1Float32() throws {
        // 1.0 and -2.0 as little-endian float32: 00 00 80 3f, 00 00 00 c0.
        let t = try NPY.decode(Self.file(Self.header("<f4", "(2,)"), data: [0, 0, 0x80, 0x3f, 0, 0, 0, 0xc0]))
        XCTAssertEqual(t.shape, [2])
        XCTAssertEqual(t.scalars, [1, -2])
    }

    func testVersion2HeaderLength() throws {
        let bytes = Self.file(Self.header("<f4", "(1, 1)"), version: 2, data: [0, 0, 0x40, 0x40])
        XCTAssertEqual(bytes[6], 2)
        XCTAssertEqual((bytes.count - 4) % 64, 0, "data starts on a 64-byte boundary")
        XCTAssertEqual(try NPY.decode(bytes).scalars, [3])
    }

    func testDtypesAndByteOrders() throws {
        // int16 -2 little-endian fe ff; big-endian ff fe.
        XCTAssertEqual(try NPY.decode(Self.file(Self.header("<i2", "(1,)"), data: [0xfe, 0xff])).scalars, [-2])
        XCTAssertEqual(try NPY.decode(Self.file(Self.header(">i2", "(1,)"), data: [0xff, 0xfe])).scalars, [-2])
        // float64 big-endian 1.5 = 3f f8 00 ...; float16 -2 = c0 00 (little-endian 00 c0).
        XCTAssertEqual(try NPY.decode(Self.file(Self.header(">f8", "()"),
                                                data: [0x3f, 0xf8, 0, 0, 0, 0, 0, 0])).scalars, [1.5])
        XCTAssertEqual(try NPY.decode(Self.file(Self.header("<f2", "(1,)"), data: [0x00, 0xc0])).scalars, [-2])
        // uint8 and bool: the byte-order character is '|'.
        XCTAssertEqual(try NPY.decode(Self.file(Self.header("|u1", "(3,)"), data: [0, 128, 255])).scalars, [0, 128, 255])
        XCTAssertEqual(try NPY.decode(Self.file(Self.header("|b1", "(2,)"), data: [1, 0])).scalars, [1, 0])
        // int64 -1: all ones.
        XCTAssertEqual(try NPY.decode(Self.file(Self.header("<i8", "(1,)"), data: Array(repeating: 0xff, count: 8)))
                       .scalars, [-1])
        // uint32 big-endian 2^24 + 1 = 01 00 00 01 → nearest float32 is 2^24.
        XCTAssertEqual(try NPY.decode(Self.file(Self.header(">u4", "(1,)"), data: [1, 0, 0, 1])).scalars, [16_777_216])
    }

    func testShapesWritten() throws {
        XCTAssertEqual(try NPY.decode(Self.file(Self.header("<f4", "()"), data: [0, 0, 0, 0])).shape, [])
        XCTAssertEqual(try NPY.decode(Self.file(Self.header("<f4", "(0, 3)"))).shape, [0, 3])
        // Python 2 wrote long integers with an L suffix.
        XCTAssertEqual(try NPY.decode(Self.file(Self.header("<f4", "(1L, 1L)"), data: [0, 0, 0, 0])).shape, [1, 1])
        // Keys in another order and double quotes are still a dict.
        let reordered = "{\"shape\": (1,), \"fortran_order\": False, \"descr\": \"<f4\"}"
        XCTAssertEqual(try NPY.decode(Self.file(reordered, data: [0, 0, 0x80, 0x3f])).scalars, [1])
    }

    // MARK: - Refusals

    func testRefusals() {
        XCTAssertEqual(decodeError(Self.file(Self.header("<f4", "(2, 2)", fortran: true), data: Array(repeating: 0, count: 16))),
                       "Fortran-order .npy is not supported; save it with np.ascontiguousarray(x)")
        XCTAssertEqual(decodeError(Array("PK\u{3}\u{4} not numpy".utf8)), "not a .npy file (bad magic)")
        XCTAssertEqual(decodeError([0x93] + Array("NUMPY".utf8) + [1]), "not a .npy file (bad magic)")
        XCTAssertEqual(decodeError([0x93] + Array("NUMPY".utf8) + [9, 0, 0, 0]), "unsupported .npy version 9.0")
        XCTAssertEqual(decodeError(Array(Self.file(Self.header("<f4", "(2,)")).prefix(40))), "truncated .npy header")
        XCTAssertEqual(decodeError(Self.file(Self.header("<f4", "(2, 3)"), data: Array(repeating: 0, count: 20))),
                       "truncated .npy data: shape [2,3] of <f4 needs 24 bytes, the file holds 20")
        XCTAssertEqual(decodeError(Self.file(Self.header("<c8", "(1,)"), data: Array(repeating: 0, count: 8))),
                       "unsupported .npy dtype '<c8' (supported: float16/32/64, int8-64, uint8-64, bool)")
        XCTAssertEqual(decodeError(Self.file(Self.header("<f4", "(-1,)"))), "malformed .npy header: shape dimension '-1'")
        XCTAssertEqual(decodeError(Self.file("{'descr': '<f4', 'shape': (1,), }")), "malformed .npy header: no 'fortran_order'")
    }

    func testHugeShapeIsRefusedBeforeAllocating() {
        // 10^6 x 10^6 = 10^12 float32 elements (4 TB): refused by the cap from the header alone.
        let message = decodeError(Self.file(Self.header("<f4", "(1000000, 1000000)")))
        XCTAssert(message.hasPrefix("tensor [1000000,1000000] would need 3.6 TiB, over the cap of"), message)
        XCTAssert(message.hasSuffix("raise it with 'set max_pixels N'"), message)
        // A product that overflows Int.
        XCTAssertEqual(decodeError(Self.file(Self.header("<f4", "(4294967296, 4294967296)"))),
                       "shape [4294967296,4294967296] is too large")
        // With the data present but over a lowered cap, still refused (not read).
        let saved = Limits.maxPixels
        defer { Limits.maxPixels = saved }
        Limits.maxPixels = 2  // 8 elements
        XCTAssert(decodeError(Self.file(Self.header("<f4", "(3, 3)"), data: Array(repeating: 0, count: 36)))
                  .contains("over the cap"))
    }

    // MARK: - save and load through the ops

    func testRoundTripThroughSaveAndLoad() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("convsh-npy-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let values: [Float] = [0, -0.0, 1e-38, .pi, -.infinity, .greatestFiniteMagnitude]
        let runner = OpRunner(["t": try Tensor(shape: [1, 3, 2], values: values)])
        let path = folder.appendingPathComponent("t t.npy").path
        XCTAssertNil(try runner.run("save", [.word("t"), .quoted(path)]))
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        XCTAssertEqual(Array(bytes[0..<8]), [0x93] + Array("NUMPY".utf8) + [1, 0])
        let dataStart = Int(bytes[8]) + Int(bytes[9]) << 8 + 10
        XCTAssertEqual(dataStart % 64, 0, "the header pads the data to a 64-byte boundary")
        XCTAssertEqual(bytes[dataStart - 1], UInt8(ascii: "\n"))
        XCTAssertEqual(bytes.count, dataStart + 24)
        let back = try runner.tensor("load", [.quoted(path)])
        XCTAssertEqual(back.shape, [1, 3, 2])
        XCTAssertEqual(back.scalars.map(\.bitPattern), values.map(\.bitPattern))
    }

    func testLoadErrorsNameTheFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("convsh-load-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let runner = OpRunner()
        let missing = folder.appendingPathComponent("nope.npy").path
        XCTAssertEqual(runner.error("load", [.quoted(missing)]), "load: \(missing): no such file")
        XCTAssertEqual(runner.error("load", [.quoted(folder.path)]), "load: \(folder.path) is a folder")
        let empty = folder.appendingPathComponent("empty.npy").path
        _ = FileManager.default.createFile(atPath: empty, contents: Data())
        XCTAssertEqual(runner.error("load", [.quoted(empty)]), "load: \(empty): the file is empty")
        let text = folder.appendingPathComponent("notes.npy").path
        _ = FileManager.default.createFile(atPath: text, contents: Data("hello".utf8))
        XCTAssertEqual(runner.error("load", [.quoted(text)]), "load: \(text): it is text, not an image or array")
        let cut = folder.appendingPathComponent("cut.npy").path
        _ = FileManager.default.createFile(atPath: cut, contents: Data(Self.file(Self.header("<f4", "(4,)"), data: [0, 0])))
        XCTAssertEqual(runner.error("load", [.quoted(cut)]),
                       "load: \(cut): truncated .npy data: shape [4] of <f4 needs 16 bytes, the file holds 2")
    }
}
