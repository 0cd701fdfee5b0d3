import Ops

/// What the operators of expressions mean: one op code of the fused element-wise engine each, so `a + b`, a
/// comparison or `not` broadcasts as NumPy does and fuses with the element-wise functions around it.
///
/// `+ add`, `- subtract`, `* multiply`, `/ divide` (IEEE: `1/0` is inf), `% remainder` (the divisor's sign, as
/// Python and NumPy), `** power`, `< <= > >= == !=` (0/1), `and`, `or` (0/1; between numbers the right side is
/// read only when it must be), unary `-` and `not`. Two strings: `+` joins, `==`/`!=` compare.
enum Operators {
    static func code(_ op: BinaryOperator) -> ElementwiseCode {
        switch op {
        case .add: return .add
        case .subtract: return .subtract
        case .multiply: return .multiply
        case .divide: return .divide
        case .remainder: return .remainder
        case .power: return .power
        case .less: return .less
        case .lessEqual: return .lessEqual
        case .greater: return .greater
        case .greaterEqual: return .greaterEqual
        case .equal: return .equal
        case .notEqual: return .notEqual
        case .and: return .logicalAnd
        case .or: return .logicalOr
        }
    }
}

/// Building one element-wise tree per expression and evaluating it in one pass (`ElementwiseExpression`): the
/// operators, and calls of ops that are `ElementwiseOp`s (`sqrt`, `where`, `relu`, ...), never known by name.
extension Session {
    /// A part of an expression: a node of the tree, or a value that is not a number or tensor (a string, a list).
    enum Operand {
        case tree(ElementwiseExpression)
        case other(Value)
    }

    /// The value of an operator expression or an element-wise call, fused.
    func fusedValue(of expression: Expr) throws -> Value {
        switch try operand(expression) {
        case .other(let value): return value
        case .tree(.number(let n)): return .number(n)
        case .tree(let tree):
            let result = try tree.evaluate(threads: context.threads)
            try Cancellation.check()
            switch result {
            case .number(let n): return .number(n)
            case .tensor(let t): return .tensor(t)
            }
        }
    }

    private func operand(_ expression: Expr) throws -> Operand {
        switch expression {
        case .binary(let op, let left, let right):
            return try binary(op, left, right)
        case .unary(let op, let x):
            let inner = try tree(of: x, for: op.rawValue)
            switch op {
            case .plus: return .tree(inner)
            case .negate: return .tree(.apply(.negate, [inner]))
            case .not: return .tree(.apply(.logicalNot, [inner]))
            }
        case .call(let name, let arguments, _):
            if let op = registry.op(named: name) as? any ElementwiseOp, let tree = try call(op, arguments) {
                return .tree(tree)
            }
            return try leaf(expression)
        default:
            return try leaf(expression)
        }
    }

    private func leaf(_ expression: Expr) throws -> Operand {
        switch try value(of: expression) {
        case .number(let n): return .tree(.number(n))
        case .tensor(let t): return .tree(.tensor(t))
        case let other: return .other(other)
        }
    }

    private func tree(of expression: Expr, for symbol: String) throws -> ElementwiseExpression {
        switch try operand(expression) {
        case .tree(let tree): return tree
        case .other(let value):
            throw OpError("\(symbol): expected a tensor or a number, got a \(value.kindName)")
        }
    }

    private func binary(_ op: BinaryOperator, _ left: Expr, _ right: Expr) throws -> Operand {
        let a = try operand(left)
        if op == .and || op == .or, case .tree(.number(let x)) = a, (op == .and) == (x == 0) {
            return .tree(.number(op == .and ? 0 : 1))  // Python's short circuit, as 0/1
        }
        let b = try operand(right)
        switch (a, b) {
        case (.tree(let x), .tree(let y)):
            let node = ElementwiseExpression.apply(Operators.code(op), [x, y])
            do {
                _ = try node.shape()  // a mismatch names this operator: `+: shapes [3,1] and [4] do not broadcast`
            } catch let error as OpError {
                throw OpError("\(op.rawValue): \(error.message)")
            }
            return .tree(node)
        case (.other(.string(let x)), .other(.string(let y))) where op == .add:
            return .other(.string(x + y))
        case (.other(.string(let x)), .other(.string(let y))) where op == .equal || op == .notEqual:
            return .tree(.number((x == y) == (op == .equal) ? 1 : 0))
        case (.other(let v), _), (_, .other(let v)):
            throw OpError("\(op.rawValue): expected a tensor or a number, got a \(v.kindName)")
        }
    }

    /// `f(...)` of an element-wise op as a node; nil when the call does not fit (a wrong count, a string
    /// argument), so that the registry's own binding reports it.
    private func call(_ op: any ElementwiseOp, _ nodes: [ArgumentNode]) throws -> ElementwiseExpression? {
        let positional = nodes.filter { $0.key == nil }
        guard positional.count == op.parameters.count else { return nil }
        var operands: [ElementwiseExpression] = []
        for node in positional {
            guard case .tree(let tree) = try operand(node.value) else { return nil }
            operands.append(tree)
        }
        let options = try nodes.compactMap { node in try node.key.map { (key: $0, value: try argument(node)) } }
        let keys = op.options.map(\.key)
        guard options.allSatisfy({ keys.contains($0.key) }) else { return nil }
        do {
            return try op.expression(operands, options: options)
        } catch let error as OpError {
            throw error.raised(by: op)
        }
    }
}
