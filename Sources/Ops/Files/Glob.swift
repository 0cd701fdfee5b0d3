import Foundation

/// Shell-style file name patterns, as Python's `glob.glob(pattern, recursive=True)` reads them.
///
/// A pattern is split at `/`; each component is matched against the names in one folder with `fnmatch(3)`
/// (`*`, `?`, `[...]`; a leading `.` must be matched explicitly, so hidden files need `.*`), except `**`, which
/// matches zero or more folders (never following symbolic links to folders, so a link loop cannot recurse).
/// Results are sorted byte-wise, as `sorted(glob(...))`.
public enum Glob {
    /// Every existing path that matches `pattern`, sorted.
    public static func paths(matching pattern: String) -> [String] {
        let absolute = pattern.hasPrefix("/")
        let components = pattern.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard !components.isEmpty else { return absolute ? ["/"] : [] }
        var results: [String] = []
        expand(components[...], under: absolute ? "/" : "", into: &results)
        return Array(Set(results)).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// Appends the matches of `components` below `folder` ("" for the current folder, else ending in `/`).
    private static func expand(_ components: ArraySlice<String>, under folder: String, into results: inout [String]) {
        guard let component = components.first else { return }
        let rest = components.dropFirst()
        if component == "**" {
            // Zero folders, then every folder below, each followed by the rest of the pattern.
            if rest.isEmpty {
                // As Python: `a/**` also yields the folder itself, as `a/`.
                if !folder.isEmpty { results.append(folder) }
                results += descendants(of: folder)
                return
            }
            expand(rest, under: folder, into: &results)
            for sub in descendants(of: folder) where isFolder(sub, followingLinks: false) {
                expand(rest, under: sub + "/", into: &results)
            }
            return
        }
        guard hasMagic(component) else {
            let path = folder + component
            if rest.isEmpty {
                if exists(path) { results.append(path) }
            } else if isFolder(path, followingLinks: true) {
                expand(rest, under: path + "/", into: &results)
            }
            return
        }
        for name in names(in: folder) where fnmatch(component, name, FNM_PERIOD) == 0 {
            let path = folder + name
            if rest.isEmpty {
                results.append(path)
            } else if isFolder(path, followingLinks: true) {
                expand(rest, under: path + "/", into: &results)
            }
        }
    }

    /// Every file and folder below `folder`, not hidden, not through symbolic links to folders.
    private static func descendants(of folder: String) -> [String] {
        var found: [String] = []
        var pending = [folder]
        while let next = pending.popLast() {
            for name in names(in: next) where !name.hasPrefix(".") {
                let path = next + name
                found.append(path)
                if isFolder(path, followingLinks: false) { pending.append(path + "/") }
            }
        }
        return found
    }

    private static func names(in folder: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)) ?? []
    }

    private static func hasMagic(_ component: String) -> Bool { component.contains { "*?[".contains($0) } }

    private static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    private static func isFolder(_ path: String, followingLinks: Bool) -> Bool {
        var info = stat()
        guard (followingLinks ? stat(path, &info) : lstat(path, &info)) == 0 else { return false }
        return (info.st_mode & S_IFMT) == S_IFDIR
    }
}
