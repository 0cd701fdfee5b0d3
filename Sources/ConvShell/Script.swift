import Foundation
import Ops

/// Where a line of input came from: `lib.convsh:7`, `-c:1`, `<stdin>:3`, or `<repl>:2` (the REPL counts the
/// lines of one entry: 1 at `convsh>`, then 2, 3... at `...>`).
struct SourceLocation: Equatable, CustomStringConvertible {
    /// The file name the REPL's lines carry.
    static let prompt = "<repl>"

    let file: String
    let line: Int

    var description: String { "\(file):\(line)" }
}

/// An error inside a script, located: `lesson.convsh:7: error: conv2d: argument 3: expected same|valid, got 'sme'`.
struct ScriptError: Error, CustomStringConvertible {
    let location: SourceLocation
    let message: String

    var description: String { "\(location): error: \(message)" }
}

extension Session {
    /// Runs `text` line by line as the script `file`, stopping at the first error (thrown as a `ScriptError`
    /// that points at the innermost failing line, also through `source`).
    func runScript(_ text: String, file: String) throws {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let location = SourceLocation(file: file, line: index + 1)
            do {
                try run(line: String(line.hasSuffix("\r") ? line.dropLast() : line), at: location)
            } catch let error as ScriptError {
                throw error
            } catch {
                throw ScriptError(location: location, message: Session.message(error))
            }
            if quitRequested { return }
        }
        try finishDefinitions()
    }

    /// `source FILE`: runs a file's statements in this session; `$0` is the file, it takes no `$1`....
    func source(_ path: String) throws {
        guard sourceDepth < 16 else { throw OpError("source: nested too deeply (a file sourcing itself?)") }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw OpError("source: cannot read \(path)")
        }
        let saved = parser
        sourceDepth += 1
        parser.scriptArguments = [path]
        defer { parser = saved; sourceDepth -= 1 }
        try runScript(text, file: path)
    }

    /// The one-line text of any error.
    static func message(_ error: Error) -> String {
        if let error = error as? ScriptError { return "\(error.location): \(error.message)" }
        return String(describing: error)
    }
}
