import Foundation
import TestSupport
import XCTest

/// 10,000 statements through the real REPL on a pseudo-terminal — loads, convs, dels, listings and errors — with
/// the process's resident memory flat: a leak of one small tensor or one error message per statement would show.
final class SoakTests: XCTestCase {
    /// Ten statements, the last one an error (it ends the line, so it comes last).
    static let line = "img = load square.npy; k = kernel edge; f = conv2d img k same; d = relu f; p = maxpool d; "
        + "stats p; del f; x = [[1,2],[3,4]]; vars; conv img k"

    /// VmRSS of `pid` in KiB, from /proc.
    func residentKiB(_ pid: pid_t) throws -> Int {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        let line = try XCTUnwrap(status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") })
        return try XCTUnwrap(Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]))
    }

    func testTenThousandStatementsKeepMemoryFlat() throws {
        // Under ASan freed memory waits in a quarantine of up to 256 MB, so RSS grows by design there.
        try XCTSkipIf(ProcessInfo.processInfo.environment["ASAN_OPTIONS"] != nil, "RSS is not flat under ASan")
        let folder = try TemporaryFolder("soak")
        let square = Convsh.testsFolder.appendingPathComponent("Golden/data/square.npy")
        try FileManager.default.copyItem(at: square, to: folder.url.appendingPathComponent("square.npy"))
        let t = try PseudoTerminal(in: folder.url, environment: [
            "CONVSH_HISTORY": folder.path + "/history", "HOME": folder.path, "LANG": "C.UTF-8", "NO_COLOR": "1"])
        try t.expect("convsh> ")
        var warm = 0
        var statements = 0
        for round in 1...1000 {
            let out = try t.enter(Self.line)
            statements += 10
            if round == 1 {
                XCTAssert(out.contains("p: [4,4,1] float32"), out)
                XCTAssert(out.contains("error: unknown command 'conv'; did you mean conv2d?"), out)
            }
            if round == 100 { warm = try residentKiB(t.processID) }
        }
        let end = try residentKiB(t.processID)
        t.type("\u{4}")
        XCTAssertEqual(t.waitForExit(), 0)
        XCTAssertEqual(statements, 10_000)
        XCTAssertGreaterThan(warm, 0)
        XCTAssertLessThanOrEqual(Double(end), Double(warm) * 1.1, "RSS grew from \(warm) KiB to \(end) KiB")
        print("soak: 10000 statements, RSS \(warm) KiB after 1000, \(end) KiB at the end")
    }
}
