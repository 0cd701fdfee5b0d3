/// One argument of an op call: its value, and how the user wrote it.
///
/// The text is what `show` labels a picture with and what messages quote; `isBareWord` marks a bare word that
/// names no variable (`same`, `out.png`, `edge`), which an op may take as a word or a path but never as a tensor.
public struct Argument: @unchecked Sendable {
    public var value: Value
    /// What the user typed: `img`, `"a b.png"`, `(d / max(d))`, `maps[..., 3]`.
    public var text: String
    /// A bare word that names no variable.
    public var isBareWord: Bool
    /// The caller gave this tensor up (`x = relu x` with nothing else holding `x`): an op that reuses its first
    /// argument may write its result into the tensor's storage although these transient copies share it.
    public var mayReuseStorage = false

    /// `text` defaults to the value written out (`2`, `"out.png"`, `[3,3]`).
    public init(_ value: Value, text: String? = nil, isBareWord: Bool = false) {
        self.value = value
        self.text = text ?? Argument.spelling(of: value)
        self.isBareWord = isBareWord
    }

    /// A bare word: `same`, `out.png`.
    public static func word(_ word: String) -> Argument { Argument(.string(word), text: word, isBareWord: true) }

    /// How a value would be written in a statement, for labels and messages.
    public static func spelling(of value: Value) -> String {
        switch value {
        case .number(let n): return Value.format(n)
        case .string(let s): return "\"\(s)\""
        case .tensor(let t): return Tensor.describe(t.shape) + " tensor"
        case .list(let items): return "[" + items.map(spelling).joined(separator: ", ") + "]"
        case .model(let m): return m.kindName
        }
    }
}
