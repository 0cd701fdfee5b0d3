import Ops

/// A command defined by a script: `def NAME PARAM...`, the statements of its body, `end`.
///
/// Semantics (docs/definitions.md):
/// - A parameter given a tensor (a tensor name or a list literal) is a local tensor name bound to it. A parameter
///   given anything else (a number, a word such as `same`, a quoted path) stands for that argument wherever it is
///   written as a whole argument or option value in the body (`maxpool x size=n`), until the body assigns to it.
/// - The body runs in its own scope: it reads the session's tensors, but what it binds or deletes stays local.
/// - Its result is the tensor of its last statement (`maxpool d`, or just `d`); `out = NAME ...` binds it.
/// - The first comment line of the body is the `help` summary, further leading comment lines its details.
struct Definition {
    let name: String
    let parameters: [String]
    /// The `def` line.
    let location: SourceLocation
    var summary: String?
    var details: [String] = []
    var body: [(statement: Statement, location: SourceLocation)] = []

    /// Whether the last statement yields a tensor, as far as can be known when `end` is read: an assignment, a
    /// list literal, an op that makes one, a tensor name or a command defined later all do; a shell word does not.
    func producesValue(registry: Registry) -> Bool {
        guard let last = body.last?.statement else { return false }
        if last.target != nil || last.command.isEmpty { return true }
        if ShellWords.word(named: last.command) != nil { return false }
        return registry.op(named: last.command)?.producesValue ?? true
    }
}

/// The definitions side of a session: the `def` being written, and the commands running.
struct DefinitionState {
    /// The definition between its `def` line and `end`, while it is being read.
    var open: Definition?
    /// How many script-defined commands are running inside each other.
    var depth = 0
    /// The line being run, for errors inside a command: "called from main.convsh:9".
    var location: SourceLocation?

    /// Deepest nesting of commands; a command that calls itself stops here with an error, not a crash.
    static let maxDepth = 64
}
