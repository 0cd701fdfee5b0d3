import Ops

/// A script-defined command as a registry entry, so `help`, Tab completion, usage lines and argument-count errors
/// treat it like a built-in op; `apply` runs its body in the session that called it.
///
/// It is a front-end thing (its body is statements), but it goes through the one registry rather than a second
/// table, so nothing downstream needs to know where a command came from. Redefining the command replaces
/// `definition` in place; it never replaces a built-in or plugin op.
final class DefinedCommand: Op, @unchecked Sendable {
    var definition: Definition {
        didSet { if let registry { producesValue = definition.producesValue(registry: registry) } }
    }
    private(set) var producesValue: Bool
    private weak var registry: Registry?

    init(_ definition: Definition, registry: Registry) {
        self.definition = definition
        self.registry = registry
        self.producesValue = definition.producesValue(registry: registry)
    }

    var name: String { definition.name }
    /// The first comment line of the body, else where the command was defined.
    var summary: String { definition.summary ?? "defined by def \(origin)" }
    /// Each parameter in capitals, as built-ins write theirs: `block IMG K`.
    var parameters: [Parameter] { definition.parameters.map { Parameter($0.uppercased(), .value) } }

    /// Further leading comment lines of the body, and where it was defined.
    var details: String {
        (definition.details + (definition.summary == nil ? [] : ["Defined by def \(origin)."]))
            .joined(separator: "\n")
    }

    private var origin: String {
        definition.location.file == SourceLocation.prompt ? "at the prompt" : "at \(definition.location)"
    }

    func apply(_ arguments: Arguments, _ context: Context) throws -> Value? {
        guard let session = Session.owning(context) else { throw OpError("its session has ended") }
        return try session.run(self, arguments)
    }
}

extension Session {
    /// Runs a defined command's body in a scope of its own; returns the value of its last statement.
    ///
    /// An error in the body is located at the body's line and names the call site:
    /// `lib.convsh:4: error: ... (in block, called from main.convsh:9)`.
    func run(_ command: DefinedCommand, _ arguments: Arguments) throws -> Value? {
        guard definitions.depth < DefinitionState.maxDepth else {
            throw OpError("commands nested more than \(DefinitionState.maxDepth) deep (does it call itself?)")
        }
        let definition = command.definition
        let caller = definitions.location
        var locals = variables
        for (index, parameter) in definition.parameters.enumerated() {
            guard let argument = arguments.argument(index + 1) else { continue }
            if argument.isBareWord {
                locals.bind(parameter, word: argument.value.string ?? argument.text)
            } else {
                locals[parameter] = argument.value
            }
        }
        let (savedVariables, savedLoops) = (variables, loopDepth)
        variables = locals
        loopDepth = 0
        definitions.depth += 1
        defer {
            variables = savedVariables
            loopDepth = savedLoops
            definitions.depth -= 1
            definitions.location = caller
        }
        var result: Value?
        do {
            for node in definition.body {
                result = try resultOf(node)
                if quitRequested { return nil }
            }
        } catch var error as ScriptError where !error.namesCommand {
            let from = caller.map { $0.file == SourceLocation.prompt ? "" : ", called from \($0)" } ?? ""
            error.message += " (in \(command.name)\(from))"
            error.namesCommand = true
            throw error
        }
        guard command.producesValue else { return nil }
        guard let result else { throw OpError("its last statement made no value") }
        return result
    }

    /// Runs one node of a body; the value its statement made (an expression's, a command's or the one bound).
    private func resultOf(_ node: Node) throws -> Value? {
        guard case .statement(let parsed, let location) = node, !parsed.isTimed else {
            _ = try execute(node, topLevel: false)
            return nil
        }
        definitions.location = location
        do {
            switch parsed.statement {
            case .evaluate(.command(let command)): return try run(command)
            case .evaluate(.name(let name)) where variables[name] != nil: return variables[name]
            case .evaluate(let expression): return try value(of: expression)
            case .assign(let name, _, _):
                _ = try execute(parsed)
                return variables[name]
            default:
                _ = try execute(node, topLevel: false)
                return nil
            }
        } catch let error as ScriptError {
            throw error
        } catch let error as Interrupted {
            throw error
        } catch {
            throw ScriptError(location: location, message: Session.message(error))
        }
    }
}
