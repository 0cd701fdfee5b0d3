import Foundation
import Ops

/// What a statement tells the loop around it.
enum Flow {
    case next, breakLoop, continueLoop
}

/// Running nodes: statements, `if`, loops (Loops.swift) and definitions.
extension Session {
    /// Runs `nodes` in order; stops early on `break`/`continue` (returned to the loop) or `quit`.
    func execute(_ nodes: [Node]) throws -> Flow {
        for node in nodes {
            let flow = try execute(node, topLevel: false)
            if flow != .next || quitRequested { return flow }
        }
        return .next
    }

    /// Runs one node. Inside a block an error is located at the body's own line (`ScriptError`).
    func execute(_ node: Node, topLevel: Bool) throws -> Flow {
        switch node {
        case .statement(let parsed, let location):
            guard !topLevel else { return try execute(parsed) }
            definitions.location = location
            do {
                return try execute(parsed)
            } catch let error as ScriptError {
                throw error
            } catch let error as Interrupted {
                throw error
            } catch {
                throw ScriptError(location: location, message: Session.message(error))
            }
        case .loop(let variable, let over, let parallel, let body, let location):
            try runLoop(variable: variable, over: over, parallel: parallel, body: body, at: location)
            return .next
        case .conditional(let condition, let then, let otherwise, let location):
            definitions.location = location
            let holds: Bool
            do {
                holds = try truth(of: try value(of: condition))
            } catch let error as OpError {
                throw topLevel ? error : ScriptError(location: location, message: Session.message(error))
            }
            return try execute(holds ? then : otherwise)
        case .definition(let definition):
            try define(definition)
            return .next
        }
    }

    /// `if` and `while`-like tests: a number is true unless 0; a one-element tensor likewise.
    func truth(of value: Value) throws -> Bool {
        guard let n = value.number else {
            throw OpError("a condition must be a number or a one-element tensor, got a \(value.kindName)"
                + "; reduce it first (e.g. max(x) > 0)")
        }
        return n != 0 && !n.isNaN
    }

    // MARK: - One statement

    /// Runs a statement, timing it when asked (`time ...`, `set timing on`).
    func execute(_ parsed: ParsedStatement) throws -> Flow {
        // `set timing on|off` itself is not timed: only statements run while timing was already on.
        let timed = parsed.isTimed || (settings.timing && definitions.depth == 0)
        let start = DispatchTime.now()
        let (flow, result) = try evaluate(parsed.statement)
        if timed && (parsed.isTimed || settings.timing) {
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            var line = String(format: "%.1f ms", seconds * 1000)
            if case .tensor(let t)? = result, let work = t.origin?.detail as? FlopCounting, seconds > 0 {
                line += String(format: ", %.1f GFLOP/s", work.flops / seconds / 1e9)
                if let method = work.method { line += ", " + method }
            }
            print(line)
        }
        return flow
    }

    private func evaluate(_ statement: Statement) throws -> (Flow, Value?) {
        switch statement {
        case .assign(let name, let expression, _):
            try checkBindable(name)
            let value = try assignedValue(name, expression)
            variables[name] = value
            return (.next, value)
        case .evaluate(let expression):
            return (.next, try show(expression))
        case .breakLoop, .continueLoop:
            guard loopDepth > 0 else {
                throw OpError("\(statement.isBreak ? "break" : "continue") outside a loop")
            }
            return (statement.isBreak ? .breakLoop : .continueLoop, nil)
        case .loop, .conditional, .otherwise, .end, .define:
            fatalError("blocks are assembled by BlockReader")
        }
    }

    /// The value bound by `name = expression`. `x = relu x` hands `x` over when nothing else holds its storage, so
    /// the op may write in place; if the op fails, `x` is given back.
    private func assignedValue(_ name: String, _ expression: Expr) throws -> Value {
        guard case .command(let command) = expression else { return try value(of: expression) }
        if ShellWords.word(named: command.name) != nil {
            throw OpError("\(command.name) produces no tensor to assign")
        }
        if let op = registry.op(named: command.name), !op.producesValue {
            throw OpError("\(op.name) produces no tensor; write '\(op.name) ...' without '\(name) ='")
        }
        let handedOver = handOver(name, command)
        do {
            var nodes = command.arguments
            if let tensor = handedOver { nodes[0] = ArgumentNode(value: .tensor(tensor), text: name) }
            guard let value = try call(command.name, nodes, reusing: handedOver == nil ? nil : name) else {
                throw OpError("\(command.name) produced no value")
            }
            return value
        } catch {
            if let tensor = handedOver { variables[name] = .tensor(tensor) }
            throw error
        }
    }

    /// `x`'s tensor taken out of scope for `x = OP x ...` when `OP` reuses its first argument, `x` is written once
    /// and nothing else holds its storage.
    private func handOver(_ name: String, _ command: Command) -> Tensor? {
        guard registry.op(named: command.name)?.reusesFirstArgument == true,
              let first = command.arguments.first, first.key == nil, first.value.isWord(name),
              command.arguments.filter({ $0.value.isWord(name) }).count == 1 else { return nil }
        return variables.takeIfSoleHolder(name)
    }

    /// A bare statement: its value is described (§7) and kept as `_`; a bare name describes itself.
    private func show(_ expression: Expr) throws -> Value? {
        if case .name(let name) = expression, variables[name] == nil { throw unknownCommand(name, bareName: true) }
        let value: Value?
        switch expression {
        case .command(let command): value = try run(command)
        case .call(let name, let arguments, _) where !(registry.op(named: name) is any ElementwiseOp):
            value = try call(name, arguments)  // `print(x)` makes no value, and needs none here
        default: value = try self.value(of: expression)
        }
        guard let value, definitions.depth == 0 else { return value }
        if case .name(let name) = expression {
            printResult(Printing.describe(value, name: name))
        } else {
            variables[Session.lastResult] = value
            printResult(Printing.describe(value, name: Session.lastResult))
        }
        return value
    }
}

private extension Statement {
    var isBreak: Bool {
        if case .breakLoop = self { return true }
        return false
    }
}

extension Expr {
    /// True for the bare word or name `name`.
    func isWord(_ name: String) -> Bool {
        switch self {
        case .word(let literal): return literal.constant == name
        case .name(let n): return n == name
        default: return false
        }
    }
}
