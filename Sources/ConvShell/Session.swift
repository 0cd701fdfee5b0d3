import Foundation
import Ops
import PluginHost

/// The state of one shell session: named tensors, settings, and the evaluation of statements.
///
/// Evaluation: a statement's command is looked up among shell words, then in the op registry; a bare name of a
/// tensor describes it. The session never knows an op by name.
final class Session {
    let registry: Registry
    let context: Context
    var parser = Parser()
    /// Print the elapsed time after every statement (`set timing on`).
    var timing = false
    /// Set by `quit`; the REPL and scripts stop when it is true.
    var quitRequested = false
    /// The tensors in scope: the session's, or a script-defined command's locals while its body runs.
    var variables = Variables()
    /// Nesting depth of `source`, to stop a file that sources itself.
    var sourceDepth = 0
    /// Plugin libraries loaded into `registry` (Plugins/).
    let plugins = PluginSet()
    /// A `def` being written, and the commands running (Definitions/).
    var definitions = DefinitionState()
    private let write: (String) -> Void

    /// The name an unassigned op result is bound to.
    static let lastResult = "_"

    init(registry: Registry = Registry(), context: Context, write: @escaping (String) -> Void) {
        self.registry = registry
        self.context = context
        self.write = write
        context.variableNames = { [unowned self] in self.variables.names }
    }

    /// Prints `text` and a newline on the session's output.
    func print(_ text: String) { write(text + "\n") }

    // MARK: - Evaluation

    /// Parses and runs every statement on `line`, stopping at the first error.
    func run(line: String) throws {
        for statement in try parser.parse(line) {
            try execute(statement)
            if quitRequested { return }
        }
    }

    /// Runs one statement; returns the tensor it made, if any.
    @discardableResult
    func execute(_ statement: Statement) throws -> Tensor? {
        // `set timing on|off` itself is not timed: only statements run while timing was already on.
        let timingBefore = timing
        let start = DispatchTime.now()
        let result = try evaluate(statement)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        if statement.isTimed || (timing && timingBefore) {
            var line = String(format: "%.1f ms", seconds * 1000)
            if let work = result?.origin?.detail as? FlopCounting, seconds > 0 {
                line += String(format: ", %.1f GFLOP/s", work.flops / seconds / 1e9)
                if let method = work.method { line += ", " + method }
            }
            print(line)
        }
        return result
    }

    /// Runs one statement; returns the tensor it bound, if any.
    private func evaluate(_ statement: Statement) throws -> Tensor? {
        if statement.command.isEmpty, let target = statement.target {
            let value = try ListLiteral.tensor(statement.arguments.positional[0].value)
            variables[target] = value
            return value
        }
        if let word = ShellWords.word(named: statement.command) {
            guard statement.target == nil else { throw OpError("\(word.name) produces no tensor to assign") }
            try word.run(self, statement.arguments)
            return nil
        }
        guard let op = registry.op(named: statement.command) else {
            if let tensor = variables[statement.command] {
                guard statement.arguments.positional.isEmpty, statement.arguments.options.isEmpty else {
                    throw OpError("'\(statement.command)' is a tensor, not a command")
                }
                if let target = statement.target {
                    variables[target] = tensor
                } else {
                    print(TensorDescription.describe(tensor, name: statement.command))
                }
                return tensor
            }
            throw unknownCommand(statement.command)
        }
        if let target = statement.target, !op.producesValue {
            throw OpError("\(op.name) produces no tensor; write '\(op.name) ...' without '\(target) ='")
        }
        // `x = relu x`: hand `x` over, so the op can reuse its storage; put it back if the op fails before reading it.
        var handedOver = handOver(op, statement)
        let reused = handedOver
        func lookup(_ name: String) -> Value? {
            guard let given = handedOver, given.name == name else { return variables[name].map(Value.tensor) }
            handedOver = nil
            return .tensor(given.tensor)
        }
        var positional = statement.arguments.positional.map { $0.argument(lookup: lookup) }
        if reused != nil { positional[0].mayReuseStorage = true }
        let options = statement.arguments.options.map { (key: $0.key, value: $0.value.argument(lookup: lookup)) }
        let result: Tensor?
        do {
            let value = try registry.call(op, positional, options: options, context: context)
            if let value, case .tensor(let tensor) = value { result = tensor } else { result = nil }
        } catch {
            if let given = reused { variables[given.name] = given.tensor }
            throw error
        }
        if let result {
            if let target = statement.target {
                variables[target] = result
            } else if definitions.depth == 0 {
                // Like IPython's `_`: an unassigned result is kept as `_` and described, not silently lost.
                variables[Session.lastResult] = result
                print(TensorDescription.describe(result, name: Session.lastResult))
            }
        }
        return result
    }

    /// The tensor `x` of `x = OP x ...` taken out of the session, when `OP` reuses its first argument, `x` appears
    /// once, and the session held `x`'s storage alone (so the op writes in place and cannot fail after reading it).
    private func handOver(_ op: any Op, _ statement: Statement) -> (name: String, tensor: Tensor)? {
        guard op.reusesFirstArgument, let target = statement.target,
              statement.arguments.positional.first == .word(target),
              statement.arguments.positional.filter({ $0 == .word(target) }).count == 1,
              let tensor = variables.takeIfSoleHolder(target) else { return nil }
        return (target, tensor)
    }

    private func unknownCommand(_ word: String) -> OpError {
        var message = "unknown command '\(word)'"
        let candidates = registry.names + ShellWords.names + variables.names
        if let guess = Suggest.closest(to: word, among: candidates) { message += "; did you mean \(guess)?" }
        return OpError(message + " (type help)")
    }

    func delete(_ name: String) throws {
        guard variables.remove(name) else {
            var message = "del: unknown tensor '\(name)'"
            if let guess = Suggest.closest(to: name, among: variables.names) { message += "; did you mean \(guess)?" }
            throw OpError(message)
        }
    }
}

/// Named tensors in the order they were first bound.
struct Variables {
    private var values: [String: Tensor] = [:]
    private(set) var names: [String] = []

    subscript(name: String) -> Tensor? {
        get { values[name] }
        set {
            if values[name] == nil, newValue != nil { names.append(name) }
            if newValue == nil { names.removeAll { $0 == name } }
            values[name] = newValue
        }
    }

    /// Removes and returns `name`'s tensor when no other tensor shares its storage; nil otherwise.
    mutating func takeIfSoleHolder(_ name: String) -> Tensor? {
        guard values[name]?.isUniquelyReferenced() == true, let tensor = values[name] else { return nil }
        self[name] = nil
        return tensor
    }

    /// Removes `name`; false when it was not bound.
    mutating func remove(_ name: String) -> Bool {
        guard values[name] != nil else { return false }
        self[name] = nil
        return true
    }
}
