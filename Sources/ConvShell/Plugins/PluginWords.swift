import Foundation
import Ops
import PluginHost

/// The shell's side of plugins: loading at start, `plugin load PATH` and `plugins`.
extension Session {
    /// Loads the plugins in each folder of `$CONVSH_PLUGIN_PATH` and in `~/.convsh/plugins`; a library that
    /// cannot be loaded gets one line on stderr (through `warn`) and the shell goes on.
    func loadStartupPlugins(environment: [String: String] = ProcessInfo.processInfo.environment,
                            warn: (String) -> Void = { Standard.error($0) }) {
        let (folders, warnings) = PluginSet.startupFolders(environment: environment)
        for line in warnings { warn("convsh: " + line) }
        let failures = plugins.loadFolders(folders, into: registry, reserved: Set(ShellWords.names))
        for line in failures { warn("convsh: plugin not loaded: " + line) }
    }

    /// `plugin load PATH`: loads one library and prints what it added.
    func loadPlugin(_ path: String) throws {
        do {
            let plugin = try plugins.load(path, into: registry, reserved: Set(ShellWords.names))
            print(Session.describe(plugin))
        } catch let error as PluginError {
            throw OpError("plugin load: \(error)")
        }
    }

    /// `plugins`: one line per loaded plugin.
    func listPlugins() {
        guard !plugins.loaded.isEmpty else {
            return print("no plugins loaded; convsh looks in $CONVSH_PLUGIN_PATH and ~/.convsh/plugins, "
                + "or try: plugin load PATH")
        }
        for plugin in plugins.loaded { print(Session.describe(plugin) + "  (\(plugin.path))") }
    }

    /// `threshold 1.0.0: threshold, abs`.
    private static func describe(_ plugin: PluginSet.Loaded) -> String {
        "\(plugin.name) \(plugin.version): " + plugin.ops.joined(separator: ", ")
    }
}
