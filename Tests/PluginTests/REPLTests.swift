import Foundation
import Testing

/// The real REPL on a pseudo-terminal: plugins loaded at the prompt, and commands defined at it.
@Suite struct REPLTests {
    @Test func badPluginAtThePromptIsOneLineAndTheSessionGoesOn() throws {
        let repl = try PseudoTerminal()
        #expect(repl.expect("convsh> "))
        repl.type("plugin load \(Products.library("convsh_fixture_not_a_plugin"))\r")
        #expect(repl.expect("error: plugin load: \(Products.library("convsh_fixture_not_a_plugin")) is not a convsh "
            + "plugin: it exports no convsh_plugin_entry"))
        #expect(repl.expect("convsh> "))
        repl.type("plugin load \(Products.library("convsh_threshold"))\r")
        #expect(repl.expect("threshold 1.0.0: threshold, abs"))
        repl.type("x = [[-1, 0.5, 2]]\r")
        repl.type("y = thr\tx 1\ry\r")  // Tab completes the plugin's op like a built-in: else no y to show
        #expect(repl.expect("0  0  2"), "\(repl.screen)")
        repl.type("quit\r")
        #expect(repl.exitStatus() == 0)
    }

    @Test func defContinuesAtItsOwnPromptAndAnErrorInsidePointsAtTheLine() throws {
        let repl = try PseudoTerminal()
        #expect(repl.expect("convsh> "))
        repl.type("def twice x\r")
        #expect(repl.expect("...> "))
        repl.type("# relu, then relu again\r")
        #expect(repl.expect("...> "))
        repl.type("y = relu x\r")
        #expect(repl.expect("...> "))
        repl.type("relu yy\r")
        #expect(repl.expect("...> "))
        repl.type("end\r")
        #expect(repl.expect("convsh> "))
        repl.type("z = twice [[-2, 3]]\r")
        #expect(repl.expect("error: <repl>:4: relu: argument 1: unknown tensor 'yy'; did you mean y? (in twice)"),
                "\(repl.screen)")
        repl.type("help tw\t\r")  // Tab completes the defined command's name
        #expect(repl.expect("usage: twice X\r\n  relu, then relu again"), "\(repl.screen)")
        repl.type("def once x\rrelu x\rend\rz = once [[-2, 3]]\rz\r")
        #expect(repl.expect("0  3"), "\(repl.screen)")
        repl.type("quit\r")
        #expect(repl.exitStatus() == 0)
    }
}
