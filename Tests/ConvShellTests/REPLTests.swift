import Foundation
import TestSupport
import XCTest

/// The real REPL on a pseudo-terminal: libedit, Tab completion, history across restarts, Ctrl-C, Ctrl-D, UTF-8.
final class REPLTests: XCTestCase {
    var folder: TemporaryFolder!
    var history: URL { folder.url.appendingPathComponent("history") }
    let prompt = "convsh> "

    override func setUpWithError() throws {
        folder = try TemporaryFolder("repl")
        let square = Convsh.testsFolder.appendingPathComponent("Golden/data/square.npy")
        try FileManager.default.copyItem(at: square, to: folder.url.appendingPathComponent("square.npy"))
        try FileManager.default.copyItem(at: square, to: folder.url.appendingPathComponent("café.npy"))
    }

    override func tearDown() { folder = nil }

    /// A fresh convsh on a terminal, history in the test's folder, waiting at its first prompt. NO_COLOR keeps
    /// tables plain, so their numbers can be matched as text.
    func start() throws -> PseudoTerminal {
        let terminal = try PseudoTerminal(in: folder.url,
                                          environment: ["CONVSH_HISTORY": history.path, "HOME": folder.path,
                                                        "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "NO_COLOR": "1"])
        try terminal.expect("help lists the ops")
        try terminal.expect(prompt)
        return terminal
    }

    /// Runs one line and returns what it printed before the next prompt.
    @discardableResult
    func run(_ terminal: PseudoTerminal, _ keys: String) throws -> String {
        try terminal.enter(keys, thenExpect: prompt)
    }

    func quit(_ terminal: PseudoTerminal) {
        terminal.type("\u{4}")
        XCTAssertEqual(terminal.waitForExit(), 0, "Ctrl-D on an empty line quits with status 0; output:\n"
                       + terminal.output.debugDescription)
    }

    // MARK: - Tab completion

    func testTabCompletesOpNamesTensorNamesAndOptionKeys() throws {
        let t = try start()
        try run(t, "longname = kernel edge")
        // "sho" + Tab → "show " (the only op or word starting so); "long" + Tab → "longname ".
        let table = try run(t, "sho\tlong\t")
        XCTAssert(table.contains("-1   8  -1"), table)
        // "stri" + Tab → "stride=": a 3x3 input with stride 2, SAME, gives 2x2.
        try run(t, "img = [[1,2,3],[4,5,6],[7,8,9]]")
        try run(t, "y = conv2d img longname same stri\t2")
        let described = try run(t, "y")
        XCTAssert(described.contains("y: [2,2] float32"), described)
        // A file path: "squ" + Tab → "square.npy ".
        try run(t, "photo = load squ\t")
        XCTAssert(try run(t, "photo").contains("photo: [8,8,1] float32"))
        // A kernel name: "kernel sob" + Tab lists sobel_x and sobel_y and completes the common "sobel_".
        try run(t, "sx = kernel sob\tx")
        XCTAssert(try run(t, "show sx").contains("-2   0   2"))
        quit(t)
    }

    // MARK: - History

    func testHistoryIsRecalledAfterARestart() throws {
        let first = try start()
        XCTAssert(try run(first, "help relu").contains("usage: relu X"))
        try run(first, "help stats")
        quit(first)
        let saved = try String(contentsOf: history, encoding: .utf8)
        XCTAssert(saved.hasPrefix("_HiStOrY_V2_\n"), saved)

        let second = try start()
        // Up recalls the last line of the previous session, Up Up the one before.
        XCTAssert(try run(second, PseudoTerminal.up).contains("usage: stats X"))
        XCTAssert(try run(second, PseudoTerminal.up + PseudoTerminal.up).contains("usage: relu X"))
        quit(second)
    }

    func testHistoryCutByHandStillLoads() throws {
        let first = try start()
        for op in ["load", "save", "kernel", "relu", "maxpool"] { try run(first, "help " + op) }
        quit(first)
        // Keep the last 3 lines only: the _HiStOrY_V2_ header line is gone.
        let lines = try String(contentsOf: history, encoding: .utf8).split(separator: "\n")
        try (lines.suffix(3).joined(separator: "\n") + "\n").write(to: history, atomically: true, encoding: .utf8)

        let second = try start()
        XCTAssert(try run(second, PseudoTerminal.up).contains("usage: maxpool X"))
        XCTAssert(try run(second, PseudoTerminal.up + PseudoTerminal.up).contains("usage: relu X"))
        quit(second)
        // The next save writes a whole file again, header first.
        XCTAssert(try String(contentsOf: history, encoding: .utf8).hasPrefix("_HiStOrY_V2_\n"))
    }

    func testHistoryWithoutItsHeaderLineWrittenByHand() throws {
        try "help conv2d\nhelp\\040show\n".write(to: history, atomically: true, encoding: .utf8)
        let t = try start()
        XCTAssert(try run(t, PseudoTerminal.up).contains("usage: show X"))
        XCTAssert(try run(t, PseudoTerminal.up + PseudoTerminal.up).contains("usage: conv2d X K"))
        quit(t)
    }

    // MARK: - Errors, Ctrl-C, Ctrl-D

    func testAnErrorThenAWorkingCommand() throws {
        let t = try start()
        let error = try run(t, "conv img k")
        XCTAssert(error.contains("error: unknown command 'conv'; did you mean conv2d?"), error)
        let fine = try run(t, "k = kernel box 2; show k")
        XCTAssert(fine.contains("0.25  0.25"), fine)
        XCTAssertFalse(fine.contains("error"), fine)
        quit(t)
    }

    func testCtrlCDropsTheLine() throws {
        let t = try start()
        t.type("help rel")
        try t.expect("rel")
        t.type("\u{3}")
        try t.expect(prompt)
        let after = try run(t, "help stats")
        XCTAssert(after.contains("usage: stats X"), after)
        XCTAssertFalse(after.contains("error"), "the dropped text must not reach the next line: \(after)")
        quit(t)
    }

    func testCtrlDQuitsEvenAfterWork() throws {
        let t = try start()
        try run(t, "k = kernel edge")
        t.type("\u{4}")
        XCTAssertEqual(t.waitForExit(), 0)
    }

    // MARK: - UTF-8

    func testEditingAcrossAMultibyteCharacter() throws {
        let t = try start()
        // Typed "cafxé.npy"; Left 5 times crosses ".npy" and "é" (one character, two bytes); Backspace deletes "x".
        try run(t, "c = load cafxé.npy" + String(repeating: PseudoTerminal.left, count: 5) + PseudoTerminal.backspace)
        let described = try run(t, "c")
        XCTAssert(described.contains("c: [8,8,1] float32"), described)
        // Backspace over "é" itself, then type it again.
        try run(t, "d = load café" + PseudoTerminal.backspace + "é.npy")
        XCTAssert(try run(t, "d").contains("d: [8,8,1] float32"))
        quit(t)
    }
}
