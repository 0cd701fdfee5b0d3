import Foundation

// Paths and files for scripts (LANGUAGE.md §3): `glob`, `exists`, `basename`, `stem`, `dirname`. Each takes and
// gives strings the way Python's `glob`/`os.path`/`pathlib` do.

/// `glob(PATTERN) [allow_empty=0|1]`: the paths matching a shell pattern, sorted; `**` matches any folders.
struct GlobOp: Op {
    let name = "glob"
    let summary = "the files matching a pattern, sorted (** matches folders at any depth)"
    let parameters = [Parameter("PATTERN", .path)]
    let options = [OptionSpec("allow_empty", "0|1")]
    let details = """
        As Python's sorted(glob.glob(PATTERN, recursive=True)): * ? [abc] within a name, ** for zero or more
        folders; names starting with . are matched only by a pattern that starts with . too. A pattern that matches
        nothing is an error (a typo in a folder name should not make an empty loop) unless allow_empty=1.
        With --shard I/N, a glob at the top of a for loop yields only this process's share.
        Example:  for p in glob("photos/**/*.jpg") ... end
        """

    func apply(_ arguments: Arguments, _ context: Context) throws -> Value? {
        let pattern = try arguments.path(1)
        let paths = Glob.paths(matching: pattern)
        if paths.isEmpty, try !arguments.boolOption("allow_empty", default: false) {
            throw OpError.argument(1, "no file matches '\(pattern)' (allow_empty=1 gives an empty list)")
        }
        return .list(paths.map(Value.string))
    }
}

/// `exists(PATH)`: 1 when the path names an existing file or folder, else 0.
struct ExistsOp: Op {
    let name = "exists"
    let summary = "1 when a file or folder exists at PATH, else 0 (os.path.exists)"
    let parameters = [Parameter("PATH", .path)]
    let details = "Example:  if not exists(\"out/${name}.npy\") ... end"

    func apply(_ arguments: Arguments, _ context: Context) throws -> Value? {
        .number(FileManager.default.fileExists(atPath: try arguments.path(1)) ? 1 : 0)
    }
}

/// `basename(PATH)`, `stem(PATH)`, `dirname(PATH)`: parts of a path, as `os.path` and `pathlib` split it.
struct PathPartOp: Op {
    enum Part: String { case basename, stem, dirname }
    let part: Part
    var name: String { part.rawValue }
    var summary: String {
        switch part {
        case .basename: return "the last part of a path: photos/cat.jpg -> cat.jpg (os.path.basename)"
        case .stem: return "the last part of a path without its extension: photos/cat.jpg -> cat (pathlib stem)"
        case .dirname: return "the folder part of a path: photos/cat.jpg -> photos (os.path.dirname)"
        }
    }
    let parameters = [Parameter("PATH", .path)]

    func apply(_ arguments: Arguments, _ context: Context) throws -> Value? {
        let path = try arguments.path(1)
        return .string(PathPartOp.part(part, of: path))
    }

    /// `part` of `path`: basename after the last `/`; stem drops the last `.EXT` (not a leading dot); dirname is
    /// everything before the last `/` ("" when there is none, "/" for a file at the root).
    static func part(_ part: Part, of path: String) -> String {
        let slash = path.lastIndex(of: "/")
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        switch part {
        case .basename: return base
        case .dirname:
            guard let slash else { return "" }
            let folder = String(path[..<slash])
            return folder.isEmpty ? "/" : folder
        case .stem:
            guard let dot = base.lastIndex(of: "."), dot != base.startIndex else { return base }
            return String(base[..<dot])
        }
    }
}
