/// Nested lists of numbers as tensors: `[[-1,0,1],[-2,0,2],[-1,0,1]]` is a `[3,3]` tensor, NumPy order.
public enum ListLiteral {
    /// The tensor a list value denotes. Every sub-list at one depth must have the same length, and every leaf must
    /// be a number; the shape is the lengths from the outside in. Linear in the number of elements.
    public static func tensor(_ value: Value) throws -> Tensor {
        guard case .list = value else { throw OpError("expected a list, got a \(value.kindName)") }
        let shape = try shapeOf(value)
        var values: [Float] = []
        values.reserveCapacity(try Tensor.checkedCount(shape))
        try flatten(value, depth: 0, shape: shape, into: &values)
        return try Tensor(shape: shape, values: values)
    }

    /// True when `value` is a non-empty list whose leaves (along the first items) are numbers: a tensor literal.
    public static func isNumeric(_ value: Value) -> Bool {
        var node = value
        while case .list(let items) = node {
            guard let first = items.first else { return false }
            node = first
        }
        if case .number = node { return true }
        return false
    }

    /// The shape read along the first element at each depth.
    private static func shapeOf(_ value: Value) throws -> [Int] {
        var shape: [Int] = []
        var node = value
        while case .list(let items) = node {
            guard let first = items.first else { throw OpError("empty list in \(Argument.spelling(of: value))") }
            shape.append(items.count)
            node = first
        }
        return shape
    }

    private static func flatten(_ node: Value, depth: Int, shape: [Int], into values: inout [Float]) throws {
        switch node {
        case .list(let items):
            guard depth < shape.count, items.count == shape[depth] else {
                throw OpError("ragged list: expected \(depth < shape.count ? "\(shape[depth]) items" : "a number") "
                    + "at depth \(depth + 1), got \(Argument.spelling(of: node))")
            }
            for item in items { try flatten(item, depth: depth + 1, shape: shape, into: &values) }
        case .number(let n):
            guard depth == shape.count else {
                throw OpError("ragged list: expected a list of \(shape[depth]) at depth \(depth + 1), got "
                    + Value.format(n))
            }
            values.append(Float(n))
        default:
            throw OpError("list items must be numbers, got \(Argument.spelling(of: node))")
        }
    }
}

extension Syntax {
    /// The value this argument denotes on its own: a number, a string (word or quoted), a list of such values.
    public var value: Value {
        switch self {
        case .word(let w): return .string(w)
        case .quoted(let s): return .string(s)
        case .number(let n): return .number(n)
        case .list(let items): return .list(items.map(\.value))
        }
    }

    /// The argument this syntax denotes where `lookup` resolves variable names: a word naming a variable is its
    /// value, another word is a bare word; a list of numbers is a tensor.
    public func argument(lookup: (String) -> Value?) -> Argument {
        switch self {
        case .word(let w):
            if let value = lookup(w) { return Argument(value, text: w) }
            return .word(w)
        case .list:
            let value = self.value
            if ListLiteral.isNumeric(value), let tensor = try? ListLiteral.tensor(value) {
                return Argument(.tensor(tensor), text: text)
            }
            return Argument(value, text: text)
        default:
            return Argument(value, text: text)
        }
    }
}
