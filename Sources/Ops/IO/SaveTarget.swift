import Foundation

/// What a save's path names, found before anything is written: the file to write (symlinks followed), whether
/// it is replaced through a temporary or written in place, and the attributes a replacement keeps.
struct SaveTarget {
    /// The path as the user wrote it, for messages.
    let written: String
    /// The file written: `written` with symbolic links followed (also a dangling link's target).
    let path: String
    /// `stat` of `path`; nil when it does not exist yet.
    let existing: stat?

    /// Follows links and refuses what must not be written: a missing folder, a folder, a read-only file.
    init(_ written: String) throws {
        self.written = written
        path = try Self.resolve(written)
        var info = stat()
        existing = stat(path, &info) == 0 ? info : nil
        let folder = (path as NSString).deletingLastPathComponent
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.isEmpty ? "." : folder, isDirectory: &isFolder),
              isFolder.boolValue else {
            // Name the folder as the user wrote it, not as an absolute path.
            let shown = (written as NSString).deletingLastPathComponent
            throw OpError("cannot write \(written): folder \(shown.isEmpty ? "." : shown) does not exist")
        }
        guard let existing else { return }
        if existing.st_mode & S_IFMT == S_IFDIR { throw OpError("cannot write \(written): it is a folder") }
        if existing.st_mode & S_IFMT == S_IFREG, existing.st_mode & 0o222 == 0 || access(path, W_OK) != 0 {
            throw OpError("\(written): read-only file; remove it or choose another name")
        }
    }

    /// True when the file is written where it is, not replaced: a device, FIFO or socket, or a file with other
    /// hard links.
    var inPlace: Bool {
        guard let existing else { return false }
        return existing.st_mode & S_IFMT != S_IFREG || existing.st_nlink > 1
    }

    /// A regular file with other hard links.
    var isLinkedFile: Bool { existing.map { $0.st_mode & S_IFMT == S_IFREG && $0.st_nlink > 1 } ?? false }

    /// `FOLDER/.NAME.tmp-XXXXXX` for mkstemp, NAME cut (at a character boundary) so the temporary's name fits
    /// the folder's NAME_MAX.
    var temporaryTemplate: String {
        let folder = (path as NSString).deletingLastPathComponent
        let limit = pathconf(folder.isEmpty ? "." : folder, Int32(_PC_NAME_MAX))
        var name = (path as NSString).lastPathComponent
        let room = (limit > 0 ? limit : 255) - ".".utf8.count - ".tmp-XXXXXX".utf8.count
        while name.utf8.count > room { name.removeLast() }
        return (folder.isEmpty ? "." : folder) + "/." + name + ".tmp-XXXXXX"
    }

    /// Opens the existing file and runs `body` on it: truncated first when it is a regular file; a FIFO is
    /// opened without waiting, so one with no reader is an error, not a hang.
    func writeDirectly(_ body: (Int32) throws -> Void) throws {
        let isFIFO = existing.map { $0.st_mode & S_IFMT == S_IFIFO } ?? false
        let isFile = existing.map { $0.st_mode & S_IFMT == S_IFREG } ?? true
        let handle = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC | (isFile ? O_TRUNC : 0) | (isFIFO ? O_NONBLOCK : 0))
        guard handle >= 0 else {
            throw OpError(isFIFO && errno == ENXIO ? "a FIFO with no reader" : String(cString: strerror(errno)))
        }
        defer { close(handle) }
        if isFIFO { _ = fcntl(handle, F_SETFL, fcntl(handle, F_GETFL) & ~O_NONBLOCK) }
        try body(handle)
    }

    /// Gives a replacement the mode of the file it replaces (a new file: 0666 less the umask, not mkstemp's
    /// 0600), and its owner and group when we are root.
    func giveAttributes(to handle: Int32) {
        if let existing {
            fchmod(handle, existing.st_mode & 0o7777)
            if geteuid() == 0 { fchown(handle, existing.st_uid, existing.st_gid) }
        } else {
            let mask = umask(0)
            umask(mask)
            fchmod(handle, 0o666 & ~mask)
        }
    }

    /// Runs `body`, turning the bare reason it throws into `cannot write PATH: REASON`.
    func reporting(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch {
            throw OpError("cannot write \(written): \((error as? OpError)?.message ?? "\(error)")")
        }
    }

    /// `written` with every symbolic link followed, up to 40 (the kernel's own limit; then ELOOP).
    private static func resolve(_ written: String) throws -> String {
        var path = written
        for _ in 0..<40 {
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return path }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink(path, &buffer, buffer.count - 1)
            guard n >= 0 else { break }
            let link = String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            path = link.hasPrefix("/") ? link
                : ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(link)
        }
        throw OpError("cannot write \(written): \(String(cString: strerror(ELOOP)))")
    }
}
