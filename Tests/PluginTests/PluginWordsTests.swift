@testable import ConvShell
import TestSupport
import Testing

/// The shell words `plugin load PATH` and `plugins`: usage, the empty list, completion.
@Suite struct PluginWordsTests {
    let shell = Harness()

    @Test(arguments: ["plugin", "plugin load", "plugin unload x.so", "plugin load a.so b.so"])
    func wrongUseShowsTheUsage(statement: String) {
        #expect(shell.script(statement) == "test.convsh:1: error: usage: plugin load PATH")
    }

    @Test func emptyListSaysWhereToPutPlugins() throws {
        try shell.run("plugins")
        #expect(shell.takeOutput() == "no plugins loaded; convsh looks in $CONVSH_PLUGIN_PATH and "
            + "~/.convsh/plugins, or try: plugin load PATH\n")
    }

    @Test func helpKnowsTheWords() throws {
        try shell.run("help plugin; help plugins")
        #expect(shell.takeOutput() == """
            usage: plugin load PATH
              load a plugin library; its ops join the built-in ones
            usage: plugins
              list the loaded plugins with their versions and ops

            """)
    }

    @Test func tabCompletesLoadThenPaths() throws {
        let folder = try TemporaryFolder()
        try folder.copyLibrary("convsh_threshold", as: "libconvsh_threshold.so")
        let completer = Completer(session: shell.session)
        #expect(completer.complete("plugin ").candidates == ["load"])
        #expect(completer.complete("plugin load \(folder.path)/li").candidates
            == ["\(folder.path)/libconvsh_threshold.so"])
    }
}
