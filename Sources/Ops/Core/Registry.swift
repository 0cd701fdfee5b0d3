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
    ]

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

    /// Checks the argument count and option keys against `op`'s description, then applies it.
    public func apply(_ op: any Op, _ arguments: Arguments, _ context: Context) throws -> Tensor? {
        let (required, maximum) = op.positionalRange
        if arguments.count < required {
            let missing = op.parameters.filter { !$0.isOptional }[arguments.count].placeholder
            throw OpError("\(op.name): missing argument \(arguments.count + 1) (\(missing)); usage: \(op.usage)")
        }
        if let maximum, arguments.count > maximum {
            let extra = arguments.list.positional[maximum].plainText
            throw OpError("\(op.name): argument \(maximum + 1): unexpected '\(extra)'; usage: \(op.usage)")
        }
        let keys = op.options.map(\.key)
        for (key, _) in arguments.list.options where !keys.contains(key) {
            var message = "\(op.name): unknown option '\(key)'"
            if let guess = Suggest.closest(to: key, among: keys) { message += "; did you mean \(guess)?" }
            throw OpError(message + "; usage: \(op.usage)")
        }
        return try context.withProgress(op.name) { try op.apply(arguments, context) }
    }
}
