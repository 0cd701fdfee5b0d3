import Foundation
import TestSupport
import XCTest

/// Ctrl-C at the prompt stops a running conv within half a second, prints `interrupted`, binds nothing new and
/// keeps every earlier value (LANGUAGE.md §6); on a real terminal, through the line editor's SIGINT handler.
final class InterruptTests: XCTestCase {
    func testCtrlCStopsALongConvAndKeepsTheTensors() throws {
        let folder = try TemporaryFolder("interrupt")
        let terminal = try PseudoTerminal(in: folder.url, environment: ["CONVSH_HISTORY": folder.url.path + "/h",
                                                                        "HOME": folder.url.path, "NO_COLOR": "1"])
        try terminal.expect("convsh> ")
        // Calibrate: one image's conv, then a batch that needs at least 4 s (build and machine differ a lot).
        _ = try terminal.enter("k = kernel random 3 3 16 32 seed=1; one = kernel random 1 64 64 16 seed=2")
        let timing = try terminal.enter("time f1 = conv2d one k same")
        let ms = try XCTUnwrap(timing.range(of: #"[0-9.]+ ms"#, options: .regularExpression).map {
            Double(timing[$0].dropLast(3))!
        })
        let batch = min(255, max(2, Int((4000 / max(ms, 0.1)).rounded(.up))))
        try XCTSkipIf(Double(batch) * ms < 2000, "a conv of 255 images takes only \(Double(batch) * ms) ms here")
        _ = try terminal.enter("x = kernel random \(batch) 64 64 16 seed=3")

        terminal.type("f = conv2d x k same\r")
        Thread.sleep(forTimeInterval: 1)
        let pressed = Date()
        terminal.send("\u{3}")
        try terminal.expect("interrupted", timeout: 5)
        let stopped = Date().timeIntervalSince(pressed)
        XCTAssertLessThan(stopped, 0.5, "Ctrl-C took \(stopped) s to stop a conv of about \(Double(batch) * ms) ms")
        try terminal.expect("convsh> ")
        let vars = try terminal.enter("vars")
        for name in ["k", "one", "f1", "x"] { XCTAssert(vars.contains("\n\(name) "), "\(name) kept:\n\(vars)") }
        XCTAssertFalse(vars.contains("\nf "), "the interrupted result is not bound:\n\(vars)")
        terminal.type("\u{4}")
        XCTAssertEqual(terminal.waitForExit(), 0)
    }
}
