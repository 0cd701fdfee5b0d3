import Foundation
import Ops

/// Reading `def NAME PARAM...` ... `end` from scripts and the REPL.
///
/// A statement `def` opens a definition; from there every statement is collected into the body, with the location
/// of its line, until a statement `end`. Statements before `def` and after `end` on the same line run as usual, so
/// `def f x; relu x; end; y = f img` works in `-c`. Leading comment lines of the body become the help text. An
/// error while reading a body (a syntax error, a nested `def`) abandons the definition.
extension Session {
    /// Runs one line of input read at `location`, or collects it into the definition being written.
    ///
    /// A line that neither continues nor opens a definition goes to `run(line:)` unchanged.
    func run(line: String, at location: SourceLocation) throws {
        definitions.location = location
        let opens = definitions.open == nil ? try parser.parse(line).contains(where: Session.opensDefinition) : false
        guard definitions.open != nil || opens else { return try run(line: line) }
        do {
            try collect(line, at: location)
        } catch {
            definitions.open = nil
            throw error
        }
    }

    /// True between a `def` line and its `end` (the REPL then prompts with `...>`).
    var isDefining: Bool { definitions.open != nil }

    /// Drops the definition being written (Ctrl-C at the `...>` prompt); returns its name, nil when none was open.
    func abandonDefinition() -> String? {
        defer { definitions.open = nil }
        return definitions.open?.name
    }

    /// A `def` still open at the end of a script or sourced file: an error at its `def` line.
    func finishDefinitions() throws {
        guard let open = definitions.open else { return }
        definitions.open = nil
        throw ScriptError(location: open.location, message: "def \(open.name): missing 'end'")
    }

    // MARK: - Lines

    static let defWord = "def", endWord = "end"

    private static func opensDefinition(_ statement: V1Statement) -> Bool {
        statement.target == nil && statement.command == defWord
    }

    private func collect(_ line: String, at location: SourceLocation) throws {
        if var open = definitions.open, open.body.isEmpty, let comment = Session.comment(line) {
            if open.summary == nil { open.summary = comment } else { open.details.append(comment) }
            definitions.open = open
            return
        }
        for statement in try parser.parse(line) {
            let word = statement.target == nil ? statement.command : ""
            if definitions.open == nil {
                if word == Session.defWord { try begin(statement, at: location); continue }
                try execute(statement)
                if quitRequested { return }
            } else if word == Session.endWord {
                guard statement.arguments == ArgumentList() else { throw OpError("end takes no arguments") }
                try end()
            } else if word == Session.defWord {
                throw OpError("def: cannot define '\(statement.arguments.positional.first?.plainText ?? "")' "
                    + "inside '\(definitions.open!.name)' (missing end?)")
            } else {
                definitions.open!.body.append((statement, location))
            }
        }
    }

    /// The text of a line that is only a comment, without `#` and surrounding spaces.
    private static func comment(_ line: String) -> String? {
        let text = line.drop { $0.isWhitespace }
        guard text.first == "#" else { return nil }
        return text.dropFirst().trimmingCharacters(in: .whitespaces)
    }

    // MARK: - def and end

    /// `def NAME PARAM...`: checks the names and opens the definition.
    private func begin(_ statement: V1Statement, at location: SourceLocation) throws {
        let words = statement.arguments.positional.map { syntax -> String? in
            if case .word(let w) = syntax { return w } else { return nil }
        }
        guard let name = words.first ?? nil, statement.arguments.options.isEmpty, !words.contains(nil) else {
            throw OpError("usage: def NAME [PARAM ...], then the statements, then end")
        }
        let parameters = words.dropFirst().map { $0! }
        for word in [name] + parameters where !Registry.isValidName(word) {
            throw OpError("def: '\(word)' is not a valid name (letters, digits and _, not starting with a digit)")
        }
        if ShellWords.word(named: name) != nil { throw OpError("def: '\(name)' is a shell word; choose another name") }
        if let op = registry.op(named: name), !(op is DefinedCommand) {
            throw OpError("def: an op named '\(name)' already exists; choose another name")
        }
        if let twice = parameters.enumerated().first(where: { parameters.firstIndex(of: $0.element) != $0.offset }) {
            throw OpError("def: parameter '\(twice.element)' is given twice")
        }
        definitions.open = Definition(name: name, parameters: Array(parameters), location: location)
    }

    /// `end`: adds the definition to the registry, or replaces an earlier definition of the same name.
    private func end() throws {
        let definition = definitions.open!
        definitions.open = nil
        guard !definition.body.isEmpty else { throw OpError("def \(definition.name): the body has no statements") }
        if let command = registry.op(named: definition.name) as? DefinedCommand {
            command.definition = definition
        } else {
            try registry.register(DefinedCommand(definition, session: self))
        }
    }
}
