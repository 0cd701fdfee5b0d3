import Ops

/// Giving expressions their values (LANGUAGE.md §3); every op, built in, plugin or `def`, through `registry.call`.
extension Session {
    /// The value of `expression`; an op that produces nothing (`save`) is an error here.
    func value(of expression: Expr) throws -> Value {
        switch expression {
        case .number(let n): return .number(n)
        case .string(let s): return .string(try interpolate(s))
        case .name(let name):
            guard let value = variables[name] else { throw unknownName(name) }
            return value
        case .word:
            let argument = try self.argument(ArgumentNode(value: expression, text: ""))
            if argument.isBareWord { throw unknownName(argument.value.string ?? "") }
            return argument.value
        case .member(let base, let name):
            let text: String
            if case .name(let n) = base { text = n } else { text = "the value" }
            return try member(of: try value(of: base), name, text: text)
        case .tensor(let t): return .tensor(t)
        case .list(let items):
            return try Session.array(try items.map(value(of:)))
        case .unary, .binary:
            return try fusedValue(of: expression)
        case .call(let name, let arguments, _):
            if registry.op(named: name) is any ElementwiseOp { return try fusedValue(of: expression) }
            return try produced(try call(name, arguments), by: name)
        case .index(let base, let items):
            return try index(try value(of: base), items)
        case .command(let command):
            return try produced(try run(command), by: command.name)
        }
    }

    /// A list literal's value, as `np.array` reads it: numbers, or tensors of one shape, become one tensor
    /// (`[x, x + 1]` of numbers is `[2]`, `[a, b]` of two `[H,W]` tensors is `[2,H,W]`); anything else is a list.
    static func array(_ items: [Value]) throws -> Value {
        guard let first = items.first else { return .list([]) }
        if items.allSatisfy({ if case .number = $0 { return true } else { return false } }) {
            return .tensor(try Tensor(shape: [items.count], values: items.map { Float($0.number!) }))
        }
        guard case .tensor(let t0) = first,
              items.allSatisfy({ if case .tensor(let t) = $0 { return t.shape == t0.shape } else { return false } })
        else { return .list(items) }
        var values: [Float] = []
        values.reserveCapacity(items.count * t0.count)
        for case .tensor(let t) in items { values += t.scalars }
        return .tensor(try Tensor(shape: [items.count] + t0.shape, values: values))
    }

    private func produced(_ value: Value?, by name: String) throws -> Value {
        guard let value else { throw OpError("\(name) produces no value to use in an expression") }
        return value
    }

    /// Text with its `$NAME` parts read now: a string or number variable.
    func interpolate(_ literal: StringLiteral) throws -> String {
        if let constant = literal.constant { return constant }
        var text = ""
        for part in literal.parts {
            switch part {
            case .text(let t): text += t
            case .variable(let name):
                guard let value = variables[name] else { throw unknownName(name) }
                guard let s = value.string else {
                    throw OpError("$\(name) is a \(value.kindName); only a string or a number can be put in text")
                }
                text += s
            }
        }
        return text
    }

    // MARK: - Arguments

    /// One argument of a command or call. A bare word or name that names a variable is its value (`m.layer` a
    /// model's member); any other is a bare word (`same`, `out.png`) for the op to read as a word or a path.
    func argument(_ node: ArgumentNode) throws -> Argument {
        switch node.value {
        case .word(let literal):
            let word = try interpolate(literal)
            guard literal.constant != nil else { return .word(word) }
            return try resolve(word, text: node.text.isEmpty ? word : node.text)
        case .name(let name):
            return try resolve(name, text: node.text.isEmpty ? name : node.text)
        default:
            return Argument(try value(of: node.value), text: node.text)
        }
    }

    /// A word as an argument: a variable, a model's member (`m.block1_conv1.kernel`), or a bare word.
    private func resolve(_ word: String, text: String) throws -> Argument {
        if let value = variables[word] {
            return variables.isBareWord(word) ? .word(value.string ?? word) : Argument(value, text: text)
        }
        let parts = word.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if parts.count > 1, case .model(let model)? = variables[parts[0]], parts.allSatisfy(Lexer.isName) {
            var value = Value.model(model)
            for member in parts.dropFirst() { value = try self.member(of: value, member, text: text) }
            return Argument(value, text: text)
        }
        return .word(word)
    }

    func member(of value: Value, _ name: String, text: String) throws -> Value {
        guard case .model(let model) = value else {
            throw OpError("'\(text)' is a \(value.kindName); only a model or a layer has members such as .\(name)")
        }
        return try model.member(name)
    }

    // MARK: - Calls and commands

    /// `NAME(arguments)` or `NAME arguments`: an op through the registry (the one way in).
    func call(_ name: String, _ nodes: [ArgumentNode], reusing handedOver: String? = nil) throws -> Value? {
        guard let op = registry.op(named: name) else {
            if let value = variables[name] {
                throw OpError("'\(name)' is a \(value.kindName), not a command")
            }
            throw unknownCommand(name)
        }
        var positional: [Argument] = []
        var options: [(key: String, value: Argument)] = []
        for node in nodes {
            var argument = try self.argument(node)
            if let key = node.key {
                options.append((key, argument))
            } else {
                if positional.isEmpty, handedOver != nil { argument.mayReuseStorage = true }
                positional.append(argument)
            }
        }
        return try registry.call(op, positional, options: options, context: context)
    }

    /// A command-form statement: a shell word runs in the session; anything else is a call.
    func run(_ command: Command) throws -> Value? {
        if let word = ShellWords.word(named: command.name) {
            try word.run(self, command.arguments)
            return nil
        }
        return try call(command.name, command.arguments)
    }

    // MARK: - Indexing

    /// `base[items]`: NumPy basic indexing of a tensor (copy semantics), or one item of a list.
    private func index(_ base: Value, _ items: [IndexItem]) throws -> Value {
        func integer(_ e: Expr) throws -> Int {
            guard let n = try value(of: e).number, n == n.rounded(), abs(n) < 1e15 else {
                throw OpError("an index must be an integer")
            }
            return Int(n)
        }
        if case .list(let list) = base {
            guard items.count == 1, case .at(let e) = items[0] else { throw OpError("a list takes one integer index") }
            let n = try integer(e)
            let i = n < 0 ? n + list.count : n
            guard list.indices.contains(i) else { throw OpError("index \(n) is out of range for a list of \(list.count)") }
            return list[i]
        }
        guard let tensor = base.tensor, case .tensor = base else {
            throw OpError("only a tensor or a list can be indexed, got a \(base.kindName)")
        }
        let components = try items.map { item -> IndexComponent in
            switch item {
            case .ellipsis: return .ellipsis
            case .at(let e): return .index(try integer(e))
            case .slice(let a, let b, let c):
                return .slice(start: try a.map(integer), stop: try b.map(integer), step: try c.map(integer))
            }
        }
        return .tensor(try Ops.index(tensor, components))
    }
}
