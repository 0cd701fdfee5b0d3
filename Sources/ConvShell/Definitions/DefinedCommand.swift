import Ops

/// A script-defined command as a registry entry, so `help`, Tab completion, usage lines and argument-count errors
/// treat it like a built-in op; `apply` runs its body in the session.
///
/// It is a front-end thing (its body is statements), but it goes through the one registry rather than a second
/// table, so nothing downstream needs to know where a command came from. Redefining the command replaces
/// `definition` in place; it never replaces a built-in or plugin op.
final class DefinedCommand: Op, @unchecked Sendable {
    var definition: Definition {
        didSet { if let session { producesValue = definition.producesValue(registry: session.registry) } }
    }
    private(set) var producesValue: Bool
    private weak var session: Session?

    init(_ definition: Definition, session: Session) {
        self.definition = definition
        self.session = session
        self.producesValue = definition.producesValue(registry: session.registry)
    }

    var name: String { definition.name }
    /// The first comment line of the body, else where the command was defined.
    var summary: String { definition.summary ?? "defined by def \(origin)" }
    /// Each parameter in capitals, as built-ins write theirs: `block IMG K`.
    var parameters: [Parameter] { definition.parameters.map { Parameter($0.uppercased(), .tensor) } }

    /// Further leading comment lines of the body, and where it was defined.
    var details: String {
        (definition.details + (definition.summary == nil ? [] : ["Defined by def \(origin)."]))
            .joined(separator: "\n")
    }

    private var origin: String {
        definition.location.file == SourceLocation.prompt ? "at the prompt" : "at \(definition.location)"
    }

    // MARK: - Running the body

    func apply(_ arguments: Arguments, _ context: Context) throws -> Value? {
        guard let session else { throw OpError("its session has ended") }
        guard session.definitions.depth < DefinitionState.maxDepth else {
            throw OpError("commands nested more than \(DefinitionState.maxDepth) deep (does it call itself?)")
        }
        let definition = self.definition
        let caller = session.definitions.location
        var locals = session.variables
        var values: [String: Syntax] = [:]
        for (index, parameter) in definition.parameters.enumerated() {
            let argument = arguments.argument(index + 1)!
            switch argument.value {
            case .tensor(let tensor):
                locals[parameter] = tensor
            case .number(let n):
                locals[parameter] = nil
                values[parameter] = .number(n)
            case .string(let s):
                locals[parameter] = nil
                values[parameter] = argument.isBareWord ? .word(s) : .quoted(s)
            case .list, .model:
                locals[parameter] = try arguments.tensor(index + 1)
            }
        }

        let saved = session.variables
        session.variables = locals
        session.definitions.depth += 1
        defer {
            session.variables = saved
            session.definitions.depth -= 1
            session.definitions.location = caller
        }
        var result: Tensor?
        for (number, (statement, location)) in definition.body.enumerated() {
            session.definitions.location = location
            let statement = statement.substituting(values)
            do {
                let isLast = number == definition.body.count - 1
                if isLast, statement.target == nil, statement.arguments == ArgumentList(),
                   session.registry.op(named: statement.command) == nil,
                   ShellWords.word(named: statement.command) == nil, let tensor = session.variables[statement.command] {
                    result = tensor  // a bare name at the end returns the tensor without describing it
                } else {
                    result = try session.execute(statement)
                }
            } catch let error as ScriptError {
                throw error
            } catch {
                let from = caller.map { $0.file == SourceLocation.prompt ? "" : ", called from \($0)" } ?? ""
                throw ScriptError(location: location, message: "\(Session.message(error)) (in \(name)\(from))")
            }
            if let target = statement.target { values[target] = nil }
            if session.quitRequested { return nil }
        }
        guard producesValue else { return nil }
        guard let result else { throw OpError("its last statement made no tensor") }
        return .tensor(result)
    }
}

extension Statement {
    /// The statement with each whole-word argument or option value named in `values` replaced by its value.
    func substituting(_ values: [String: Syntax]) -> Statement {
        guard !values.isEmpty else { return self }
        func replace(_ syntax: Syntax) -> Syntax {
            if case .word(let word) = syntax, let value = values[word] { return value }
            return syntax
        }
        var copy = self
        copy.arguments.positional = arguments.positional.map(replace)
        copy.arguments.options = arguments.options.map { ($0.key, replace($0.value)) }
        return copy
    }
}
