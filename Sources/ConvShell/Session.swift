import Foundation
import Ops
import PluginHost

/// The state of one shell session, and the spine of the language: a line is parsed once, its statements go
/// through the block reader, and what comes out complete is executed.
///
///     line ──Parser──▶ [ParsedStatement] ──BlockReader──▶ Node ──execute──▶ values bound / printed
///
/// Evaluation (Language/Evaluator.swift) calls every op through `registry.call`; the session never knows an op
/// by name. Blocks and loops: Language/Execution.swift, Language/Loops.swift. Definitions: Definitions/.
final class Session {
    let registry: Registry
    let context: Context
    var settings = Settings()
    /// The values in scope: the session's, or a defined command's or a `parallel for` iteration's locals.
    var variables = Variables()
    /// `$0`, `$1`, ...: the script (or `-c`) and its arguments.
    var scriptArguments: [String] = []
    /// Set by `quit`; the REPL and scripts stop when it is true.
    var quitRequested = false
    /// Nesting depth of `source`, to stop a file that sources itself.
    var sourceDepth = 0
    /// Plugin libraries loaded into `registry` (Plugins/).
    let plugins = PluginSet()
    /// Blocks (`for`, `if`, `def`) opened and not yet closed by `end`.
    var blocks = BlockReader()
    /// Defined commands running, and the line being run (Definitions/).
    var definitions = DefinitionState()
    /// `for` loops running (for `break`/`continue` checks and `--shard`).
    var loopDepth = 0
    /// `--keep-going`, `--shard I/N`, and the failures counted under `--keep-going`.
    var loops = LoopSettings()
    private var write: (String) -> Void
    /// Where a bare statement's description goes (LANGUAGE.md §7) when a front end shows results itself (the
    /// Jupyter kernel's `execute_result`); nil: printed like any output.
    var resultOutput: ((String) -> Void)?

    /// The name an unassigned result is bound to.
    static let lastResult = "_"

    init(registry: Registry = Registry(), context: Context, write: @escaping (String) -> Void) {
        self.registry = registry
        self.context = context
        self.write = write
        settings.threads = context.threads
        context.variableNames = { [unowned self] in self.variables.names }
        Session.directoryLock.withLock { Session.directory[ObjectIdentifier(context)] = WeakSession(session: self) }
    }

    deinit {
        let key = ObjectIdentifier(context)
        Session.directoryLock.withLock { _ = Session.directory.removeValue(forKey: key) }
    }

    /// The session whose statements run ops with `context`: a defined command runs its body there (the main
    /// session, or a `parallel for` iteration's own).
    static func owning(_ context: Context) -> Session? {
        directoryLock.withLock { directory[ObjectIdentifier(context)]?.session }
    }

    private struct WeakSession { weak var session: Session? }
    private static let directoryLock = NSLock()
    nonisolated(unsafe) private static var directory: [ObjectIdentifier: WeakSession] = [:]

    /// Prints `text` and a newline on the session's output.
    func print(_ text: String) { write(text + "\n") }

    /// A bare statement's description: to `resultOutput` when set, else printed.
    func printResult(_ text: String) {
        guard let resultOutput else { return print(text) }
        resultOutput(text)
    }

    /// Writes `text` as it is on the session's output.
    func emit(_ text: String) { write(text) }

    /// Sends the session's output to `output` while `body` runs (a `parallel for` iteration's buffer).
    func redirectingOutput<T>(to output: @escaping (String) -> Void, _ body: () throws -> T) rethrows -> T {
        let saved = write
        write = output
        defer { write = saved }
        return try body()
    }

    /// Whether a bare word at the start of a statement is run in command form (LANGUAGE.md §2).
    func isCommand(_ word: String) -> Bool { registry.op(named: word) != nil || ShellWords.word(named: word) != nil }

    // MARK: - Lines

    /// Parses `line` (read at `location`) once and runs or collects each of its statements.
    ///
    /// All of the line is parsed before any of it runs, so a syntax error runs nothing. A comment line right after
    /// `def` is the command's help text.
    func run(line: String, at location: SourceLocation) throws {
        definitions.location = location
        if blocks.takesComment, let comment = Session.comment(line) { return blocks.addComment(comment) }
        let statements: [ParsedStatement]
        do {
            statements = try Parser.parse(line, scriptArguments: scriptArguments, isCommand: isCommand)
        } catch {
            blocks.abandon()
            throw error
        }
        for statement in statements {
            let node: Node?
            do {
                if case .define(let name, let parameters) = statement.statement {
                    try checkDefinition(name, parameters)
                }
                node = try blocks.feed(statement, at: location)
            } catch {
                blocks.abandon()
                throw error
            }
            if let node {
                _ = try execute(node, topLevel: true)
            }
            if quitRequested { return }
        }
    }

    /// Runs `line` as the REPL's first line (tests and `-c` of one line).
    func run(line: String) throws { try run(line: line, at: SourceLocation(file: SourceLocation.prompt, line: 1)) }

    /// True inside an unclosed block (the REPL then prompts with `...>`).
    var isDefining: Bool { blocks.isOpen }

    /// Drops the blocks being written (Ctrl-C or Ctrl-D at `...>`); returns the opening words, e.g. `def f`.
    func abandonBlocks() -> String? { blocks.abandon() }

    /// The text of a line that is only a comment, without `#` and surrounding spaces.
    private static func comment(_ line: String) -> String? {
        let text = line.drop { $0.isWhitespace }
        guard text.first == "#" else { return nil }
        return text.dropFirst().trimmingCharacters(in: .whitespaces)
    }

    // MARK: - Names

    /// Refuses to bind `name` when it is an op, a shell word or a keyword: it could never be read back.
    func checkBindable(_ name: String) throws {
        if registry.op(named: name) != nil {
            throw OpError("cannot assign to '\(name)': it is an op (help \(name)); choose another name")
        }
        if ShellWords.word(named: name) != nil || Parser.keywords.contains(name) {
            throw OpError("cannot assign to '\(name)': it is a word of the shell; choose another name")
        }
    }

    /// `unknown command 'conv'; did you mean conv2d? (type help)`. A bare name (`a` after `del a`) is more likely
    /// a variable's: those are looked at first.
    func unknownCommand(_ word: String, bareName: Bool = false) -> OpError {
        var message = "unknown command '\(word)'"
        let commands = registry.names + ShellWords.names
        let guess = bareName
            ? Suggest.closest(to: word, among: variables.names) ?? Suggest.closest(to: word, among: commands)
            : Suggest.closest(to: word, among: commands + variables.names)
        if let guess { message += "; did you mean \(guess)?" }
        return OpError(message + " (type help)")
    }

    /// `unknown name 'imgg'; did you mean img?`.
    func unknownName(_ name: String) -> OpError {
        var message = "unknown name '\(name)'"
        if let guess = Suggest.closest(to: name, among: variables.names) { message += "; did you mean \(guess)?" }
        return OpError(message)
    }

    func delete(_ name: String) throws {
        guard variables.remove(name) else {
            var message = "del: unknown tensor '\(name)'"
            if let guess = Suggest.closest(to: name, among: variables.names) { message += "; did you mean \(guess)?" }
            throw OpError(message)
        }
    }
}
