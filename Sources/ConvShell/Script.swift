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

/// An error inside a script, located: `lesson.convsh:7: error: conv2d: argument 3: expected same|valid, got 'sme'`;
/// a syntax error also has its column: `-c:1:12: error: expected ')'`.
struct ScriptError: Error, CustomStringConvertible {
    let location: SourceLocation
    var column: Int?
    var message: String
    /// The message already names the defined command it happened in (`(in block, called from ...)`).
    var namesCommand = false

    init(location: SourceLocation, column: Int? = nil, message: String) {
        self.location = location
        self.column = column
        self.message = message
    }

    var description: String { "\(location)\(column.map { ":\($0)" } ?? ""): error: \(message)" }
}

extension Session {
    /// Runs `text` line by line as the script `file`, stopping at the first error (thrown as a `ScriptError`
    /// that points at the innermost failing line, also through `source`). Lines end at `\n`, `\r\n` or `\r`.
    func runScript(_ text: String, file: String) throws {
        try runScript(lines: ScriptLines.split(Array(text.utf8)).map { String(decoding: $0, as: UTF8.self) }, file: file)
    }

    func runScript(lines: [String], file: String) throws {
        for (index, line) in lines.enumerated() {
            let location = SourceLocation(file: file, line: index + 1)
            do {
                try run(line: line, at: location)
            } catch let error as ScriptError {
                throw error
            } catch let error as Interrupted {
                throw error
            } catch let error as SyntaxError {
                throw ScriptError(location: location, column: error.column, message: error.message)
            } catch {
                throw ScriptError(location: location, message: Session.message(error))
            }
            if quitRequested { return }
        }
        if let (name, location) = blocks.outermost {
            blocks.abandon()
            throw ScriptError(location: location, message: "\(name): missing 'end'")
        }
    }

    /// `source FILE`: runs a file's statements in this session; `$0` is the file, it takes no `$1`....
    func source(_ path: String) throws {
        guard sourceDepth < 16 else { throw OpError("source: nested too deeply (a file sourcing itself?)") }
        guard let data = FileManager.default.contents(atPath: path) else { throw OpError("source: cannot read \(path)") }
        let lines = try ScriptLines.decode(Array(data), file: path)
        let saved = scriptArguments
        sourceDepth += 1
        scriptArguments = [path]
        defer { scriptArguments = saved; sourceDepth -= 1 }
        try runScript(lines: lines, file: path)
    }

    /// The one-line text of any error.
    static func message(_ error: Error) -> String {
        if let error = error as? ScriptError {
            return "\(error.location)\(error.column.map { ":\($0)" } ?? ""): \(error.message)"
        }
        return (error as? OpError)?.description ?? String(describing: error)
    }
}
