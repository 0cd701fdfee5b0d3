import Foundation
import TestSupport
import XCTest
@testable import ConvShell

/// The history file: loaded, repaired, moved aside, saved beside itself; an unusable path warns once.
final class HistoryFileTests: XCTestCase {
    var folder: TemporaryFolder!
    var warnings: [String] = []
    var path: String { folder.url.appendingPathComponent(".convsh_history").path }

    override func setUpWithError() throws { folder = try TemporaryFolder("history") }
    override func tearDown() { folder = nil }

    func history(_ path: String? = nil) -> HistoryFile {
        HistoryFile(path: path ?? self.path) { [unowned self] in self.warnings.append($0) }
    }
    func files() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() }
    var loaded: [String] = []
    var loadedFrom: [String] = []
    /// Stands in for libedit's H_LOAD: accepts a file whose first line is the header and that is UTF-8.
    func libeditLoad(_ path: String) -> Bool {
        loadedFrom.append(path)
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8),
              text.hasPrefix("_HiStOrY_V2_\n") else { return false }
        loaded = text.split(separator: "\n").dropFirst().map(String.init)
        return true
    }

    func testHeaderlessHistoryIsRepairedBesideItNotInTmp() throws {
        try "help\nvars\n".write(toFile: path, atomically: false, encoding: .utf8)
        var file = history()
        file.load(libeditLoad)
        XCTAssertEqual(loaded, ["help", "vars"])
        XCTAssertEqual(loadedFrom.count, 2, "the file, then its repaired copy")
        XCTAssertEqual((loadedFrom[1] as NSString).deletingLastPathComponent,
                       folder.url.resolvingSymlinksInPath().path)
        XCTAssertEqual(try files(), [".convsh_history"], "the repaired copy is removed")
        XCTAssertEqual(warnings, [])
    }

    func testUnreadableHistoryIsMovedAsideNotDestroyed() throws {
        let bytes = Data([0x5F, 0x48, 0xFF, 0xFE, 0x0A] + [UInt8](repeating: 0x41, count: 3000))
        try bytes.write(to: URL(fileURLWithPath: path))
        var file = history()
        file.load(libeditLoad)
        XCTAssertEqual(try files(), [".convsh_history.bad"])
        XCTAssertEqual(FileManager.default.contents(atPath: path + ".bad"), bytes)
        XCTAssertEqual(warnings.count, 1)
        XCTAssert(warnings[0].hasSuffix("moved it to \(path).bad and started a new one"), warnings[0])
        // A second bad file does not replace the first.
        try bytes.write(to: URL(fileURLWithPath: path))
        var again = history()
        again.load(libeditLoad)
        XCTAssertEqual(try files(), [".convsh_history.bad", ".convsh_history.bad.1"])
    }

    func testSaveReplacesTheFileThroughATemporaryBesideIt() throws {
        try "_HiStOrY_V2_\nold\n".write(toFile: path, atomically: false, encoding: .utf8)
        XCTAssertEqual(chmod(path, 0o640), 0)
        var file = history()
        var temporary = ""
        file.save { fd in
            temporary = self.folder.url.appendingPathComponent(try! self.files().first { $0 != ".convsh_history" }!).path
            defer { close(fd) }
            return Standard.write(fd, "_HiStOrY_V2_\nnew\n") == nil
        }
        XCTAssert((temporary as NSString).lastPathComponent.hasPrefix(".convsh_history."), temporary)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "_HiStOrY_V2_\nnew\n")
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int, 0o640)
        XCTAssertEqual(try files(), [".convsh_history"])
    }

    func testSymlinkedHistoryKeepsTheLink() throws {
        let real = folder.url.appendingPathComponent("dotfiles-history").path
        try "_HiStOrY_V2_\n".write(toFile: real, atomically: false, encoding: .utf8)
        XCTAssertEqual(symlink(real, path), 0)
        var file = history()
        file.save { fd in defer { close(fd) }; return Standard.write(fd, "_HiStOrY_V2_\nx\n") == nil }
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: path), real)
        XCTAssertEqual(try String(contentsOfFile: real, encoding: .utf8), "_HiStOrY_V2_\nx\n")
    }

    func testUnusablePathsWarnOnce() throws {
        let cases = [
            (folder.path, "convsh: history not kept: \(folder.path) is a folder"),
            (folder.path + "/missing/h", "convsh: history not kept: folder \(folder.path)/missing does not exist"),
        ]
        for (path, warning) in cases {
            warnings = []
            var file = history(path)
            XCTAssertFalse(file.usable)
            file.load { _ in XCTFail("no load of an unusable path"); return false }
            file.save { _ in XCTFail("no save to an unusable path"); return false }
            XCTAssertEqual(warnings, [warning])
        }
    }

    func testFailedSaveWarnsOnceThenStops() throws {
        var file = history()
        file.save { fd in close(fd); return false }
        file.save { _ in XCTFail("no second attempt"); return false }
        XCTAssertEqual(warnings.count, 1)
        XCTAssert(warnings[0].hasPrefix("convsh: history not kept: cannot save \(path): "), warnings[0])
        XCTAssertEqual(try files(), [])
    }
}
