/// An op's arguments with typed, checked accessors, in the manner of Lua's `luaL_check*`.
///
/// Positions count from 1 among positional arguments, as error messages do. Every accessor throws the one
/// error form: `conv2d: argument 3: expected same|valid, got 'sme'`.
public struct Arguments {
    public let op: String
    public let list: ArgumentList
    /// Looks up a tensor by name in the session.
    private let lookup: (String) -> Tensor?
    /// Names the session holds, for "did you mean" suggestions.
    private let names: () -> [String]

    public init(op: String, list: ArgumentList, lookup: @escaping (String) -> Tensor?,
                names: @escaping () -> [String]) {
        self.op = op
        self.list = list
        self.lookup = lookup
        self.names = names
    }

    public var count: Int { list.positional.count }

    /// Longest list of choices an error message spells out.
    static let choicesSpelledOut = 8

    /// The positional argument at `position`, or nil when absent.
    public func syntax(_ position: Int) -> Syntax? {
        position >= 1 && position <= count ? list.positional[position - 1] : nil
    }

    private func required(_ position: Int, _ what: String) throws -> Syntax {
        guard let s = syntax(position) else { throw OpError.argument(op, position, "missing \(what)") }
        return s
    }

    // MARK: - Tensors

    /// The tensor named (or written as a list literal) at `position`.
    public func tensor(_ position: Int) throws -> Tensor {
        try tensor(from: try required(position, "tensor")) { OpError.argument(op, position, $0) }
    }

    /// Every positional argument from `position` on, as tensors labelled by what the user typed.
    public func tensors(from position: Int) throws -> [(label: String, tensor: Tensor)] {
        guard position <= count else { throw OpError.argument(op, position, "missing tensor") }
        return try (position...count).map { (list.positional[$0 - 1].text, try tensor($0)) }
    }

    private func tensor(from syntax: Syntax, error: (String) -> OpError) throws -> Tensor {
        switch syntax {
        case .word(let name):
            if let tensor = lookup(name) { return tensor }
            var message = "unknown tensor '\(name)'"
            if let guess = Suggest.closest(to: name, among: names()) { message += "; did you mean \(guess)?" }
            throw error(message)
        case .list:
            do { return try ListLiteral.tensor(syntax) } catch let e as OpError { throw error(e.message) }
        case .number, .quoted:
            throw error("expected a tensor name or a list, got \(syntax.text)")
        }
    }

    // MARK: - Words, paths, numbers

    /// The word at `position`, which must be one of `choices`; nil when the position is absent.
    public func choice(_ position: Int, of choices: [String]) throws -> String? {
        guard let s = syntax(position) else { return nil }
        guard case .word(let w) = s, choices.contains(w) else {
            throw OpError.argument(op, position, "expected \(choices.joined(separator: "|")), got '\(s.plainText)'")
        }
        return w
    }

    /// Every positional argument from `position` on, each one of `choices` (order free, no repeats).
    public func choices(from position: Int, of choices: [String]) throws -> Set<String> {
        var seen = Set<String>()
        for p in stride(from: position, through: count, by: 1) {
            guard let word = try choice(p, of: choices), seen.insert(word).inserted else {
                throw OpError.argument(op, p, "'\(syntax(p)!.plainText)' given twice")
            }
        }
        return seen
    }

    /// A file path (bare or quoted) at `position`.
    public func path(_ position: Int) throws -> String {
        switch try required(position, "path") {
        case .word(let w): return w
        case .quoted(let s): return s
        case .number(let n): return Syntax.format(n)
        case .list: throw OpError.argument(op, position, "expected a path, got a list")
        }
    }

    /// A number at `position`.
    public func number(_ position: Int) throws -> Double {
        let s = try required(position, "number")
        guard let n = s.number else { throw OpError.argument(op, position, "expected a number, got '\(s.plainText)'") }
        return n
    }

    /// An integer in `range` at `position`.
    public func integer(_ position: Int, in range: ClosedRange<Int>) throws -> Int {
        let s = try required(position, "integer")
        return try Arguments.integer(s, in: range) { OpError.argument(op, position, $0) }
    }

    // MARK: - Options

    /// The value of option `key`, or nil when not given.
    public func option(_ key: String) -> Syntax? { list.options.last { $0.key == key }?.value }

    public func integerOption(_ key: String, default value: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let s = option(key) else { return value }
        return try Arguments.integer(s, in: range) { OpError.option(op, key, $0) }
    }

    public func numberOption(_ key: String, default value: Double) throws -> Double {
        guard let s = option(key) else { return value }
        guard let n = s.number else { throw OpError.option(op, key, "expected a number, got '\(s.plainText)'") }
        return n
    }

    public func choiceOption(_ key: String, of choices: [String], default value: String) throws -> String {
        guard let s = option(key) else { return value }
        guard case .word(let w) = s, choices.contains(w) else {
            // A long list (colour maps) is named by help rather than spelled out in a one-line error.
            var message = choices.count <= Arguments.choicesSpelledOut
                ? "expected \(choices.joined(separator: "|")), got '\(s.plainText)'"
                : "unknown value '\(s.plainText)' (help \(op) lists the \(choices.count) choices)"
            if let guess = Suggest.closest(to: s.plainText, among: choices) { message += "; did you mean \(guess)?" }
            throw OpError.option(op, key, message)
        }
        return w
    }

    /// A `key=N` or `key=[along H, along W]` option of positive integers (strides, dilations, window sizes).
    public func pairOption(_ key: String, default value: (Int, Int)) throws -> (Int, Int) {
        guard let s = option(key) else { return value }
        let numbers: [Double?]
        switch s {
        case .number(let n): numbers = [n, n]
        case .list(let items) where items.count == 2: numbers = items.map(\.number)
        default: numbers = [nil]
        }
        let integers = numbers.compactMap { n -> Int? in
            guard let n, n >= 1, n <= 1_000_000, n == n.rounded() else { return nil }
            return Int(n)
        }
        guard integers.count == 2 else {
            throw OpError.option(op, key, "expected a positive integer or [H,W], got '\(s.plainText)'")
        }
        return (integers[0], integers[1])
    }

    /// A textual option (a colour map name, a word); nil when not given.
    public func textOption(_ key: String) -> String? { option(key)?.plainText }

    private static func integer(_ s: Syntax, in range: ClosedRange<Int>, error: (String) -> OpError) throws -> Int {
        guard let n = s.number, n == n.rounded(), abs(n) < 1e15 else {
            throw error("expected an integer, got '\(s.plainText)'")
        }
        guard range.contains(Int(n)) else {
            let bound = range.upperBound == Int.max ? "at least \(range.lowerBound)"
                : "between \(range.lowerBound) and \(range.upperBound)"
            throw error("expected an integer \(bound), got \(Int(n))")
        }
        return Int(n)
    }
}

extension Syntax {
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
