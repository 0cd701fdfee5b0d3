import Foundation
import TestSupport
import XCTest
@testable import Ops

/// What `load` does before it reads: devices and sockets refused, FIFOs read up to the cap, `.npy` read
/// straight into the tensor.
final class InputFileTests: XCTestCase {
    var folder: TemporaryFolder!

    override func setUpWithError() throws { folder = try TemporaryFolder("input") }
    override func tearDown() { folder = nil }

    func message(_ path: String) -> String {
        do {
            _ = try TensorFile.load(path)
            return "loaded"
        } catch {
            return "\(error)"
        }
    }

    func testDevicesAndFoldersAreRefusedBeforeAnyRead() {
        XCTAssertEqual(message("/dev/zero"), "/dev/zero is a character device, not a file")
        XCTAssertEqual(message("/dev/urandom"), "/dev/urandom is a character device, not a file")
        XCTAssertEqual(message(folder.path), "\(folder.path) is a folder")
        XCTAssertEqual(message(folder.path + "/none.npy"), "\(folder.path)/none.npy: no such file")
    }

    func testFIFOIsReadUpToTheCap() throws {
        let fifo = folder.path + "/pipe"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let npy = NPY.encode(try Tensor(shape: [2, 2], values: [1, 2, 3, 4]))
        let writer = Thread {
            let fd = open(fifo, O_WRONLY)
            _ = npy.withUnsafeBytes { write(fd, $0.baseAddress!, $0.count) }
            close(fd)
        }
        writer.start()
        XCTAssertEqual(try TensorFile.load(fifo).scalars, [1, 2, 3, 4])
        // At a cap of 16 elements, a FIFO may give 16·8 + 1 MiB bytes; an endless one is cut there.
        // The writer meets EPIPE when the reader gives up: SIGPIPE is ignored until it has.
        let previous = signal(SIGPIPE, SIG_IGN)
        defer { signal(SIGPIPE, previous) }
        let done = DispatchSemaphore(value: 0)
        try withMaxPixels(4) {
            let endless = Thread {
                let fd = open(fifo, O_WRONLY)
                let chunk = [UInt8](repeating: 0x41, count: 1 << 16)
                while chunk.withUnsafeBytes({ write(fd, $0.baseAddress!, $0.count) }) > 0 {}
                close(fd)
                done.signal()
            }
            endless.start()
            XCTAssertEqual(message(fifo), "\(fifo): more than 1.0 MiB from a pipe, over the cap; "
                           + "raise it with 'set max_pixels N'")
        }
        done.wait()
    }

    func testNPYReadStraightIntoTheTensor() throws {
        let x = try Tensor(shape: [3, 300_000], values: (0..<900_000).map { Float($0) * 0.5 })
        let path = folder.path + "/x.npy"
        try Data(NPY.encode(x)).write(to: URL(fileURLWithPath: path))
        XCTAssertEqual(try TensorFile.load(path).scalars, x.scalars)
        XCTAssertEqual(message(path).hasPrefix("loaded"), true)
        // Options that do not apply to .npy are refused on this path too.
        XCTAssertThrowsError(try TensorFile.load(path, LoadOptions(color: .gray)))
        // Cut data: the same message as the in-memory decoder's.
        let bytes = NPY.encode(x)
        try Data(bytes.prefix(bytes.count - 4)).write(to: URL(fileURLWithPath: path))
        XCTAssertEqual(message(path), "\(path): truncated .npy data: shape [3,300000] of <f4 needs 3600000 bytes, "
                       + "the file holds 3599996")
    }

    func testNPYOfAnotherDTypeConvertsInChunks() throws {
        // 300,000 float64 values: more than one 1 MiB conversion chunk (131,072 values), the last one partial.
        var header = Array("{'descr': '<f8', 'fortran_order': False, 'shape': (300000,), }".utf8)
        while (10 + header.count + 1) % 64 != 0 { header.append(0x20) }
        header.append(0x0A)
        var file = [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(header.count & 255), UInt8(header.count >> 8)] + header
        let values = (0..<300_000).map { Double($0) / 3 }
        for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { file += $0 } }
        let path = folder.path + "/d.npy"
        try Data(file).write(to: URL(fileURLWithPath: path))
        XCTAssertEqual(try TensorFile.load(path).scalars, values.map { Float($0) })
    }
}
