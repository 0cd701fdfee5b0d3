/// An op's arguments, bound to its parameters by `Registry.call`, with typed, checked accessors in the manner of
/// Lua's `luaL_check*`.
///
/// Positions are 1-based parameter positions, as error messages count them; a repeated last parameter takes
/// positions p, p+1, .... Choice parameters and choice options were checked against their words when bound.
/// Every accessor throws the one error form without the op's name, which the registry adds:
/// `conv2d: argument 2 (K): expected a tensor, got a string "k.png"`.
public struct Arguments {
    public let op: String
    /// The argument bound to each position (index p-1), nil where an optional parameter was left out.
    private let slots: [Argument?]
    /// `key=value` options, the last given for a key winning.
    private let options: [String: Argument]
    /// The names in scope, for "did you mean" when a bare word names no variable.
    private let variableNames: () -> [String]

    public init(op: String, slots: [Argument?], options: [String: Argument],
                variableNames: @escaping () -> [String] = { [] }) {
        self.op = op
        self.slots = slots
        self.options = options
        self.variableNames = variableNames
    }

    /// The highest bound position.
    public var count: Int { slots.lastIndex { $0 != nil }.map { $0 + 1 } ?? 0 }

    /// Longest list of choices an error message spells out.
    static let choicesSpelledOut = 8

    /// The argument at `position`, or nil when absent.
    public func argument(_ position: Int) -> Argument? {
        position >= 1 && position <= slots.count ? slots[position - 1] : nil
    }

    private func required(_ position: Int, _ what: String) throws -> Argument {
        guard let argument = argument(position) else { throw OpError.argument(position, "missing \(what)") }
        return argument
    }

    // MARK: - Tensors

    /// The tensor at `position`: a tensor, a number (as a 0-d tensor) or a list of numbers.
    public func tensor(_ position: Int) throws -> Tensor {
        try tensor(from: try required(position, "tensor")) { OpError.argument(position, $0) }
    }

    /// Every argument from `position` on, as tensors labelled by what the user typed.
    public func tensors(from position: Int) throws -> [(label: String, tensor: Tensor)] {
        guard position <= count else { throw OpError.argument(position, "missing tensor") }
        return try (position...count).map { (argument($0)?.text ?? "", try tensor($0)) }
    }

    private func tensor(from argument: Argument, error: (String) -> OpError) throws -> Tensor {
        if argument.isBareWord, case .string(let name) = argument.value {
            var message = "unknown name '\(name)'"
            if let guess = Suggest.closest(to: name, among: variableNames()) { message += "; did you mean \(guess)?" }
            throw error(message)
        }
        switch argument.value {
        case .tensor(let t): return t
        case .list:
            do { return try ListLiteral.tensor(argument.value) } catch let e as OpError { throw error(e.message) }
        default:
            guard let t = argument.value.tensor else { throw error("expected a tensor, got \(Arguments.given(argument))") }
            return t
        }
    }

    // MARK: - Numbers, words, paths, values

    /// The number at `position` (a number, or a one-element tensor).
    public func number(_ position: Int) throws -> Double {
        let argument = try required(position, "number")
        guard let n = argument.value.number else {
            throw OpError.argument(position, "expected a number, got \(Arguments.given(argument))")
        }
        return n
    }

    /// An integer in `range` at `position`.
    public func integer(_ position: Int, in range: ClosedRange<Int>) throws -> Int {
        let argument = try required(position, "integer")
        return try Arguments.integer(argument, in: range) { OpError.argument(position, $0) }
    }

    /// The string, word or path at `position` (a number is written out: `2`).
    public func string(_ position: Int) throws -> String {
        let argument = try required(position, "string")
        guard let s = argument.value.string else {
            throw OpError.argument(position, "expected a string, got \(Arguments.given(argument))")
        }
        return s
    }

    /// A file path at `position`.
    public func path(_ position: Int) throws -> String {
        let argument = try required(position, "path")
        guard let s = argument.value.string else {
            throw OpError.argument(position, "expected a path, got \(Arguments.given(argument))")
        }
        return s
    }

    /// The choice word at `position`, already checked by the registry; nil when left out.
    public func choice(_ position: Int) -> String? { argument(position)?.value.string }

    /// The value at `position`, whatever it is; nil when absent.
    public func value(_ position: Int) -> Value? { argument(position)?.value }

    /// The model at `position`.
    public func model(_ position: Int) throws -> any ModelValue {
        let argument = try required(position, "model")
        guard case .model(let model) = argument.value else {
            throw OpError.argument(position, "expected a model, got \(Arguments.given(argument))")
        }
        return model
    }

    /// Integers at `position`: a list of numbers, a tensor of rank 0 or 1, or one number (`reshape(x, [2,-1])`).
    public func integers(_ position: Int) throws -> [Int] {
        let argument = try required(position, "list of integers")
        return try Arguments.integers(argument) { OpError.argument(position, $0) }
    }

    // MARK: - Options

    /// The value of option `key`, or nil when not given.
    public func option(_ key: String) -> Argument? { options[key] }

    /// A choice option's word (already checked by the registry), or `value` when not given.
    public func choiceOption(_ key: String, default value: String) -> String { options[key]?.value.string ?? value }

    public func numberOption(_ key: String, default value: Double) throws -> Double {
        guard let argument = options[key] else { return value }
        guard let n = argument.value.number else {
            throw OpError.option(key, "expected a number, got \(Arguments.given(argument))")
        }
        return n
    }

    public func integerOption(_ key: String, default value: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let argument = options[key] else { return value }
        return try Arguments.integer(argument, in: range) { OpError.option(key, $0) }
    }

    /// `key=0|1` (also `key=true|false`).
    public func boolOption(_ key: String, default value: Bool) throws -> Bool {
        guard let argument = options[key] else { return value }
        switch argument.value.string {
        case "1", "true": return true
        case "0", "false": return false
        default: throw OpError.option(key, "expected 0 or 1, got \(Arguments.given(argument))")
        }
    }

    /// A textual option (a colour map name, a word, a path); nil when not given.
    public func stringOption(_ key: String) throws -> String? {
        guard let argument = options[key] else { return nil }
        guard let s = argument.value.string else {
            throw OpError.option(key, "expected a word or string, got \(Arguments.given(argument))")
        }
        return s
    }

    /// A tensor option (`bias=b`); nil when not given.
    public func tensorOption(_ key: String) throws -> Tensor? {
        guard let argument = options[key] else { return nil }
        return try tensor(from: argument) { OpError.option(key, $0) }
    }

    /// A `key=N` or `key=[along H, along W]` option of positive integers (strides, dilations, window sizes).
    public func pairOption(_ key: String, default value: (Int, Int)) throws -> (Int, Int) {
        guard let argument = options[key] else { return value }
        let integers = (try? Arguments.integers(argument) { OpError.option(key, $0) }) ?? []
        let pair = integers.count == 1 ? [integers[0], integers[0]] : integers
        guard pair.count == 2, pair.allSatisfy({ (1...1_000_000).contains($0) }) else {
            throw OpError.option(key, "expected a positive integer or [H,W], got \(argument.text)")
        }
        return (pair[0], pair[1])
    }

    // MARK: - Conversions

    /// How an argument is quoted in "expected ..., got ..." messages: `'sme'`, `a tensor [3,3]`, `a list`.
    static func given(_ argument: Argument) -> String {
        switch argument.value {
        case .string, .number: return "'\(argument.value.string ?? argument.text)'"
        case .tensor(let t): return "a tensor \(Tensor.describe(t.shape))"
        case .list: return "a list \(argument.text)"
        case .model(let m): return "a \(m.kindName)"
        }
    }

    private static func integer(_ argument: Argument, in range: ClosedRange<Int>,
                                error: (String) -> OpError) throws -> Int {
        guard let n = argument.value.number, n == n.rounded(), abs(n) < 1e15 else {
            throw error("expected an integer, got \(given(argument))")
        }
        guard range.contains(Int(n)) else {
            let bound = range.upperBound == Int.max ? "at least \(range.lowerBound)"
                : "between \(range.lowerBound) and \(range.upperBound)"
            throw error("expected an integer \(bound), got \(Int(n))")
        }
        return Int(n)
    }

    private static func integers(_ argument: Argument, error: (String) -> OpError) throws -> [Int] {
        let numbers: [Double]
        switch argument.value {
        case .number(let n): numbers = [n]
        case .list(let items): numbers = items.compactMap(\.number)
            guard numbers.count == items.count else { throw error("expected integers, got \(argument.text)") }
        case .tensor(let t) where t.rank <= 1: numbers = t.scalars.map(Double.init)
        default: throw error("expected a list of integers, got \(given(argument))")
        }
        return try numbers.map { n in
            guard n == n.rounded(), abs(n) < 1e15 else { throw error("expected integers, got \(argument.text)") }
            return Int(n)
        }
    }
}
