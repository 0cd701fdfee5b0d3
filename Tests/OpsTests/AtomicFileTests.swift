import Foundation
import TestSupport
import XCTest
@testable import Ops

/// A failed save never truncates an existing file and leaves no temporary file behind.
final class AtomicFileTests: XCTestCase {
    var folder: TemporaryFolder!

    override func setUpWithError() throws { folder = try TemporaryFolder("atomic") }

    override func tearDown() {
        _ = chmod(folder.path, 0o755)  // so that the folder can be removed
        folder = nil
    }

    func files() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() }

    func testFailureMidwayKeepsTheOldFile() throws {
        let path = folder.url.appendingPathComponent("x.npy").path
        try AtomicFile.write(Array("old contents".utf8), to: path)
        XCTAssertThrowsError(try AtomicFile.write(to: path) { handle in
            let half = Array("new, half writ".utf8)
            try AtomicFile.writeAll(handle, half, half.count)
            throw OpError("disk on fire")
        }) { XCTAssertEqual("\($0)", "cannot write \(path): disk on fire") }
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "old contents")
        XCTAssertEqual(try files(), ["x.npy"], "no temporary file left")
    }

    func testSuccessReplacesAndKeepsTheUsualMode() throws {
        let path = folder.url.appendingPathComponent("x.npy").path
        try AtomicFile.write(Array("one".utf8), to: path)
        try AtomicFile.write(Array("two".utf8), to: path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "two")
        let mode = try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        let mask = umask(0)
        umask(mask)
        XCTAssertEqual(mode, 0o666 & ~Int(mask), "a new file's mode, not mkstemp's 0600")
        XCTAssertEqual(try files(), ["x.npy"])
    }

    func testReadOnlyFolder() throws {
        try XCTSkipIf(geteuid() == 0, "root writes into read-only folders")
        let path = folder.url.appendingPathComponent("x.npy").path
        try AtomicFile.write(Array("old".utf8), to: path)
        XCTAssertEqual(chmod(folder.path, 0o555), 0)
        XCTAssertThrowsError(try AtomicFile.write(Array("new".utf8), to: path)) {
            XCTAssertEqual("\($0)", "cannot write \(path): Permission denied")
        }
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "old")
    }

    func testTargetIsAFolder() throws {
        let path = folder.path
        XCTAssertThrowsError(try AtomicFile.write([1], to: path)) {
            XCTAssertEqual("\($0)", "cannot write \(path): it is a folder")
        }
    }
}
