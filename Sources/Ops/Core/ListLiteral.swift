/// Nested list literals as tensors: `[[-1,0,1],[-2,0,2],[-1,0,1]]` is a `[3,3]` tensor, NumPy order.
public enum ListLiteral {
    /// The tensor a list literal denotes. Every sub-list at one depth must have the same length, and every leaf
    /// must be a number; the shape is the lengths from the outside in.
    public static func tensor(_ syntax: Syntax) throws -> Tensor {
        guard case .list = syntax else { throw OpError("expected a list literal, got \(syntax.text)") }
        let shape = try shapeOf(syntax)
        var values: [Float] = []
        values.reserveCapacity(try Tensor.checkedCount(shape))
        try flatten(syntax, depth: 0, shape: shape, into: &values)
        return try Tensor(shape: shape, values: values)
    }

    /// The shape read along the first element at each depth.
    private static func shapeOf(_ syntax: Syntax) throws -> [Int] {
        var shape: [Int] = []
        var node = syntax
        while case .list(let items) = node {
            guard let first = items.first else { throw OpError("empty list in \(syntax.text)") }
            shape.append(items.count)
            node = first
        }
        return shape
    }

    private static func flatten(_ node: Syntax, depth: Int, shape: [Int], into values: inout [Float]) throws {
        switch node {
        case .list(let items):
            guard depth < shape.count, items.count == shape[depth] else {
                throw OpError("ragged list: expected \(depth < shape.count ? "\(shape[depth]) items" : "a number") "
                    + "at depth \(depth + 1), got \(node.text)")
            }
            for item in items { try flatten(item, depth: depth + 1, shape: shape, into: &values) }
        case .number(let n):
            guard depth == shape.count else {
                throw OpError("ragged list: expected a list of \(shape[depth]) at depth \(depth + 1), got \(node.text)")
            }
            values.append(Float(n))
        case .word, .quoted:
            throw OpError("list items must be numbers, got '\(node.plainText)'")
        }
    }
}
