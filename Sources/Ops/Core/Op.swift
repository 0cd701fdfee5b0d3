/// What an op takes in one position: drives argument checks, usage text and Tab completion.
public enum ParameterKind: Sendable, Equatable {
    /// A tensor; a number (as a 0-d tensor) or a list of numbers converts.
    case tensor
    /// A file path, bare or quoted; completion offers files.
    case path
    /// A number.
    case number
    /// A string or a bare word.
    case string
    /// Exactly one of these words; the registry binds and checks it before the op runs.
    case choice([String])
    /// Anything the op interprets itself; the words are offered by completion.
    case text(completions: [String])
    /// Any value (`print`, `len`, `str`).
    case value
    /// A model value (`m = load vgg16.keras`).
    case model
}

/// One positional parameter of an op.
public struct Parameter: Sendable, Equatable {
    /// Placeholder shown in usage: `X`, `PATH`, `same|valid`.
    public let placeholder: String
    public let kind: ParameterKind
    public let isOptional: Bool
    /// Takes every remaining positional argument (at least one unless optional).
    public let isRepeated: Bool

    public init(_ placeholder: String, _ kind: ParameterKind, optional: Bool = false, repeated: Bool = false) {
        self.placeholder = placeholder
        self.kind = kind
        self.isOptional = optional
        self.isRepeated = repeated
    }

    /// A choice parameter whose placeholder lists the words: `[same|valid]`.
    public static func choice(_ words: [String], optional: Bool = true) -> Parameter {
        Parameter(words.joined(separator: "|"), .choice(words), optional: optional)
    }
}

/// One `key=value` option of an op.
public struct OptionSpec: Sendable, Equatable {
    public let key: String
    /// Placeholder shown in usage: `S` in `stride=S`, or the choices `zero|reflect`.
    public let placeholder: String
    public let kind: ParameterKind

    public init(_ key: String, _ placeholder: String, _ kind: ParameterKind = .number) {
        self.key = key
        self.placeholder = placeholder
        self.kind = kind
    }

    public static func choice(_ key: String, _ words: [String]) -> OptionSpec {
        OptionSpec(key, words.joined(separator: "|"), .choice(words))
    }
}

/// An operation the shell can run: one registry entry, built in or from a plugin.
///
/// Help, usage, completion and argument errors are all derived from these properties, so they cannot drift from
/// what `apply` accepts. `Registry.call` binds the arguments to `parameters` and `options` once — count, option
/// keys, choice words — and `apply` reads kinds and values through `Arguments`' typed accessors. An op throws
/// `OpError`s without its own name: the registry puts `OP: ` in front, once.
public protocol Op: Sendable {
    /// The command word: `conv2d`.
    var name: String { get }
    /// One line for `help`.
    var summary: String { get }
    var parameters: [Parameter] { get }
    var options: [OptionSpec] { get }
    /// Further help paragraphs shown by `help NAME` (semantics, defaults, examples).
    var details: String { get }
    /// False for ops run for their effect (`save`, `stats`, `show`): `x = stats d` is then an error.
    var producesValue: Bool { get }
    /// True when the op writes its result into its first argument's storage if nothing else holds it, and cannot
    /// fail once it has read that argument (`relu`). In `x = relu x` the session then lets go of `x` first.
    var reusesFirstArgument: Bool { get }

    /// Runs the op; returns its value, or nil when it only prints or writes files.
    func apply(_ arguments: Arguments, _ context: Context) throws -> Value?
}

extension Op {
    public var options: [OptionSpec] { [] }
    public var details: String { "" }
    public var producesValue: Bool { true }
    public var reusesFirstArgument: Bool { false }

    /// `conv2d X K [same|valid] [stride=S] ...`, generated from `parameters` and `options`.
    public var usage: String {
        var words = [name]
        for parameter in parameters {
            var word = parameter.placeholder
            if parameter.isRepeated { word += " ..." }
            words.append(parameter.isOptional ? "[\(word)]" : word)
        }
        words += options.map { "[\($0.key)=\($0.placeholder)]" }
        return words.joined(separator: " ")
    }

    /// How many positional arguments the op accepts: `required ... maximum` (nil maximum = unbounded).
    public var positionalRange: (required: Int, maximum: Int?) {
        let required = parameters.filter { !$0.isOptional }.count
        return (required, parameters.contains { $0.isRepeated } ? nil : parameters.count)
    }

    /// The kind of the positional argument at `position` (1-based), for completion.
    public func kind(ofPosition position: Int) -> ParameterKind? {
        guard position >= 1 else { return nil }
        if position <= parameters.count { return parameters[position - 1].kind }
        return parameters.last.flatMap { $0.isRepeated ? $0.kind : nil }
    }
}
