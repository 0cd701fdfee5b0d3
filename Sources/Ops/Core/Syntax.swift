/// One argument as the parser read it, before an op decides what it means.
///
/// A bare word may be a tensor name, a choice (`same`) or a path; only the op knows which, so the parser keeps
/// the word and `Arguments` interprets it on request.
public indirect enum Syntax: Equatable, Sendable {
    /// An unquoted word: `img`, `same`, `car.jpg`, `../x.npy`.
    case word(String)
    /// A number literal: `2`, `-0.5`, `1e-3`.
    case number(Double)
    /// A quoted string: `"my photo.jpg"` (quotes removed, `\"` and `\\` unescaped).
    case quoted(String)
    /// A nested list literal in NumPy order: `[[-1,0,1],[-2,0,2]]`.
    case list([Syntax])

    /// The argument as the user typed it (for error messages).
    public var text: String {
        switch self {
        case .word(let w): return w
        case .number(let n): return Syntax.format(n)
        case .quoted(let s): return "\"\(s)\""
        case .list(let items): return "[" + items.map(\.text).joined(separator: ",") + "]"
        }
    }

    static func format(_ n: Double) -> String { Value.format(n) }

    /// The number this argument denotes, when it is one.
    public var number: Double? {
        if case .number(let n) = self { return n }
        return nil
    }

    /// The text without quotes, for messages and free-form values.
    public var plainText: String {
        if case .quoted(let s) = self { return s }
        return text
    }
}

/// A parsed argument list: positional arguments in order, and `key=value` options.
public struct ArgumentList: Equatable, Sendable {
    public var positional: [Syntax]
    public var options: [(key: String, value: Syntax)]

    public init(positional: [Syntax] = [], options: [(key: String, value: Syntax)] = []) {
        self.positional = positional
        self.options = options
    }

    public static func == (a: ArgumentList, b: ArgumentList) -> Bool {
        a.positional == b.positional && a.options.elementsEqual(b.options) { $0.key == $1.key && $0.value == $1.value }
    }
}
