import CKernelSupport
import Foundation

/// Writes files so that a failure never leaves a truncated or half-written file behind, and a save never turns
/// something that is not a plain file into one.
///
/// What `path` is decides how it is written (`SaveTarget`):
/// - missing, or a regular file with one link: a temporary beside it (`.NAME.tmp-XXXXXX`, the name shortened to
///   fit NAME_MAX) renamed over it; a replaced file keeps its mode, and its owner when we are root. While it
///   exists the temporary is in the C table of live temporaries, which the SIGINT/SIGTERM handlers unlink;
/// - a symbolic link: followed (to its final target, even a dangling one), and the target written as above;
/// - a regular file with other hard links: written in place, once the whole file is ready (in memory for
///   `write(_:to:)`, in a temporary beside it for `write(to:_:)`), so the links stay one file;
/// - a character or block device, a FIFO or a socket: written directly, never replaced;
/// - a read-only file (no write bit, or not writable by us): refused, `PATH: read-only file; remove it or
///   choose another name`; a folder: refused.
public enum AtomicFile {
    /// Writes `bytes` (the whole encoded file) to `path`.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let target = try SaveTarget(path)
        let body = { (handle: Int32) in
            try bytes.withUnsafeBytes { raw in try writeAll(handle, raw.baseAddress!, raw.count) }
        }
        // The bytes are all here: an in-place target is truncated only when nothing but the write can fail.
        try target.reporting { target.inPlace ? try target.writeDirectly(body) : try replace(target, body) }
    }

    /// Runs `body` with a file descriptor open on what `path` is written through (see the type's comment).
    public static func write(to path: String, _ body: (Int32) throws -> Void) throws {
        let target = try SaveTarget(path)
        try target.reporting {
            guard target.inPlace else { return try replace(target, body) }
            guard target.isLinkedFile else { return try target.writeDirectly(body) }
            // Stage the whole file beside the target, then copy it in place.
            try withTemporary(beside: target) { staged, temporary in
                try body(staged)
                guard lseek(staged, 0, SEEK_SET) == 0 else { throw OpError(String(cString: strerror(errno))) }
                try target.writeDirectly { handle in try copy(from: staged, to: handle) }
                unlink(temporary)
            }
        }
    }

    /// Writes all `count` bytes at `pointer`, retrying short writes; an error is the system's reason alone
    /// (the callers put "cannot write PATH: " in front).
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

    // MARK: - Pieces

    /// A temporary beside the target filled by `body`, given the target's mode (and owner), renamed over it.
    private static func replace(_ target: SaveTarget, _ body: (Int32) throws -> Void) throws {
        try withTemporary(beside: target) { handle, temporary in
            try body(handle)
            target.giveAttributes(to: handle)
            guard rename(temporary, target.path) == 0 else { throw OpError(String(cString: strerror(errno))) }
        }
    }

    /// Runs `body` with a new temporary beside the target, registered as live from before it exists until it is
    /// renamed or removed (`convsh_temporary_create`: a SIGINT between `mkstemp` and registering it used to leave
    /// the file behind); on any error the temporary is removed.
    private static func withTemporary(beside target: SaveTarget, _ body: (Int32, String) throws -> Void) throws {
        var template = Array(target.temporaryTemplate.utf8CString)
        var slot: Int32 = -1
        let handle = template.withUnsafeMutableBufferPointer { convsh_temporary_create($0.baseAddress!, &slot) }
        guard handle >= 0 else { throw OpError(String(cString: strerror(errno))) }
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer { convsh_temporary_remove(slot) }
        do {
            defer { close(handle) }
            try body(handle, temporary)
        } catch {
            unlink(temporary)
            throw error
        }
    }

    /// Copies `source` from its current offset to its end into `destination`.
    private static func copy(from source: Int32, to destination: Int32) throws {
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(source, $0.baseAddress!, $0.count) }
            if n < 0, errno == EINTR { continue }
            guard n >= 0 else { throw OpError(String(cString: strerror(errno))) }
            if n == 0 { return }
            try buffer.withUnsafeBytes { try writeAll(destination, $0.baseAddress!, n) }
        }
    }
}
