import Foundation
import Ops

/// What the operators of expressions mean: between numbers, computed here (a number stays a number, IEEE
/// division: `1/0` is inf); with a tensor, the registry op of NumPy's name for it, so broadcasting and fusing live
/// with the math ops and a plugin could never be told apart (`a + b` is `add(a, b)`).
///
/// The op names, one table: `+ add`, `- subtract`, `* multiply`, `/ divide`, `% remainder`, `** power`,
/// `< less`, `<= less_equal`, `> greater`, `>= greater_equal`, `== equal`, `!= not_equal`, `and logical_and`,
/// `or logical_or`, unary `- negative`, `not logical_not`; `x[...]` is `index(x, item...)` where an item is an
/// integer, the string `"..."` or a slice written as the string `"start:stop:step"` (parts may be empty).
enum Operators {
    static let index = "index"

    static func opName(_ op: BinaryOperator) -> String {
        switch op {
        case .add: return "add"
        case .subtract: return "subtract"
        case .multiply: return "multiply"
        case .divide: return "divide"
        case .remainder: return "remainder"
        case .power: return "power"
        case .less: return "less"
        case .lessEqual: return "less_equal"
        case .greater: return "greater"
        case .greaterEqual: return "greater_equal"
        case .equal: return "equal"
        case .notEqual: return "not_equal"
        case .and: return "logical_and"
        case .or: return "logical_or"
        }
    }

    static func opName(_ op: UnaryOperator) -> String? {
        switch op {
        case .negate: return "negative"
        case .not: return "logical_not"
        case .plus: return nil
        }
    }

    /// `a OP b` for two numbers, as Python computes it in doubles (`%` takes the divisor's sign, as NumPy).
    static func numbers(_ op: BinaryOperator, _ a: Double, _ b: Double) -> Double {
        func truth(_ c: Bool) -> Double { c ? 1 : 0 }
        switch op {
        case .add: return a + b
        case .subtract: return a - b
        case .multiply: return a * b
        case .divide: return a / b
        case .remainder:
            guard b != 0 else { return .nan }
            let r = fmod(a, b)
            return r != 0 && (r < 0) != (b < 0) ? r + b : r
        case .power: return pow(a, b)
        case .less: return truth(a < b)
        case .lessEqual: return truth(a <= b)
        case .greater: return truth(a > b)
        case .greaterEqual: return truth(a >= b)
        case .equal: return truth(a == b)
        case .notEqual: return truth(a != b)
        case .and: return truth(a != 0 && b != 0)
        case .or: return truth(a != 0 || b != 0)
        }
    }
}

extension Session {
    /// `left OP right`. `and`/`or` between numbers look at the right side only when they must (Python's
    /// short circuit); `+` joins two strings (`"out/" + stem(p) + ".png"`).
    func apply(_ op: BinaryOperator, _ left: Expr, _ right: Expr) throws -> Value {
        let a = try value(of: left)
        if op == .and || op == .or, case .number(let x) = a {
            if op == .and, x == 0 { return .number(0) }
            if op == .or, x != 0 { return .number(1) }
        }
        let b = try value(of: right)
        switch (a, b) {
        case (.number(let x), .number(let y)):
            return .number(Operators.numbers(op, x, y))
        case (.string(let x), .string(let y)) where op == .add:
            return .string(x + y)
        case (.string(let x), .string(let y)) where op == .equal || op == .notEqual:
            return .number((x == y) == (op == .equal) ? 1 : 0)
        default:
            let name = Operators.opName(op)
            let arguments = [Argument(a), Argument(b)]
            guard let value = try registry.call(name, arguments, context: context) else {
                throw OpError("\(name) produced no value")
            }
            return value
        }
    }

    /// `OP operand`.
    func apply(_ op: UnaryOperator, _ operand: Value) throws -> Value {
        if case .number(let x) = operand {
            switch op {
            case .negate: return .number(-x)
            case .plus: return .number(x)
            case .not: return .number(x == 0 ? 1 : 0)
            }
        }
        guard let name = Operators.opName(op) else { return operand }
        guard let value = try registry.call(name, [Argument(operand)], context: context) else {
            throw OpError("\(name) produced no value")
        }
        return value
    }
}
