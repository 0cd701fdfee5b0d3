import Foundation
import Ops

/// What stdout's terminal can do, read from the kernel and the environment.
enum TerminalProbe {
    /// The terminal on stdout, or nil when stdout is a file or a pipe.
    static func detect(environment: [String: String] = ProcessInfo.processInfo.environment) -> Terminal? {
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        var size = winsize()
        var columns = 0, rows = 0
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 { (columns, rows) = (Int(size.ws_col), Int(size.ws_row)) }
        if columns == 0 { columns = Int(environment["COLUMNS"] ?? "") ?? 80 }
        if rows == 0 { rows = Int(environment["LINES"] ?? "") ?? 24 }
        let colorTerm = environment["COLORTERM"]?.lowercased() ?? ""
        return Terminal(columns: columns, rows: rows, hasTrueColor: colorTerm == "truecolor" || colorTerm == "24bit",
                        allowsColor: (environment["NO_COLOR"] ?? "").isEmpty)
    }
}
