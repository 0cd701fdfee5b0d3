import Foundation

/// Writing to the process's stdout and stderr with write(2) (Swift 6 cannot name C's `stdout`/`stderr` globals;
/// `FileHandle.write` traps on an error).
///
/// A write that fails — stdout closed (`>&-`), a full disk (`> /dev/full`), a pipe whose reader has gone while
/// SIGPIPE is ignored — ends the run as coreutils do: one line on stderr while stderr still works, then exit
/// status 1. With SIGPIPE at its default the kernel ends the process first (status 141), as for any filter.
enum Standard {
    /// Descriptors 0-2 that were closed when the process started (see `claimClosedDescriptors`).
    nonisolated(unsafe) private static var closedAtStart: Set<Int32> = []

    /// Opens /dev/null on whichever of descriptors 0, 1, 2 the parent left closed, so that no file the shell
    /// opens later (a save's temporary, the history) becomes "stdout" by taking the lowest free number; writes
    /// meant for a descriptor that was closed still fail with EBADF. Call once, first thing in `main`.
    static func claimClosedDescriptors() {
        for fd: Int32 in 0...2 where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
            let null = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY)
            if null >= 0, null != fd { dup2(null, fd); close(null) }
            closedAtStart.insert(fd)
        }
    }

    /// Writes `text` to stdout as is; on failure, see the type's comment.
    static func output(_ text: String) {
        if let failure = write(STDOUT_FILENO, text) {
            _ = write(STDERR_FILENO, "convsh: write error on standard output: \(failure)\n")
            exit(1)
        }
    }

    /// Writes `text` and a newline to stderr; when even that fails, exit status 1 with nothing more to say.
    static func error(_ text: String) {
        if write(STDERR_FILENO, text + "\n") != nil { exit(1) }
    }

    /// Writes all of `text` to `fd`, retrying short writes and EINTR, waiting out EAGAIN on a non-blocking
    /// descriptor; returns the system's reason when the write fails, nil when it succeeded.
    static func write(_ fd: Int32, _ text: String) -> String? {
        if closedAtStart.contains(fd) { return String(cString: strerror(EBADF)) }
        var text = text
        return text.withUTF8 { bytes -> String? in
            var done = 0
            while done < bytes.count {
                let n = Foundation.write(fd, bytes.baseAddress! + done, bytes.count - done)
                if n >= 0 { done += n; continue }
                switch errno {
                case EINTR: continue
                case EAGAIN:
                    var wait = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&wait, 1, -1)
                default: return String(cString: strerror(errno))
                }
            }
            return nil
        }
    }

    /// Writes `text` to stderr as is (progress lines).
    static func rawError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
