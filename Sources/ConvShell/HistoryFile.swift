import Foundation
import Ops

/// The REPL's history file (`~/.convsh_history`, or `$CONVSH_HISTORY`): loaded once, replaced atomically after
/// each line, never destroyed.
///
/// - A path that cannot be used (a folder, a missing folder, a file that cannot be read) is reported once and the
///   session goes on without history.
/// - A file libedit refuses only because its `_HiStOrY_V2_` first line is missing (cut by hand) is read through a
///   repaired copy; one it cannot read at all (not UTF-8, damaged) is moved aside to `NAME.bad` (`NAME.bad.1`, ...
///   when that exists) with a one-line warning, and a new history starts.
/// - Temporaries are made with `mkstemp` beside the file (never a guessable name in /tmp), so a link planted
///   there cannot redirect a write; a symlinked history file is followed and its target replaced.
struct HistoryFile {
    /// The file written: the history path with symlinks resolved.
    let path: String
    private let warn: (String) -> Void
    /// False once the path has proved unusable: nothing is read or written after the one warning.
    private(set) var usable = true

    /// Checks `path` (warning through `warn` when it cannot be used).
    init(path: String, warn: @escaping (String) -> Void) {
        self.warn = warn
        var resolved = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        self.path = realpath(path, &resolved) != nil ? Self.string(resolved) : path
        var info = stat()
        if stat(self.path, &info) == 0 {
            if info.st_mode & S_IFMT == S_IFDIR { disable("\(path) is a folder") }
            else if access(self.path, R_OK | W_OK) != 0 { disable("\(path): \(String(cString: strerror(errno)))") }
        } else if errno != ENOENT {
            disable("\(path): \(String(cString: strerror(errno)))")
        } else if !Self.isFolder(folder) {
            disable("folder \((path as NSString).deletingLastPathComponent) does not exist")
        }
    }

    /// Loads the history with `load` (libedit's H_LOAD of a path: true on success), repairing or moving aside a
    /// file it refuses.
    mutating func load(_ load: (String) -> Bool) {
        guard usable, FileManager.default.fileExists(atPath: path), !load(path) else { return }
        if let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: true).filter { $0 != "_HiStOrY_V2_" }
            let repaired = "_HiStOrY_V2_\n" + lines.map { $0 + "\n" }.joined()
            if let temporary = try? writeTemporary({ fd in
                defer { close(fd) }
                return Standard.write(fd, repaired) == nil
            }) {
                defer { unlink(temporary) }
                if load(temporary) { return }
            }
        }
        moveAside()
    }

    /// Replaces the file with what `save` writes to a descriptor open on a temporary beside it (true on
    /// success; `save` closes the descriptor); a failure is reported once and ends the history for this session.
    mutating func save(_ save: (Int32) -> Bool) {
        guard usable else { return }
        do {
            let temporary = try writeTemporary(save)
            guard rename(temporary, path) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                throw OpError(reason)
            }
        } catch {
            disable("cannot save \(path): \((error as? OpError)?.message ?? "\(error)")")
        }
    }

    // MARK: - Pieces

    private var folder: String { (path as NSString).deletingLastPathComponent.isEmpty ? "." :
        (path as NSString).deletingLastPathComponent }

    /// A NUL-terminated C string held in an array.
    private static func string(_ chars: [CChar]) -> String {
        String(decoding: chars.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func isFolder(_ path: String) -> Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
    }

    /// A new `mkstemp` file beside the history (`.NAME.XXXXXX`, hidden), with the history's mode (0600 for a new one), filled by `fill`,
    /// which closes the descriptor; its path, or an error.
    private func writeTemporary(_ fill: (Int32) -> Bool) throws -> String {
        let name = (path as NSString).lastPathComponent
        var template = Array((folder + "/" + (name.hasPrefix(".") ? "" : ".") + name + ".XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw OpError(String(cString: strerror(errno))) }
        let temporary = Self.string(template)
        var info = stat()
        if stat(path, &info) == 0 { fchmod(fd, info.st_mode & 0o7777) }
        guard fill(fd) else {
            unlink(temporary)
            throw OpError("cannot write a temporary beside it")
        }
        return temporary
    }

    /// Renames the unreadable file to `NAME.bad` (or the first free `NAME.bad.N`) and says so.
    private mutating func moveAside() {
        var aside = path + ".bad"
        var n = 0
        while FileManager.default.fileExists(atPath: aside) { n += 1; aside = path + ".bad.\(n)" }
        if rename(path, aside) == 0 {
            warn("convsh: cannot read the history \(path); moved it to \(aside) and started a new one")
        } else {
            disable("cannot read \(path), nor move it aside: \(String(cString: strerror(errno)))")
        }
    }

    private mutating func disable(_ reason: String) {
        usable = false
        warn("convsh: history not kept: \(reason)")
    }
}
