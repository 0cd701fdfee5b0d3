import Foundation
import Glibc

/// convsh on a pseudo-terminal (`forkpty`), so it runs its real REPL (libedit, prompts): what the test types
/// reaches it as keystrokes, with the tty's line discipline in between (Ctrl-C is a SIGINT, convsh sees `isatty`),
/// and everything it draws is read back.
public final class PseudoTerminal {
    public struct Timeout: Error, CustomStringConvertible {
        public let waitingFor: String
        public let screen: String
        public var description: String {
            "timed out waiting for \(waitingFor.debugDescription); output so far:\n\(screen)"
        }
    }

    private let master: Int32
    private let pid: pid_t
    /// convsh's `HOME`, which also holds its history unless the test names another file.
    private let home: TemporaryFolder
    /// Everything read from the terminal so far (escape sequences included).
    private var bytes: [UInt8] = []
    /// The byte offset where the next `expect` starts looking.
    private var mark = 0
    private var exited = false

    public var output: String { String(decoding: bytes, as: UTF8.self) }

    /// Starts convsh with `arguments` in `folder` (default: its fresh `HOME`) on an 80x24 xterm, in
    /// `Convsh.environment` with `CONVSH_HISTORY` in that `HOME`, then `environment`.
    public init(_ arguments: [String] = [], in folder: URL? = nil, environment: [String: String] = [:]) throws {
        home = try TemporaryFolder("terminal")
        let env = Convsh.environment(home: home.url, [
            "TERM": "xterm", "CONVSH_HISTORY": home.url.appendingPathComponent("history").path,
        ]).merging(environment) { $1 }
        // Everything the child needs is made before the fork: after it, the child only calls chdir and execve.
        let argv = ([Products.convsh.path] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        let directory = strdup((folder ?? home.url).path)
        defer { (argv + envp + [directory]).forEach { free($0) } }
        var size = winsize(ws_row: 24, ws_col: 80, ws_xpixel: 0, ws_ypixel: 0)
        var master: Int32 = -1
        let pid = forkpty(&master, nil, nil, &size)
        if pid == 0 {
            chdir(directory!)
            execve(argv[0]!, argv, envp)
            _exit(127)
        }
        guard pid > 0 else { throw NSError(domain: "forkpty failed: errno \(errno)", code: Int(errno)) }
        self.master = master
        self.pid = pid
    }

    deinit {
        if !exited {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        close(master)
    }

    /// Types `text` (use "\r" for Enter, "\t" for Tab, "\u{3}" for Ctrl-C, "\u{4}" for Ctrl-D, escapes for arrows),
    /// once the line editor has the terminal in raw mode.
    ///
    /// NOTE: libedit prints its prompt before it leaves canonical mode; keys typed in that moment are echoed by the
    /// tty itself, and a Ctrl-D becomes an end-of-file marker that reaches libedit as a NUL.
    public func type(_ text: String) {
        waitForRawMode()
        send(text)
    }

    /// Writes `text` at once, in whatever mode the terminal is (Ctrl-C while a statement runs: the tty itself then
    /// turns it into SIGINT).
    public func send(_ text: String) {
        let bytes = Array(text.utf8)
        var done = 0
        while done < bytes.count {
            let n = bytes[done...].withUnsafeBufferPointer { write(master, $0.baseAddress!, $0.count) }
            guard n > 0 else { break }
            done += n
        }
    }

    /// Types `keys` and Enter, then waits for `prompt`; returns what was shown in between (the echo and the output).
    @discardableResult
    public func enter(_ keys: String, thenExpect prompt: String = "convsh> ") throws -> String {
        type(keys + "\r")
        return try expect(prompt)
    }

    /// Waits (at most 5 s) until the terminal is out of canonical mode, as a line editor sets it.
    private func waitForRawMode() {
        var settings = termios()
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline, tcgetattr(master, &settings) == 0, settings.c_lflag & tcflag_t(ICANON) != 0 {
            usleep(1_000)
        }
    }

    /// Keys as an xterm sends them: arrow up, arrow left, Backspace.
    public static let up = "\u{1b}[A", left = "\u{1b}[D", backspace = "\u{7f}"

    /// Reads until the output after the last match contains `text`; returns the output in between.
    @discardableResult
    public func expect(_ text: String, timeout: TimeInterval = 15) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let tail = String(decoding: bytes[mark...], as: UTF8.self)
            if let found = tail.range(of: text) {
                mark += tail.utf8.distance(from: tail.startIndex, to: found.upperBound)
                return String(tail[..<found.lowerBound])
            }
            guard Date() < deadline, read(until: deadline) else { throw Timeout(waitingFor: text, screen: output) }
        }
    }

    /// Reads what is available, waiting at most until `deadline`; false at end of output.
    private func read(until deadline: Date) -> Bool {
        var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(max(0, deadline.timeIntervalSinceNow) * 1000)
        guard poll(&poller, 1, milliseconds) > 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = Glibc.read(master, &buffer, buffer.count)
        guard n > 0 else { return false }  // EIO once the child has closed the terminal
        bytes += buffer[0..<n]
        return true
    }

    /// Waits for convsh to exit (at most `timeout` seconds); its exit status, or nil if it did not exit.
    public func waitForExit(timeout: TimeInterval = 15) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while Date() < deadline {
            _ = read(until: Date().addingTimeInterval(0.05))
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid {
                exited = true
                return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
            }
        }
        return nil
    }
}
