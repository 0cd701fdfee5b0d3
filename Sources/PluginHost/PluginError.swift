import ConvShellPlugin

/// Why a plugin library was not loaded: one line each, naming the library.
///
/// A library that fails to load adds nothing to the registry: its ops are registered all together or not at all.
public enum PluginError: Error, CustomStringConvertible, Equatable {
    /// `dlopen` failed: no such file, not a shared library, a missing dependency.
    case cannotOpen(path: String, reason: String)
    /// The library exports no `convsh_plugin_entry`.
    case notAPlugin(path: String)
    /// The entry point returned NULL: the plugin does not serve this convsh's interface.
    case declined(path: String)
    /// The plugin describes itself in an interface version this convsh does not know.
    case wrongInterface(path: String, found: UInt32)
    /// The description breaks a rule of `convsh_plugin.h`.
    case malformed(path: String, reason: String)
    /// An op's name is already taken by a built-in, another plugin, a script-defined command or a shell word.
    case clash(path: String, name: String)
    /// A plugin of the same name (or the same file) is loaded already.
    case alreadyLoaded(path: String, plugin: String, from: String)

    /// The interface version this convsh speaks.
    public static let interface = UInt32(CONVSH_PLUGIN_INTERFACE)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            return "cannot open \(path): \(reason)"
        case .notAPlugin(let path):
            return "\(path) is not a convsh plugin: it exports no \(CONVSH_PLUGIN_ENTRY_NAME)"
        case .declined(let path):
            return "\(path) does not support plugin interface \(PluginError.interface) (its entry point returned NULL)"
        case .wrongInterface(let path, let found):
            return "\(path) was built for plugin interface \(found); this convsh supports interface "
                + "\(PluginError.interface)"
        case .malformed(let path, let reason):
            return "\(path) is not a valid plugin: \(reason)"
        case .clash(let path, let name):
            return "\(path): an op or shell word named '\(name)' already exists; the plugin was not loaded"
        case .alreadyLoaded(let path, let plugin, let from):
            return from == path ? "\(path) is already loaded (plugin \(plugin))"
                : "\(path): plugin '\(plugin)' is already loaded from \(from)"
        }
    }
}
