import Foundation
import Ops

/// The interactive loop: read a line, run it, report an error and go on (like `doREPL` in Lua's `lua.c`).
enum REPL {
    static func run(_ session: Session, historyPath: String?) {
        let completer = Completer(session: session)
        let editor = LineEditor(program: "convsh", historyPath: historyPath, complete: completer.complete)
        session.print("ConvShell \(Version.string): help lists the ops, Tab completes, Ctrl-D quits.")
        while !session.quitRequested {
            // NOTE: not `editor?.readLine(...) ?? plainReadLine()`: that reads on after the editor's end of input.
            let line = editor.map { $0.readLine(prompt: "convsh> ") } ?? plainReadLine()
            guard let line else { break }
            do {
                try session.run(line: line)
            } catch {
                Standard.error("error: \(Session.message(error))")
            }
        }
        if !session.quitRequested { session.print("") }
    }

    /// Fallback when libedit cannot drive the terminal.
    private static func plainReadLine() -> String? {
        FileHandle.standardOutput.write(Data("convsh> ".utf8))
        return readLine()
    }

    /// `$CONVSH_HISTORY`, else `~/.convsh_history`; nil when neither can be known.
    static var historyPath: String? {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["CONVSH_HISTORY"], !path.isEmpty { return path }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.convsh_history"
    }
}
