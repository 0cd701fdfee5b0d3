/// A tensor's values laid out as NumPy's `str(array)` (`print(x)`): nested brackets, one width for every
/// element (`FloatFormat`), rows wrapped at 75 columns, and axes longer than 6 summarised as their first and last
/// 3 items around `...` once the tensor has more than 1000 elements (`np.set_printoptions` defaults).
public struct ArrayFormatter: Sendable {
    /// Most fractional digits (NumPy's `precision`).
    public var digits = 8
    public var lineWidth = 75
    /// Tensors with more elements than this are summarised.
    public var threshold = 1000
    public var edgeItems = 3

    public init(digits: Int = 8) { self.digits = digits }

    public func format(_ t: Tensor) -> String {
        let values = t.scalars
        guard t.rank > 0 else { return FloatFormat(values, precision: digits)(values[0]) }
        let summarise = t.count > threshold
        var strides = [Int](repeating: 1, count: t.rank)
        for a in stride(from: t.rank - 2, through: 0, by: -1) { strides[a] = strides[a + 1] * t.shape[a + 1] }
        // The elements that will be shown decide the format, as in NumPy.
        var shown: [Float] = []
        func collect(_ axis: Int, _ offset: Int) {
            if axis == t.rank { shown.append(values[offset]); return }
            for i in items(t.shape[axis], summarise) where i >= 0 { collect(axis + 1, offset + i * strides[axis]) }
        }
        collect(0, 0)
        let element = FloatFormat(shown, precision: digits)

        /// NumPy's `_formatArray.recurser`.
        func recurse(_ axis: Int, _ offset: Int, _ indent: String, _ width: Int) -> String {
            let left = t.rank - axis
            let indices = items(t.shape[axis], summarise)
            var s = ""
            if left == 1 {
                let elementWidth = width - 1
                var line = indent
                for (k, i) in indices.enumerated() {
                    let word = i < 0 ? "..." : element(values[offset + i * strides[axis]])
                    if line.count + word.count > elementWidth && line.count > indent.count {
                        s += line.trailingSpacesTrimmed + "\n"
                        line = indent
                    }
                    line += word
                    if k < indices.count - 1 { line += " " }
                }
                s += line
            } else {
                let separator = String(repeating: "\n", count: left - 1)
                for (k, i) in indices.enumerated() {
                    let nested = i < 0 ? "..." : recurse(axis + 1, offset + i * strides[axis], indent + " ", width - 1)
                    s += indent + nested + (k < indices.count - 1 ? separator : "")
                }
            }
            return "[" + s.dropFirst(indent.count) + "]"
        }
        return recurse(0, 0, " ", lineWidth)
    }

    /// The indices shown along an axis of `size`: all, or the edges with -1 where `...` goes.
    private func items(_ size: Int, _ summarise: Bool) -> [Int] {
        guard summarise && size > 2 * edgeItems else { return Array(0..<size) }
        return Array(0..<edgeItems) + [-1] + Array((size - edgeItems)..<size)
    }
}

extension String {
    fileprivate var trailingSpacesTrimmed: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
