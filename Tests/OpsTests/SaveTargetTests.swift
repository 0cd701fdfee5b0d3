import CKernelSupport
import Foundation
import TestSupport
import XCTest
@testable import Ops

/// What a save does to each kind of file it may meet: links, devices, FIFOs, read-only and hard-linked files.
final class SaveTargetTests: XCTestCase {
    var folder: TemporaryFolder!

    override func setUpWithError() throws { folder = try TemporaryFolder("target") }
    override func tearDown() { folder = nil }

    func path(_ name: String) -> String { folder.url.appendingPathComponent(name).path }
    func text(_ name: String) throws -> String { try String(contentsOfFile: path(name), encoding: .utf8) }
    func files() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() }
    func mode(_ name: String) -> stat {
        var info = stat()
        XCTAssertEqual(lstat(path(name), &info), 0)
        return info
    }

    func testSymlinkIsFollowedAndStaysALink() throws {
        try folder.write("real.bin", "old")
        XCTAssertEqual(symlink("real.bin", path("link.bin")), 0)
        try AtomicFile.write(Array("new".utf8), to: path("link.bin"))
        XCTAssertEqual(mode("link.bin").st_mode & S_IFMT, S_IFLNK)
        XCTAssertEqual(try text("real.bin"), "new")
        XCTAssertEqual(try files(), ["link.bin", "real.bin"])
    }

    func testDanglingSymlinkCreatesItsTarget() throws {
        XCTAssertEqual(symlink("later.bin", path("link.bin")), 0)
        try AtomicFile.write(Array("new".utf8), to: path("link.bin"))
        XCTAssertEqual(mode("link.bin").st_mode & S_IFMT, S_IFLNK)
        XCTAssertEqual(try text("later.bin"), "new")
    }

    func testCharacterDeviceIsWrittenNotReplaced() throws {
        // /dev/full through a link: the device refuses the bytes and stays a device.
        XCTAssertEqual(symlink("/dev/full", path("full.png")), 0)
        XCTAssertThrowsError(try AtomicFile.write([1, 2, 3], to: path("full.png"))) {
            XCTAssertEqual("\($0)", "cannot write \(self.path("full.png")): No space left on device")
        }
        var info = stat()
        XCTAssertEqual(stat("/dev/full", &info), 0)
        XCTAssertEqual(info.st_mode & S_IFMT, S_IFCHR)
        XCTAssertEqual(try files(), ["full.png"])
    }

    func testFIFOIsWrittenDirectly() throws {
        XCTAssertEqual(mkfifo(path("pipe.png"), 0o600), 0)
        XCTAssertThrowsError(try AtomicFile.write([1], to: path("pipe.png"))) {
            XCTAssertEqual("\($0)", "cannot write \(self.path("pipe.png")): a FIFO with no reader")
        }
        let reader = open(path("pipe.png"), O_RDONLY | O_NONBLOCK)
        XCTAssertGreaterThanOrEqual(reader, 0)
        defer { close(reader) }
        try AtomicFile.write(Array("through".utf8), to: path("pipe.png"))
        var buffer = [UInt8](repeating: 0, count: 16)
        XCTAssertEqual(read(reader, &buffer, 16), 7)
        XCTAssertEqual(mode("pipe.png").st_mode & S_IFMT, S_IFIFO)
        XCTAssertEqual(try files(), ["pipe.png"])
    }

    func testReadOnlyFileIsRefused() throws {
        try folder.write("ro.png", "old")
        XCTAssertEqual(chmod(path("ro.png"), 0o444), 0)
        XCTAssertThrowsError(try AtomicFile.write([1], to: path("ro.png"))) {
            XCTAssertEqual("\($0)", "\(self.path("ro.png")): read-only file; remove it or choose another name")
        }
        XCTAssertEqual(try text("ro.png"), "old")
    }

    func testReplacedFileKeepsItsMode() throws {
        try folder.write("private.npy", "old")
        XCTAssertEqual(chmod(path("private.npy"), 0o640), 0)
        try AtomicFile.write(Array("new".utf8), to: path("private.npy"))
        XCTAssertEqual(mode("private.npy").st_mode & 0o7777, 0o640)
        XCTAssertEqual(try text("private.npy"), "new")
    }

    func testReplacedFileKeepsItsOwnerWhenRoot() throws {
        try XCTSkipUnless(geteuid() == 0, "only root can give a file to someone else")
        try folder.write("theirs.npy", "old")
        XCTAssertEqual(chown(path("theirs.npy"), 1234, 5678), 0)
        try AtomicFile.write(Array("new".utf8), to: path("theirs.npy"))
        XCTAssertEqual(mode("theirs.npy").st_uid, 1234)
        XCTAssertEqual(mode("theirs.npy").st_gid, 5678)
    }

    func testHardLinkedFileIsWrittenInPlace() throws {
        try folder.write("a.npy", "old")
        XCTAssertEqual(link(path("a.npy"), path("b.npy")), 0)
        try AtomicFile.write(Array("bytes".utf8), to: path("a.npy"))
        XCTAssertEqual(try text("b.npy"), "bytes")
        try AtomicFile.write(to: path("b.npy")) { try AtomicFile.writeAll($0, Array("streamed".utf8), 8) }
        XCTAssertEqual(try text("a.npy"), "streamed")
        XCTAssertEqual(mode("a.npy").st_ino, mode("b.npy").st_ino)
        XCTAssertEqual(mode("a.npy").st_nlink, 2)
        XCTAssertEqual(try files(), ["a.npy", "b.npy"])
    }

    func testHardLinkedFileSurvivesAFailedStreamedWrite() throws {
        try folder.write("a.npy", "old")
        XCTAssertEqual(link(path("a.npy"), path("b.npy")), 0)
        XCTAssertThrowsError(try AtomicFile.write(to: path("a.npy")) { _ in throw OpError("encoder failed") })
        XCTAssertEqual(try text("b.npy"), "old")
        XCTAssertEqual(try files(), ["a.npy", "b.npy"])
    }

    func testLongestLegalNameSaves() throws {
        let name = String(repeating: "a", count: 251) + ".png"
        XCTAssertEqual(name.utf8.count, 255)
        try AtomicFile.write(Array("x".utf8), to: path(name))
        XCTAssertEqual(try files(), [name])
        // Cut at a character, not inside a multi-byte one.
        let wide = String(repeating: "é", count: 125) + ".png"
        try AtomicFile.write(Array("y".utf8), to: path(wide))
        XCTAssertEqual(try text(wide), "y")
    }

    func testLiveTemporaryIsRegisteredAndUnlinkedBySignalPath() throws {
        try AtomicFile.write(Array("done".utf8), to: path("small.npy"))
        XCTAssertThrowsError(try AtomicFile.write(to: path("big.npy")) { _ in
            XCTAssertEqual(try self.files().filter { $0.hasPrefix(".big.npy.tmp-") }.count, 1)
            // What the SIGINT/SIGTERM handler does: the temporary goes, so the save's rename fails.
            convsh_temporaries_unlink_all()
            XCTAssertEqual(try self.files().filter { $0.hasPrefix(".big.npy.tmp-") }, [])
        })
        XCTAssertEqual(try files(), ["small.npy"], "the finished save's file stays: it is no longer registered")
    }
}
