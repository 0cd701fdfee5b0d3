import Foundation
import TestSupport
import XCTest
@testable import ConvShell
@testable import Ops

/// `for`, `parallel for`, `--shard` and `--keep-going` on a session (LANGUAGE.md §5).
final class LoopTests: XCTestCase {
    func session(threads: Int = 2, output: @escaping (String) -> Void) -> Session {
        Session(context: Context(threads: threads, write: output), write: output)
    }

    /// The body makes a different tensor per iteration, prints two values and saves a file.
    static func script(_ loop: String, folder: String) -> String {
        """
        k = kernel edge
        \(loop) i in range(12)
            x = [[i, i * 2, 1], [3, i % 5, i ** 2], [0, 1, -i]]
            f = conv2d x k same
            sum(f)
            max(f)
            save f \(folder)/map_$i.npy
        end
        """
    }

    func testParallelForPrintsAndWritesWhatForDoes() throws {
        let folder = try TemporaryFolder("parallel-for")
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("a"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("b"), withIntermediateDirectories: true)
        var serial = "", parallel = ""
        try session { serial += $0 }.runScript(Self.script("for", folder: folder.url.path + "/a"), file: "s")
        try session { parallel += $0 }.runScript(Self.script("parallel for", folder: folder.url.path + "/b"), file: "p")
        XCTAssertEqual(serial.split(separator: "\n").count, 24)
        XCTAssertEqual(parallel, serial)
        for i in 0..<12 {
            let a = try Data(contentsOf: folder.url.appendingPathComponent("a/map_\(i).npy"))
            let b = try Data(contentsOf: folder.url.appendingPathComponent("b/map_\(i).npy"))
            XCTAssertEqual(a, b, "map_\(i).npy")
        }
    }

    func testParallelIterationsBindLocally() throws {
        var output = ""
        let s = session { output += $0 }
        try s.runScript("y = 7\nparallel for i in range(4)\n  y = i\n  z = i\nend\ny", file: "t")
        XCTAssertEqual(output, "7\n")
        XCTAssertNil(s.variables["z"])
    }

    func testShardsCoverTheItemsExactlyOnce() throws {
        for count in 1...4 {
            var seen: [Int] = []
            for index in 0..<count {
                var output = ""
                let s = session { output += $0 }
                s.loops.shard = (index, count)
                try s.runScript("for i in range(10)\n  i\nend", file: "t")
                seen += output.split(separator: "\n").map { Int($0)! }
            }
            XCTAssertEqual(seen.sorted(), Array(0..<10), "--shard I/\(count)")
        }
    }

    func testKeepGoingCountsFailedIterations() throws {
        var output = ""
        let s = session { output += $0 }
        s.loops.keepGoing = true
        try s.runScript("for i in [1, 0, 2, 0]\n  x = kernel box i\nend\n\"done\"", file: "t")
        XCTAssertEqual(s.loops.failedIterations, 2)
        XCTAssertEqual(output, "done\n")
    }

    func testBreakAndContinueOutsideALoopAreErrors() {
        let s = session { _ in }
        XCTAssertThrowsError(try s.runScript("break", file: "t")) {
            XCTAssertEqual("\($0)", "t:1: error: break outside a loop")
        }
    }
}

/// Script text as lines (issue 13 items 9 and 12).
final class ScriptTextTests: XCTestCase {
    func testCRLFLinesAreReportedAtTheirLine() {
        let s = Session(context: Context(threads: 1) { _ in }, write: { _ in })
        XCTAssertThrowsError(try s.runScript("vars\r\nquit 2\r\nrelux\r\n", file: "w.convsh")) {
            XCTAssertEqual("\($0)", "w.convsh:2: error: quit takes no arguments, got '2'")
        }
    }

    func testInvalidUTF8NamesTheLineAndByte() {
        let bytes = Array("x = 1\ny = \"".utf8) + [0xFF] + Array("\"\n".utf8)
        XCTAssertThrowsError(try ScriptLines.decode(bytes, file: "bad.convsh")) {
            XCTAssertEqual("\($0)", "bad.convsh:2: error: not valid UTF-8 (byte 6 of the line)")
        }
    }
}
