import Foundation
import Ops

/// The plugins loaded into one registry, and where convsh looks for them.
///
/// Plugins load only from the folders `startupFolders` names (each of `$CONVSH_PLUGIN_PATH`, then
/// `~/.convsh/plugins`) and from paths given explicitly (`plugin load PATH`); never implicitly from the working
/// directory.
public final class PluginSet {
    /// One loaded plugin, for `plugins`.
    public struct Loaded: Equatable, Sendable {
        public let name: String
        public let version: String
        /// The library's absolute path, symbolic links resolved.
        public let path: String
        public let ops: [String]
    }

    public private(set) var loaded: [Loaded] = []

    public init() {}

    /// Loads the library at `path` and adds all its ops to `registry`, or none of them.
    ///
    /// `path` may be relative to the working directory or start with `~`: the user named it. `reserved` holds
    /// words the registry does not know but an op may not take (the shell words).
    @discardableResult
    public func load(_ path: String, into registry: Registry, reserved: Set<String>) throws -> Loaded {
        let absolute = PluginSet.absolute(path)
        guard FileManager.default.fileExists(atPath: absolute) else {
            throw PluginError.cannotOpen(path: path, reason: "no such file")
        }
        let resolved = URL(fileURLWithPath: absolute).resolvingSymlinksInPath().path
        if let twin = loaded.first(where: { $0.path == resolved }) {
            throw PluginError.alreadyLoaded(path: path, plugin: twin.name, from: path)
        }
        let description: PluginDescription
        do {
            description = try PluginDescription(PluginLibrary.entry(path: resolved).pointee)
        } catch let error as DescriptionError {
            throw PluginError.malformed(path: path, reason: error.reason)
        } catch let error as PluginError {
            throw error.renamed(from: resolved, to: path)
        }
        if let twin = loaded.first(where: { $0.name == description.name }) {
            throw PluginError.alreadyLoaded(path: path, plugin: twin.name, from: twin.path)
        }
        for op in description.ops where registry.op(named: op.name) != nil || reserved.contains(op.name) {
            throw PluginError.clash(path: path, name: op.name)
        }
        for op in description.ops { try registry.register(op) }
        let plugin = Loaded(name: description.name, version: description.version, path: resolved,
                            ops: description.ops.map(\.name))
        loaded.append(plugin)
        return plugin
    }

    // MARK: - Start-up

    /// The folders searched at start: each absolute folder of `$CONVSH_PLUGIN_PATH` (colon-separated), then
    /// `$HOME/.convsh/plugins`; plus a warning for each entry of the variable that is ignored, and for each folder
    /// others may write to (it still loads).
    ///
    /// Empty entries are skipped (they do not mean the working directory, as they would in `$PATH`), and so are
    /// relative ones. A leading `~/` is expanded.
    public static func startupFolders(environment: [String: String]) -> (folders: [String], warnings: [String]) {
        var folders: [String] = []
        var warnings: [String] = []
        for entry in (environment["CONVSH_PLUGIN_PATH"] ?? "").split(separator: ":").map(String.init) {
            let folder = expandingHome(entry, environment: environment)
            if folder.hasPrefix("/") {
                folders.append(folder)
            } else {
                warnings.append("CONVSH_PLUGIN_PATH: ignoring '\(entry)': plugin folders must be absolute paths")
            }
        }
        if let home = environment["HOME"], home.hasPrefix("/") { folders.append(home + "/.convsh/plugins") }
        warnings += folders.compactMap(PluginText.permissionWarning)
        return (folders, warnings)
    }

    /// Loads every `*.so` (`*.dylib` on macOS) in each folder, in name order; returns one line per library that
    /// failed. A library whose plugin is already loaded from an earlier folder is skipped silently, as `$PATH`
    /// lets the first match win. A missing folder is skipped.
    public func loadFolders(_ folders: [String], into registry: Registry, reserved: Set<String>) -> [String] {
        var failures: [String] = []
        for folder in folders {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { continue }
            for name in names.sorted() where name.hasSuffix(PluginLibrary.suffix) && !name.hasPrefix(".") {
                do {
                    try load(folder + "/" + name, into: registry, reserved: reserved)
                } catch PluginError.alreadyLoaded {
                    continue
                } catch {
                    failures.append(String(describing: error))
                }
            }
        }
        return failures
    }

    // MARK: - Paths

    /// `path` made absolute against the working directory, with a leading `~` expanded.
    static func absolute(_ path: String) -> String {
        let expanded = expandingHome(path, environment: ProcessInfo.processInfo.environment)
        if expanded.hasPrefix("/") { return expanded }
        return FileManager.default.currentDirectoryPath + "/" + expanded
    }

    private static func expandingHome(_ path: String, environment: [String: String]) -> String {
        guard path == "~" || path.hasPrefix("~/"), let home = environment["HOME"] else { return path }
        return home + path.dropFirst()
    }
}

extension PluginError {
    /// The same error naming the library as the user wrote it rather than as resolved.
    func renamed(from resolved: String, to path: String) -> PluginError {
        switch self {
        case .cannotOpen(resolved, let reason): return .cannotOpen(path: path, reason: reason)
        case .notAPlugin(resolved): return .notAPlugin(path: path)
        case .declined(resolved): return .declined(path: path)
        case .wrongInterface(resolved, let found): return .wrongInterface(path: path, found: found)
        default: return self
        }
    }
}
