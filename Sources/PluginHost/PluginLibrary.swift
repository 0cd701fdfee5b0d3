import ConvShellPlugin
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opens a plugin library and calls its entry point.
///
/// NOTE: a library is never closed, even when it is refused. Unloading code is unsafe once the Swift runtime may
/// have registered metadata from it (a plugin written in Swift), and its constructors have run already; a refused
/// library stays mapped, unused, until convsh exits.
enum PluginLibrary {
    /// The file name ending of a shared library on this platform.
    #if os(macOS)
    static let suffix = ".dylib"
    #else
    static let suffix = ".so"
    #endif

    /// The description the library at `path` returns from `convsh_plugin_entry(CONVSH_PLUGIN_INTERFACE)`.
    ///
    /// `path` must contain a `/`: `dlopen` would otherwise search the system's library folders.
    static func entry(path: String) throws -> UnsafePointer<convsh_plugin> {
        precondition(path.contains("/"), "plugin paths are absolute or relative to a folder")
        // RTLD_NOW: a missing symbol fails here, not in the middle of an op. RTLD_LOCAL: one plugin's symbols
        // never satisfy another's.
        guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
            throw PluginError.cannotOpen(path: path, reason: lastError(path: path))
        }
        guard let symbol = dlsym(handle, CONVSH_PLUGIN_ENTRY_NAME) else {
            throw PluginError.notAPlugin(path: path)
        }
        let entry = unsafeBitCast(symbol, to: convsh_plugin_entry_fn.self)
        guard let plugin = entry(PluginError.interface) else { throw PluginError.declined(path: path) }
        guard plugin.pointee.interface == PluginError.interface else {
            throw PluginError.wrongInterface(path: path, found: plugin.pointee.interface)
        }
        return plugin
    }

    /// `dlerror()` on one line, without the path it usually starts with.
    private static func lastError(path: String) -> String {
        guard let raw = dlerror() else { return "unknown error" }
        var text = String(cString: raw)
        if text.hasPrefix(path + ": ") { text.removeFirst(path.count + 2) }
        return text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
