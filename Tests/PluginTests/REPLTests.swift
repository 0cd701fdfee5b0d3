import Foundation
import TestSupport
import Testing

/// The real REPL on a pseudo-terminal: plugins loaded at the prompt, and commands defined at it.
@Suite struct REPLTests {
    @Test func badPluginAtThePromptIsOneLineAndTheSessionGoesOn() throws {
        let repl = try PseudoTerminal()
        try repl.expect("convsh> ")
        repl.type("plugin load \(Products.library("convsh_fixture_not_a_plugin"))\r")
        try repl.expect("error: plugin load: \(Products.library("convsh_fixture_not_a_plugin")) is not a convsh "
            + "plugin: it exports no convsh_plugin_entry")
        try repl.expect("convsh> ")
        repl.type("plugin load \(Products.library("convsh_threshold"))\r")
        try repl.expect("threshold 1.0.0: threshold, magnitude")
        repl.type("x = [[-1, 0.5, 2]]\r")
        repl.type("y = thr\tx 1\ry\r")  // Tab completes the plugin's op like a built-in: else no y to show
        try repl.expect("0  0  2")
        repl.type("quit\r")
        #expect(repl.waitForExit() == 0)
    }

    @Test func defContinuesAtItsOwnPromptAndAnErrorInsidePointsAtTheLine() throws {
        let repl = try PseudoTerminal()
        try repl.expect("convsh> ")
        for line in ["def twice x", "# relu, then relu again", "y = relu x", "relu yy"] {
            try repl.enter(line, thenExpect: "...> ")
        }
        try repl.enter("end")
        repl.type("z = twice [[-2, 3]]\r")
        try repl.expect("error: <repl>:4: relu: argument 1 (X): unknown name 'yy'; did you mean y? (in twice)")
        repl.type("help tw\t\r")  // Tab completes the defined command's name
        try repl.expect("usage: twice X\r\n  relu, then relu again")
        repl.type("def once x\rrelu x\rend\rz = once [[-2, 3]]\rz\r")
        try repl.expect("0  3")
        repl.type("quit\r")
        #expect(repl.waitForExit() == 0)
    }

    @Test func ctrlCAtTheContinuationPromptAbandonsTheDefinition() throws {
        let repl = try PseudoTerminal()
        try repl.expect("convsh> ")
        try repl.enter("def half x", thenExpect: "...> ")
        try repl.enter("relu x", thenExpect: "...> ")
        repl.type("maxp")
        try repl.expect("maxp")  // echoed: libedit is reading, so Ctrl-C reaches it
        repl.type("\u{3}")
        try repl.expect("def half abandoned")
        try repl.expect("convsh> ")  // back at the main prompt, not `...>`
        repl.type("help half\r")
        try repl.expect("help: no op or shell word 'half'")
        repl.type("quit\r")
        #expect(repl.waitForExit() == 0)
    }

    /// A Ctrl-C that reaches convsh while libedit is busy with keys already typed (not waiting in read(2)) must
    /// still end the line; libedit's own reader missed it and then waited for ever. The keys are written in one go
    /// and SIGINT sent straight after, so it lands while they are being read and drawn one by one.
    @Test func ctrlCWhileTheEditorIsBusyStillDropsTheLine() throws {
        let repl = try PseudoTerminal()
        try repl.expect("convsh> ")
        try repl.enter("def half x", thenExpect: "...> ")
        repl.type(String(repeating: "relu x ", count: 200))
        kill(repl.processID, SIGINT)
        try repl.expect("def half abandoned")
        try repl.expect("convsh> ")
        repl.type("\u{3}")  // a real Ctrl-C: the tty discards the keys still queued, convsh the line
        try repl.expect("convsh> ")
        repl.type("quit\r")
        #expect(repl.waitForExit() == 0)
    }

    @Test func ctrlDAtTheContinuationPromptSaysTheBlockWasAbandoned() throws {
        let repl = try PseudoTerminal()
        try repl.expect("convsh> ")
        try repl.enter("for i in range(3)", thenExpect: "...> ")
        try repl.enter("i", thenExpect: "...> ")
        repl.type("\u{4}")
        try repl.expect("for i abandoned")
        #expect(repl.waitForExit() == 0)
    }
}
