import Foundation
@testable import PluginHost
import TestSupport
import Testing

/// What a plugin says reaches the terminal escaped; a folder others can write to loads with a warning.
@Suite struct PluginTextTests {
    @Test func controlCharactersAreEscaped() {
        #expect(PluginText.escaped("a\tb") == "a\\tb")
        // An OSC 0 sequence that would retitle the terminal, and a C1 CSI.
        #expect(PluginText.escaped("x\u{1B}]0;pwned\u{07}y") == "x\\e]0;pwned\\x07y")
        #expect(PluginText.escaped("\u{9B}31m") == "\\u{9B}31m")
        #expect(PluginText.escaped("del\u{7F}") == "del\\x7f")
        #expect(PluginText.escaped("line 1\nline 2", keepingNewlines: true) == "line 1\nline 2")
        #expect(PluginText.escaped("café ≤ 2") == "café ≤ 2")
    }

    @Test func folderWritableByOthersWarns() throws {
        let folder = try TemporaryFolder("plugins")
        #expect(chmod(folder.path, 0o755) == 0)
        #expect(PluginSet.startupFolders(environment: ["CONVSH_PLUGIN_PATH": folder.path]).warnings.isEmpty)
        #expect(chmod(folder.path, 0o777) == 0)
        #expect(PluginSet.startupFolders(environment: ["CONVSH_PLUGIN_PATH": folder.path]).warnings == [
            "plugin folder \(folder.path) is writable by anyone, who could put code in it; loading it anyway "
                + "(chmod go-w '\(folder.path)' to fix)",
        ])
        #expect(chmod(folder.path, 0o775) == 0)
        #expect(PluginSet.startupFolders(environment: ["CONVSH_PLUGIN_PATH": folder.path]).warnings.first?
            .contains("writable by its group") == true)
        #expect(PluginSet.startupFolders(environment: ["CONVSH_PLUGIN_PATH": folder.path]).folders == [folder.path])
    }
}
