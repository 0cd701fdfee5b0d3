import Ops

/// A command defined by a script: `def NAME PARAM...`, the statements of its body, `end`.
///
/// Semantics (docs/definitions.md):
/// - Each parameter is a local name bound to the argument's value (a tensor, a number, a string); a bare word
///   that names no variable (`same`, `out.png`) is bound as that word, so `conv2d img k p` reads it as one.
/// - The body runs in its own scope: it reads the caller's values, but what it binds or deletes stays local.
/// - Its result is the value of its last statement (`maxpool d`, or just `d`); `out = NAME ...` binds it.
/// - The first comment line of the body is the `help` summary, further leading comment lines its details.
struct Definition {
    let name: String
    let parameters: [String]
    /// The `def` line.
    let location: SourceLocation
    var summary: String?
    var details: [String] = []
    var body: [Node] = []

    /// Whether the last statement yields a value, as far as can be known when `end` is read: an assignment, an
    /// expression, an op that makes one or a command defined later do; a shell word or a block does not.
    func producesValue(registry: Registry) -> Bool {
        guard case .statement(let last, _)? = body.last else { return false }
        switch last.statement {
        case .assign: return true
        case .evaluate(.command(let command)):
            if ShellWords.word(named: command.name) != nil { return false }
            return registry.op(named: command.name)?.producesValue ?? true
        case .evaluate: return true
        default: return false
        }
    }
}

/// The definitions side of a session: the commands running, and the line being run.
struct DefinitionState {
    /// How many script-defined commands are running inside each other.
    var depth = 0
    /// The line being run, for errors inside a command: "called from main.convsh:9".
    var location: SourceLocation?

    /// Deepest nesting of commands; a command that calls itself stops here with an error, not a crash.
    static let maxDepth = 64
}

extension Session {
    /// `def NAME PARAM...`: the names must be valid, new (or an earlier definition's) and distinct.
    func checkDefinition(_ name: String, _ parameters: [String]) throws {
        for word in [name] + parameters where !Registry.isValidName(word) || Parser.keywords.contains(word) {
            throw OpError("def: '\(word)' is not a valid name (letters, digits and _, not starting with a digit)")
        }
        if ShellWords.word(named: name) != nil { throw OpError("def: '\(name)' is a shell word; choose another name") }
        if let op = registry.op(named: name), !(op is DefinedCommand) {
            throw OpError("def: an op named '\(name)' already exists; choose another name")
        }
        if let twice = parameters.enumerated().first(where: { parameters.firstIndex(of: $0.element) != $0.offset }) {
            throw OpError("def: parameter '\(twice.element)' is given twice")
        }
    }

    /// `def ... end` read: adds the command to the registry, or replaces an earlier definition of the same name.
    func define(_ definition: Definition) throws {
        if let command = registry.op(named: definition.name) as? DefinedCommand {
            command.definition = definition
        } else {
            try registry.register(DefinedCommand(definition, registry: registry))
        }
    }
}
