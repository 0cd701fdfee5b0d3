import Foundation
import TestSupport
import Testing

/// Plugins as a user meets them: the convsh binary loading from each place, and bad libraries in scripts.
@Suite struct PluginShellTests {
    let probe = "x = threshold [[-1, 0.5, 2]] 1; show x; plugins"

    @Test func loadsAtStartFromEachFolderOfThePathVariable() throws {
        let empty = try TemporaryFolder(), folder = try TemporaryFolder()
        try folder.copyLibrary("convsh_threshold", as: "libconvsh_threshold.so")
        let result = try Convsh.run(["-c", probe], environment: ["CONVSH_PLUGIN_PATH": empty.path + ":" + folder.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Kernel \"x\" of size 3x1+1+0 with values from 0 to 2, output range 0 to 2 (sum 2)\n0  0  2\nthreshold 1.0.0: threshold, magnitude  ("))
        #expect(result.stderr.isEmpty)
    }

    @Test func loadsAtStartFromConvshPluginsInHome() throws {
        let home = try TemporaryFolder()
        try home.copyLibrary("convsh_threshold", as: ".convsh/plugins/libconvsh_threshold.so")
        let result = try Convsh.run(["-c", probe], environment: ["HOME": home.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Kernel \"x\" of size 3x1+1+0 with values from 0 to 2, output range 0 to 2 (sum 2)\n0  0  2\nthreshold 1.0.0: threshold, magnitude  ("))
    }

    @Test func neverLoadsFromTheWorkingDirectory() throws {
        let folder = try TemporaryFolder()
        try folder.copyLibrary("convsh_threshold", as: "libconvsh_threshold.so")
        try folder.copyLibrary("convsh_threshold", as: "plugins/libconvsh_threshold.so")
        let result = try Convsh.run(["-c", "plugins; magnitude [1]"], environment: ["CONVSH_PLUGIN_PATH": "plugins:"],
                                   in: folder.url)
        #expect(result.stdout.hasPrefix("no plugins loaded"))
        #expect(result.stderr == """
            convsh: CONVSH_PLUGIN_PATH: ignoring 'plugins': plugin folders must be absolute paths
            -c:1: error: unknown command 'magnitude' (type help)

            """)
        #expect(result.status == 1)
    }

    @Test func pluginLoadTakesAPathRelativeToTheWorkingDirectory() throws {
        let folder = try TemporaryFolder()
        try folder.copyLibrary("convsh_threshold", as: "lib/libconvsh_threshold.so")
        let result = try Convsh.run([], stdin: "plugin load lib/libconvsh_threshold.so\ny = magnitude [[-3]]\nshow y\n",
                                   in: folder.url)
        #expect(result.stdout == "threshold 1.0.0: threshold, magnitude\nKernel \"y\" of size 1x1+0+0 with values from 3 to 3, output range 0 to 3 (sum 3)\n3\n")
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func badLibraryInAFolderIsReportedAndTheShellGoesOn() throws {
        let folder = try TemporaryFolder()
        try folder.copyLibrary("convsh_fixture_wrong_interface", as: "libfuture.so")
        try folder.copyLibrary("convsh_threshold", as: "libconvsh_threshold.so")
        let result = try Convsh.run(["-c", "y = magnitude [[-3]]; show y"], environment: ["CONVSH_PLUGIN_PATH": folder.path])
        #expect(result.stdout == "Kernel \"y\" of size 1x1+0+0 with values from 3 to 3, output range 0 to 3 (sum 3)\n3\n")
        #expect(result.stderr == "convsh: plugin not loaded: \(folder.path)/libfuture.so was built for plugin "
            + "interface 2; this convsh supports interface 1\n")
        #expect(result.status == 0)
    }

    @Test(arguments: [
        ("convsh_fixture_not_a_plugin", "is not a convsh plugin: it exports no convsh_plugin_entry"),
        ("convsh_fixture_wrong_interface", "was built for plugin interface 2; this convsh supports interface 1"),
        ("convsh_fixture_clash", ": an op or shell word named 'relu' already exists; the plugin was not loaded"),
    ])
    func badPluginInAScriptIsAnErrorAtItsLine(library: String, reason: String) throws {
        let folder = try TemporaryFolder()
        let script = try folder.write("use.convsh", """
            x = [[1, -1]]
            plugin load "\(Products.library(library))"
            show x
            """)
        let result = try Convsh.run([script])
        let separator = reason.hasPrefix(":") ? "" : " "
        #expect(result.stderr == "\(script):2: error: plugin load: \(Products.library(library))\(separator)\(reason)\n")
        #expect(result.stdout.isEmpty, "the script stops at the error")
        #expect(result.status == 1)
    }

    @Test func missingLibraryInAScriptIsAnErrorAtItsLine() throws {
        let result = try Convsh.run(["-c", "plugin load /nonexistent/libx.so"])
        #expect(result.stderr == "-c:1: error: plugin load: cannot open /nonexistent/libx.so: no such file\n")
        #expect(result.status == 1)
    }
}
