import Foundation

/// A file opened for `load`, sized before anything is read, so that what is not a file cannot eat memory.
///
/// A regular file is read for its size; a FIFO (a pipe, `<(...)`, /dev/stdin) has no size and is read up to
/// `byteCap`, then refused; character and block devices (`/dev/zero`, `/dev/urandom`, a disk) and sockets are
/// refused before any read, as are folders. Every error names the path.
final class InputFile {
    let path: String
    let handle: Int32
    /// The size of a regular file; nil for a FIFO.
    let size: Int?

    /// The most bytes read from a FIFO: a float64 `.npy` of the largest tensor the cap allows, plus 1 MiB.
    static var byteCap: Int { Limits.maxElements * 8 + (1 << 20) }

    init(_ path: String) throws {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw OpError(errno == ENOENT ? "\(path): no such file" : "\(path): \(String(cString: strerror(errno)))")
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG, S_IFIFO: break
        case S_IFDIR: throw OpError("\(path) is a folder")
        case S_IFCHR: throw OpError("\(path) is a character device, not a file")
        case S_IFBLK: throw OpError("\(path) is a block device, not a file")
        default: throw OpError("\(path) is a socket, not a file")
        }
        self.path = path
        handle = open(path, O_RDONLY | O_CLOEXEC)
        size = info.st_mode & S_IFMT == S_IFREG ? Int(info.st_size) : nil
        guard handle >= 0 else { throw OpError("\(path): \(String(cString: strerror(errno)).lowercased())") }
    }

    deinit { if handle >= 0 { close(handle) } }

    /// The whole file (a FIFO up to `byteCap`).
    func readAll() throws -> [UInt8] {
        if let size {
            var bytes = [UInt8](repeating: 0, count: size)
            let got = try bytes.withUnsafeMutableBytes { try read(into: $0.baseAddress!, count: size) }
            return Array(bytes.prefix(got))
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = try chunk.withUnsafeMutableBytes { try read(into: $0.baseAddress!, count: $0.count) }
            if n == 0 { return bytes }
            bytes += chunk.prefix(n)
            guard bytes.count <= Self.byteCap else {
                throw OpError("\(path): more than \(Tensor.formatBytes(Self.byteCap)) from a pipe, over the cap; "
                    + "raise it with 'set max_pixels N'")
            }
        }
    }

    /// Reads up to `count` bytes into `pointer`, fewer only at the end of the file; returns how many.
    func read(into pointer: UnsafeMutableRawPointer, count: Int) throws -> Int {
        var done = 0
        while done < count {
            let n = Foundation.read(handle, pointer + done, min(count - done, 1 << 30))
            if n < 0, errno == EINTR { continue }
            guard n >= 0 else { throw OpError("\(path): cannot read: \(String(cString: strerror(errno)))") }
            if n == 0 { break }
            done += n
        }
        return done
    }

    /// Exactly `count` bytes, or an error saying the file ended.
    func read(_ count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let got = try bytes.withUnsafeMutableBytes { try read(into: $0.baseAddress!, count: count) }
        return Array(bytes.prefix(got))
    }
}
