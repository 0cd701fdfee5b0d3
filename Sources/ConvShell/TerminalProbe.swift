import Foundation
import Ops

/// What stdout's terminal can do: the kernel's window size, `Terminal.detect`'s reading of the environment, and
/// (installed into `GraphicsChoice.shared`, run the first time a picture needs it) one query of the terminal.
enum TerminalProbe {
    /// The terminal on stdout, or nil when stdout is a file or a pipe (or `TERM=dumb`). Also installs `query`
    /// as the graphics probe when there is a terminal.
    static func detect(environment: [String: String] = ProcessInfo.processInfo.environment) -> Terminal? {
        var size = winsize()
        let known = ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0
        let terminal = Terminal.detect(
            environment: environment, isTerminal: isatty(STDOUT_FILENO) == 1,
            windowSize: known ? Terminal.WindowSize(columns: Int(size.ws_col), rows: Int(size.ws_row),
                                                    pixelWidth: Int(size.ws_xpixel), pixelHeight: Int(size.ws_ypixel))
                : nil)
        if terminal != nil, askable(environment) { GraphicsChoice.shared.probe = { query() } }
        return terminal
    }

    /// False where the query would reach the wrong party or could show up as text: inside tmux or screen (they
    /// answer DA1 themselves and pass no pictures), on the Linux console, and without a terminal type.
    static func askable(_ env: [String: String]) -> Bool {
        guard env["TMUX"] == nil, env["STY"] == nil, let term = env["TERM"] else { return false }
        return !["", "dumb", "linux"].contains(term)
    }

    /// Seconds to wait for the answer; every graphics terminal answers within a few milliseconds.
    static let timeout = 0.2

    /// Sends `TerminalReply.query` to `/dev/tty` and reads the answers until DA1's reply or `timeout`.
    ///
    /// The terminal is put in non-canonical mode without echo for the exchange, so no reply is ever shown; a
    /// partial answer when time runs out is discarded from the input (`tcflush`) and nil returned. Not asked
    /// when the shell is not the terminal's foreground process group (a background job would be stopped).
    static func query() -> TerminalReply? {
        let fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        guard tcgetpgrp(fd) == getpgrp() else { return nil }
        var saved = termios()
        guard tcgetattr(fd, &saved) == 0 else { return nil }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        guard tcsetattr(fd, TCSANOW, &raw) == 0 else { return nil }
        defer { tcsetattr(fd, TCSANOW, &saved) }
        let query = Array(TerminalReply.query.utf8)
        guard query.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) == query.count else { return nil }
        var bytes: [UInt8] = []
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = [UInt8](repeating: 0, count: 256)
        while !TerminalReply.isComplete(bytes) {
            let left = Int32(deadline.timeIntervalSinceNow * 1000)
            guard left > 0 else { break }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, left) > 0 else { break }
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { break }
            bytes += buffer[0..<n]
        }
        guard TerminalReply.isComplete(bytes) else {
            tcflush(fd, TCIFLUSH)
            return nil
        }
        return TerminalReply.parse(bytes)
    }
}
