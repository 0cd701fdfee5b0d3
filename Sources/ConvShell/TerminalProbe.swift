import Foundation
import Ops

/// What stdout's terminal can do: the kernel's window size, then `Terminal.detect`'s reading of the environment.
enum TerminalProbe {
    /// The terminal on stdout, or nil when stdout is a file or a pipe (or `TERM=dumb`).
    static func detect(environment: [String: String] = ProcessInfo.processInfo.environment) -> Terminal? {
        var size = winsize()
        let known = ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0
        return Terminal.detect(
            environment: environment, isTerminal: isatty(STDOUT_FILENO) == 1,
            windowSize: known ? Terminal.WindowSize(columns: Int(size.ws_col), rows: Int(size.ws_row),
                                                    pixelWidth: Int(size.ws_xpixel), pixelHeight: Int(size.ws_ypixel))
                : nil)
    }
}
