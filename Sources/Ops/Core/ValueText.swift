/// Values written out as `print` shows them, in Python's manner: a string as itself, a number as written
/// (`2`, `0.5`), a tensor as NumPy prints an array (`ArrayFormatter`), a list as `['a.jpg', 2]`.
extension Value {
    /// The text `print` writes for this value; `digits` caps a tensor's fractional digits (NumPy's precision).
    public func printed(digits: Int = 8) -> String {
        switch self {
        case .string(let s): return s
        case .list(let items): return "[" + items.map { $0.printedInList(digits: digits) }.joined(separator: ", ") + "]"
        default: return printedInList(digits: digits)
        }
    }

    /// Inside a list strings are quoted, as Python's `repr` does.
    private func printedInList(digits: Int) -> String {
        switch self {
        case .string(let s): return "'" + s.replacingOccurrences(of: "'", with: "\\'") + "'"
        case .number(let n): return Value.format(n)
        case .tensor(let t): return ArrayFormatter(digits: digits).format(t)
        case .list: return printed(digits: digits)
        case .model(let m): return m.describe(name: m.kindName)
        }
    }
}
