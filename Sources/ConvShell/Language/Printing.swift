import Foundation
import Ops

/// What a bare name or expression prints (LANGUAGE.md §7): a number as a number (7 significant digits), a string as itself, a list
/// written out, a model's own description, and a tensor's one-line description (shape, size, range) followed by
/// its values when it has at most `valuesShownUpTo` elements — a 2-D kernel as the aligned table `show` prints,
/// anything else in NumPy's layout (`print` shows the values of a tensor of any size).
enum Printing {
    static let valuesShownUpTo = 64

    static func describe(_ value: Value, name: String) -> String {
        switch value {
        // Tensors are float32: a number prints with float32's 7 significant digits (`mean(x)` 0.5061278).
        case .number(let n): return n == n.rounded() && abs(n) < 1e15 ? Value.format(n) : String(format: "%.7g", n)
        case .string(let s): return s
        case .list: return Argument.spelling(of: value)
        case .model(let m): return m.describe(name: name)
        case .tensor(let t):
            let description = TensorDescription.describe(t, name: name)
            let hasTable = (t.rank == 2 || t.rank == 4) && KernelTable.fits(t.shape)
            guard t.count <= valuesShownUpTo, !hasTable, t.rank > 0 else { return description }
            return description + "\n" + ArrayFormatter().format(t)
        }
    }
}
