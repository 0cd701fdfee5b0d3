import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// convsh on a pseudo-terminal, so it runs its real REPL (libedit, prompts), typed at like a user would.
final class PseudoTerminal {
    private let process = Process()
    private let master: Int32
    private let home: TemporaryFolder
    /// Everything the terminal showed so far (prompts, echo, output, errors), escape codes and all.
    private(set) var screen = ""
    /// How much of `screen` `expect` has consumed.
    private var consumed: String.Index

    init(environment extra: [String: String] = [:]) throws {
        home = try TemporaryFolder()
        master = PseudoTerminal.openpt(O_RDWR | O_NOCTTY)
        guard master >= 0, PseudoTerminal.grantpt(master) == 0, PseudoTerminal.unlockpt(master) == 0,
              let name = PseudoTerminal.ptsname(master) else {
            throw POSIXError(.ENOTTY)
        }
        let terminal = FileHandle(forUpdatingAtPath: String(cString: name))!
        process.executableURL = URL(fileURLWithPath: Products.convsh)
        var environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                           "HOME": home.path, "TERM": "xterm", "CONVSH_HISTORY": home.path + "/history"]
        environment.merge(extra) { $1 }
        process.environment = environment
        process.standardInput = terminal
        process.standardOutput = terminal
        process.standardError = terminal
        try process.run()
        try terminal.close()
        consumed = screen.startIndex
    }

    // The POSIX pseudo-terminal calls, looked up at run time: the Glibc module does not import them (they need
    // _XOPEN_SOURCE).
    private static let openpt = libc("posix_openpt", as: (@convention(c) (Int32) -> Int32).self)
    private static let grantpt = libc("grantpt", as: (@convention(c) (Int32) -> Int32).self)
    private static let unlockpt = libc("unlockpt", as: (@convention(c) (Int32) -> Int32).self)
    private static let ptsname = libc("ptsname", as: (@convention(c) (Int32) -> UnsafeMutablePointer<CChar>?).self)

    private static func libc<F>(_ name: String, as type: F.Type) -> F {
        #if canImport(Darwin)
        let everywhere = UnsafeMutableRawPointer(bitPattern: -2)  // RTLD_DEFAULT
        #else
        let everywhere: UnsafeMutableRawPointer? = nil  // RTLD_DEFAULT
        #endif
        return unsafeBitCast(dlsym(everywhere, name)!, to: type)
    }

    deinit {
        if process.isRunning { process.terminate() }
        close(master)
    }

    /// Types `text` (use `\r` for Enter, `\t` for Tab).
    func type(_ text: String) {
        _ = text.utf8CString.withUnsafeBufferPointer { write(master, $0.baseAddress, $0.count - 1) }
    }

    /// Waits until `text` appears after what earlier calls consumed; true when it did within `seconds`.
    @discardableResult
    func expect(_ text: String, seconds: Double = 10) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let range = screen.range(of: text, range: consumed..<screen.endIndex) {
                consumed = range.upperBound
                return true
            }
            var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 100) >= 0 else { break }
            if poller.revents & Int16(POLLIN) != 0 {
                var buffer = [UInt8](repeating: 0, count: 4096)
                let count = read(master, &buffer, buffer.count)
                if count <= 0 { break }
                screen += String(decoding: buffer[..<count], as: UTF8.self)
            }
        }
        return false
    }

    /// Waits up to `seconds` for convsh to exit; its status, or nil if it is still running.
    func exitStatus(seconds: Double = 10) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline {
            _ = expect("\u{0}", seconds: 0.1)  // keep draining the terminal
        }
        return process.isRunning ? nil : process.terminationStatus
    }
}
