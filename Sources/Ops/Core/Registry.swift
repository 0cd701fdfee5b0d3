/// The one table of ops: built-ins listed once here, plugins added at run time through `register`.
///
/// The front-end only ever looks ops up by the word the user typed; help, completion and "did you mean"
/// come from this table.
public final class Registry: @unchecked Sendable {
    /// Every built-in op, one line each. Adding an op = one new file in `Operators/` + one line here.
    public static let builtins: [any Op] = [
        Load(),
        Save(),
        KernelOp(),
        Stack(),
        Conv2D(),
        Relu(),
        MaxPool(),
        Stats(),
        Show(),
        Explain(),
        // Scripts: files, paths and lists.
        GlobOp(),
        ExistsOp(),
        PathPartOp(part: .basename),
        PathPartOp(part: .stem),
        PathPartOp(part: .dirname),
        RangeOp(),
        LenOp(),
        PrintOp(),
        StrOp(),
        // The course: pooling, layers, geometry, colour, augmentation.
        AvgPool(),
        GlobalPool(),
        Softmax(),
        Bias(),
        Flatten(),
        Dense(),
        BatchNorm(),
        Pad(),
        Resize(),
        Flip(),
        Rot90(),
        TransformOp(.rotate),
        TransformOp(.translate),
        TransformOp(.zoom),
        Gray(),
        RGB(),
        Contrast(),
        Brightness(),
        Normalize(),
        Augment(),
    ] + ElementwiseFunctions.all + ReductionOps.all + ShapeOps.all

    private var table: [String: any Op] = [:]
    /// Ops in the order they were registered, for `help`.
    public private(set) var ops: [any Op] = []

    /// A registry holding the built-ins.
    public init(ops: [any Op] = Registry.builtins) {
        for op in ops { try! register(op) }
    }

    /// Adds `op`; a name already taken is refused, never overridden.
    public func register(_ op: any Op) throws {
        guard table[op.name] == nil else { throw OpError("an op named '\(op.name)' already exists") }
        guard Registry.isValidName(op.name) else { throw OpError("'\(op.name)' is not a valid op name") }
        table[op.name] = op
        ops.append(op)
    }

    /// True for names made of letters, digits and `_`, not starting with a digit.
    public static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ("a"..."z").contains($0) || ("A"..."Z").contains($0)
            || ("0"..."9").contains($0) }
    }

    public func op(named name: String) -> (any Op)? { table[name] }

    public var names: [String] { ops.map(\.name) }

    /// Runs op `name` on `positional` arguments and `options`: the one way in, for the command form, expression
    /// calls, `def` bodies and the model executor. Binds the arguments to the op's parameters (`bind`), runs the op
    /// inside its progress line, throws `Interrupted` when Ctrl-C arrived meanwhile, and puts `OP: ` in front of
    /// any error, once.
    public func call(_ name: String, _ positional: [Argument], options: [(key: String, value: Argument)] = [],
                     context: Context) throws -> Value? {
        guard let op = table[name] else {
            var message = "unknown op '\(name)'"
            if let guess = Suggest.closest(to: name, among: names) { message += "; did you mean \(guess)?" }
            throw OpError(message)
        }
        return try call(op, positional, options: options, context: context)
    }

    /// Runs `op` as `call(_:_:options:context:)` does.
    public func call(_ op: any Op, _ positional: [Argument], options: [(key: String, value: Argument)] = [],
                     context: Context) throws -> Value? {
        do {
            let arguments = try Registry.bind(op, positional, options, variableNames: context.variableNames)
            let result = try context.withProgress(op.name) { try op.apply(arguments, context) }
            try Cancellation.check()
            return result
        } catch let error as OpError {
            throw error.raised(by: op)
        }
    }
}
