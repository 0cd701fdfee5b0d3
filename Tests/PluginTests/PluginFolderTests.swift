import Foundation
import Ops
@testable import PluginHost
import TestSupport
import Testing

/// Where plugins load from at start: `$CONVSH_PLUGIN_PATH`, then `~/.convsh/plugins`; never the working directory.
@Suite struct PluginFolderTests {
    @Test func foldersComeFromThePathVariableThenHome() {
        let (folders, warnings) = PluginSet.startupFolders(environment: [
            "CONVSH_PLUGIN_PATH": "/opt/a:~/b", "HOME": "/home/u",
        ])
        #expect(folders == ["/opt/a", "/home/u/b", "/home/u/.convsh/plugins"])
        #expect(warnings.isEmpty)
    }

    @Test func emptyAndRelativeEntriesNeverMeanTheWorkingDirectory() {
        let (folders, warnings) = PluginSet.startupFolders(environment: [
            "CONVSH_PLUGIN_PATH": ":plugins::/opt/a:", "HOME": "/home/u",
        ])
        #expect(folders == ["/opt/a", "/home/u/.convsh/plugins"])
        #expect(warnings == ["CONVSH_PLUGIN_PATH: ignoring 'plugins': plugin folders must be absolute paths"])
    }

    @Test func withoutHomeOnlyThePathVariableIsSearched() {
        #expect(PluginSet.startupFolders(environment: [:]).folders.isEmpty)
        #expect(PluginSet.startupFolders(environment: ["HOME": "relative"]).folders.isEmpty)
    }

    @Test func folderLoadsEveryLibraryAndReportsTheBadOnes() throws {
        let folder = try TemporaryFolder()
        try folder.copyLibrary("convsh_threshold", as: "libconvsh_threshold.so")
        try folder.copyLibrary("convsh_fixture_not_a_plugin", as: "libother.so")
        try folder.copyLibrary("convsh_fixture_clash", as: ".hidden.so")  // hidden: not looked at
        try folder.write("README.txt", "not a library")
        let registry = Registry(), plugins = PluginSet()
        let failures = plugins.loadFolders([folder.path, folder.path + "/missing"], into: registry, reserved: [])
        #expect(failures == [folder.path + "/libother.so is not a convsh plugin: it exports no convsh_plugin_entry"])
        #expect(plugins.loaded.map(\.name) == ["threshold"])
        #expect(registry.op(named: "magnitude") != nil)
        #expect(registry.op(named: "negate") == nil)
    }

    @Test func firstFolderWinsLikePath() throws {
        let first = try TemporaryFolder(), second = try TemporaryFolder()
        try first.copyLibrary("convsh_threshold", as: "libconvsh_threshold.so")
        try second.copyLibrary("convsh_threshold", as: "libconvsh_threshold.so")
        let plugins = PluginSet()
        let failures = plugins.loadFolders([first.path, second.path], into: Registry(), reserved: [])
        #expect(failures.isEmpty)
        #expect(plugins.loaded.map(\.path) == [first.url.resolvingSymlinksInPath().path + "/libconvsh_threshold.so"])
    }
}
