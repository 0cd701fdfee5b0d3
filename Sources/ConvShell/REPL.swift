import Foundation
import Ops

/// The interactive loop: read a line, run it, report an error and go on (like `doREPL` in Lua's `lua.c`).
///
/// Ctrl-C while a statement runs stops its op or loop (the cooperative flag): `interrupted`, nothing new bound.
/// Ctrl-C at `...>` drops the block being written; Ctrl-D there says the block was abandoned, then quits.
enum REPL {
    static func run(_ session: Session, historyPath: String?) {
        let editor = LineEditor(program: "convsh", historyPath: historyPath, complete: Completer(session: session).complete)
        session.print("ConvShell \(Version.string): help lists the ops, Tab completes, Ctrl-D quits.")
        var number = 0  // the line's number within one entry: a block continues it at `...>`
        reading: while !session.quitRequested {
            let prompt = session.isDefining ? "...> " : "convsh> "
            // NOTE: not `editor?.readLine(...) ?? plainReadLine()`: that reads on after the editor's end of input.
            let input = editor.map { $0.readLine(prompt: prompt) } ?? plainReadLine(prompt).map(LineEditor.Input.line)
            guard case .line(let line)? = input else {
                // Ctrl-C drops the line, Ctrl-D ends the session; either drops a block being written.
                if let name = session.abandonBlocks() { Standard.error("\(name) abandoned") }
                if input == nil { break reading } else { continue reading }
            }
            number = session.isDefining ? number + 1 : 1
            Cancellation.clear()
            do {
                try session.run(line: line, at: SourceLocation(file: SourceLocation.prompt, line: number))
            } catch is Interrupted {
                Standard.error("interrupted")
            } catch {
                Standard.error("error: \(Session.message(error))")
            }
        }
        if !session.quitRequested { session.print("") }
    }

    /// Fallback when libedit cannot drive the terminal.
    private static func plainReadLine(_ prompt: String) -> String? {
        FileHandle.standardOutput.write(Data(prompt.utf8))
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
