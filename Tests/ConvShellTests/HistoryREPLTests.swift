import Foundation
import TestSupport
import XCTest

/// The history file as the real REPL (libedit) meets it: a damaged file is kept aside, a bad path warns once.
final class HistoryREPLTests: XCTestCase {
    var folder: TemporaryFolder!
    var history: URL { folder.url.appendingPathComponent(".convsh_history") }

    override func setUpWithError() throws { folder = try TemporaryFolder("history-repl") }
    override func tearDown() { folder = nil }

    func start(history path: String) throws -> PseudoTerminal {
        let terminal = try PseudoTerminal(in: folder.url, environment: [
            "CONVSH_HISTORY": path, "HOME": folder.path, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "NO_COLOR": "1"])
        try terminal.expect("convsh> ")
        return terminal
    }

    func quit(_ terminal: PseudoTerminal) {
        terminal.type("\u{4}")
        XCTAssertEqual(terminal.waitForExit(), 0, terminal.output)
    }

    func testInvalidUTF8HistoryIsMovedAsideWithAWarning() throws {
        // 3 MB that libedit cannot read as lines of text (it used to be overwritten with the next line typed).
        let damaged = Data([0x5F, 0x48, 0x69, 0xFF, 0xC0, 0x0A] + [UInt8](repeating: 0xFE, count: 3_000_000))
        try damaged.write(to: history)
        let t = try start(history: history.path)
        XCTAssert(t.output.contains("moved it to \(history.path).bad"), t.output)
        try t.enter("help relu")
        quit(t)
        XCTAssertEqual(FileManager.default.contents(atPath: history.path + ".bad"), damaged)
        XCTAssert(try String(contentsOf: history, encoding: .utf8).hasPrefix("_HiStOrY_V2_\n"))
    }

    func testFolderAsHistoryWarnsOnce() throws {
        let t = try start(history: folder.path)
        try t.enter("help relu")
        try t.enter("help stats")
        quit(t)
        XCTAssertEqual(t.output.components(separatedBy: "history not kept").count, 2, t.output)
        XCTAssert(t.output.contains("convsh: history not kept: \(folder.path) is a folder"), t.output)
    }

    func testNoTemporaryLeftInTheFolder() throws {
        try "help conv2d\n".write(to: history, atomically: true, encoding: .utf8)  // no header: repaired
        let t = try start(history: history.path)
        try t.enter("help relu")
        quit(t)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [".convsh_history"])
    }
}
