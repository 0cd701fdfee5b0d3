/// NumPy broadcasting: shapes aligned from the right, a size-1 axis stretches to the other's size.
public enum Broadcast {
    /// The broadcast shape of `a` and `b`, or an error naming both: `shapes [300,451,1] and [3] do not broadcast`
    /// (the caller, or the registry, puts the op's name in front).
    public static func shape(_ a: [Int], _ b: [Int]) throws -> [Int] {
        let rank = max(a.count, b.count)
        var result = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let x = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let y = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            guard x == y || x == 1 || y == 1 else {
                throw OpError("shapes \(Tensor.describe(a)) and \(Tensor.describe(b)) do not broadcast")
            }
            result[i] = x == 1 ? y : x
        }
        return result
    }

    /// The broadcast shape of all `shapes` (`[]` for none).
    public static func shape(_ shapes: [[Int]]) throws -> [Int] {
        try shapes.reduce([]) { try shape($0, $1) }
    }

    /// Element strides of a tensor of `shape` read at the coordinates of `output` (which it broadcasts to):
    /// a stretched or missing axis has stride 0.
    static func strides(of shape: [Int], in output: [Int]) -> [Int] {
        var strides = [Int](repeating: 0, count: output.count)
        var step = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) {
            let j = i + output.count - shape.count
            strides[j] = shape[i] == 1 ? 0 : step
            step *= shape[i]
        }
        return strides
    }
}
