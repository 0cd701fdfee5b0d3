import Foundation

/// Writes files so that a failure never leaves a truncated or half-written file behind.
public enum AtomicFile {
    /// Writes `bytes` to a temporary file beside `path`, then renames it over `path` (atomic on POSIX).
    /// On any failure the temporary file is removed and an existing `path` is left as it was.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        try write(to: path) { handle in
            try bytes.withUnsafeBytes { raw in try writeAll(handle, raw.baseAddress!, raw.count) }
        }
    }

    /// Runs `body` with a file descriptor open on a temporary file beside `path`, then renames it over `path`.
    public static func write(to path: String, _ body: (Int32) throws -> Void) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            // Name the folder as the user wrote it, not as an absolute path.
            let written = (path as NSString).deletingLastPathComponent
            throw OpError("cannot write \(path): folder \(written.isEmpty ? "." : written) does not exist")
        }
        var isExistingFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isExistingFolder), isExistingFolder.boolValue {
            throw OpError("cannot write \(path): it is a folder")
        }
        var template = Array((folder + "/." + url.lastPathComponent + ".tmp-XXXXXX").utf8CString)
        let handle = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard handle >= 0 else { throw OpError("cannot write \(path): \(String(cString: strerror(errno)))") }
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        do {
            defer { close(handle) }
            try body(handle)
            // mkstemp makes the file 0600; give it the mode a new file would get.
            let mask = umask(0)
            umask(mask)
            fchmod(handle, 0o666 & ~mask)
        } catch {
            unlink(temporary)
            throw OpError("cannot write \(path): \((error as? OpError)?.message ?? "\(error)")")
        }
        guard rename(temporary, path) == 0 else {
            let error = systemError(path)
            unlink(temporary)
            throw error
        }
    }

    /// Writes all `count` bytes at `pointer`, retrying short writes; an error is the system's reason alone
    /// (`write(to:)` puts "cannot write PATH: " in front).
    public static func writeAll(_ handle: Int32, _ pointer: UnsafeRawPointer, _ count: Int) throws {
        var done = 0
        while done < count {
            let n = Foundation.write(handle, pointer + done, count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw OpError(String(cString: strerror(errno)))
            }
            done += n
        }
    }

    private static func systemError(_ path: String) -> OpError {
        OpError("cannot write \(path): \(String(cString: strerror(errno)))")
    }
}
