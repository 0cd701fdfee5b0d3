/// An op whose result is one element-wise expression of its arguments (`sqrt`, `where`, `relu`, ...).
///
/// The front end fuses nested calls through this: for `sqrt(gx**2 + gy**2)` it asks `sqrt` for its expression
/// over the operand expression and evaluates the whole tree in one pass (`ElementwiseExpression.evaluate`),
/// never knowing the op by name. `apply` (command form, plugins, `def` bodies) evaluates the same expression.
public protocol ElementwiseOp: Op {
    /// The expression a call computes from its positional operands (in `parameters` order) and its options.
    func expression(_ operands: [ElementwiseExpression], options: [(key: String, value: Argument)]) throws
        -> ElementwiseExpression
}

extension ElementwiseOp {
    /// Evaluates `expression` over the bound arguments: numbers stay numbers, tensors broadcast.
    func evaluate(_ arguments: Arguments, _ context: Context) throws -> Value? {
        let operands = try (1...max(arguments.count, 1)).map { p -> ElementwiseExpression in
            if case .number(let n)? = arguments.value(p) { return .number(n) }
            return .tensor(try arguments.tensor(p))
        }
        let options = options.compactMap { spec in arguments.option(spec.key).map { (key: spec.key, value: $0) } }
        switch try expression(operands, options: options).evaluate(threads: context.threads) {
        case .number(let n): return .number(n)
        case .tensor(let t): return .tensor(t)
        }
    }
}

/// One element-wise function of the family table (`ElementwiseFunctions.all`).
struct ElementwiseFunction: ElementwiseOp {
    let name: String
    let summary: String
    let parameters: [Parameter]
    let options: [OptionSpec]
    let details: String
    /// The node for the operands and the options' numbers (by key).
    let build: @Sendable ([ElementwiseExpression], [String: Double]) throws -> ElementwiseExpression

    func expression(_ operands: [ElementwiseExpression], options: [(key: String, value: Argument)]) throws
        -> ElementwiseExpression {
        var numbers: [String: Double] = [:]
        for (key, value) in options {
            guard let n = value.value.number else {
                throw OpError.option(key, "expected a number, got \(Arguments.given(value))")
            }
            numbers[key] = n
        }
        guard operands.count == parameters.count else {
            throw OpError("expected \(parameters.count) argument\(parameters.count == 1 ? "" : "s"), got \(operands.count)")
        }
        return try build(operands, numbers)
    }

    func apply(_ arguments: Arguments, _ context: Context) throws -> Value? { try evaluate(arguments, context) }
}

/// `relu` (its own op, which may run in place) fuses like the family's functions.
extension Relu: ElementwiseOp {
    func expression(_ operands: [ElementwiseExpression], options: [(key: String, value: Argument)]) throws
        -> ElementwiseExpression {
        .apply(.relu, operands)
    }
}
