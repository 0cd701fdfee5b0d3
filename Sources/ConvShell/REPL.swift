import Foundation
import Ops

/// The interactive loop: read a line, run it, report an error and go on (like `doREPL` in Lua's `lua.c`).
enum REPL {
    static func run(_ session: Session, historyPath: String?) {
        let completer = Completer(session: session)
        let editor = LineEditor(program: "convsh", historyPath: historyPath, complete: completer.complete)
        session.print("ConvShell \(Version.string): help lists the ops, Tab completes, Ctrl-D quits.")
        var number = 0  // the line's number within one entry: a def continues it at `...>`
        while !session.quitRequested {
            let prompt = session.isDefining ? "...> " : "convsh> "
            // NOTE: not `editor?.readLine(...) ?? plainReadLine()`: that reads on after the editor's end of input.
            let input = editor.map { $0.readLine(prompt: prompt) } ?? plainReadLine(prompt).map(LineEditor.Input.line)
            guard let input else { break }
            guard case .line(let line) = input else {
                // Ctrl-C drops the line; at `...>` it drops the whole definition being written.
                if let name = session.abandonDefinition() { Standard.error("def \(name) abandoned") }
                continue
            }
            number = session.isDefining ? number + 1 : 1
            do {
                try session.run(line: line, at: SourceLocation(file: SourceLocation.prompt, line: number))
            } catch {
                Standard.error("error: \(Session.message(error))")
            }
        }
        if !session.quitRequested { session.print("") }
    }

    /// Fallback when libedit cannot drive the terminal.
    private static func plainReadLine(_ prompt: String) -> String? {
        Standard.output(prompt)
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
