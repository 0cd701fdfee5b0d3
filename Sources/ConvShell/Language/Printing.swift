import Ops

/// What a bare name or expression prints (LANGUAGE.md §7): a number as a number, a string as itself, a list
/// written out, a tensor's one-line description (a small kernel also as a table), a model's own description.
enum Printing {
    static func describe(_ value: Value, name: String) -> String {
        switch value {
        case .number(let n): return Value.format(n)
        case .string(let s): return s
        case .list: return Argument.spelling(of: value)
        case .tensor(let t): return TensorDescription.describe(t, name: name)
        case .model(let m): return m.describe(name: name)
        }
    }
}
