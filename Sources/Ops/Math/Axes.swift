/// NumPy's `axis=` arguments: an integer or a list, negative counting from the end.
public enum Axes {
    /// `axes` as indices `0 ..< rank`, sorted; an axis outside `-rank ..< rank` or given twice is an error.
    public static func normalize(_ axes: [Int], rank: Int) throws -> [Int] {
        var result: [Int] = []
        for axis in axes {
            let a = try normalize(axis, rank: rank)
            guard !result.contains(a) else { throw OpError("axis \(axis) is given twice") }
            result.append(a)
        }
        return result.sorted()
    }

    /// One axis as an index `0 ..< rank` (`-1` is the last).
    public static func normalize(_ axis: Int, rank: Int) throws -> Int {
        guard axis >= -rank && axis < rank else {
            throw OpError("axis \(axis) is out of range for a tensor of rank \(rank)")
        }
        return axis < 0 ? axis + rank : axis
    }
}
