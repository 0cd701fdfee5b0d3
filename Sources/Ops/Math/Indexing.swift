/// One component of a NumPy basic index: `x[2, 1:5, ::-1, ...]`.
public enum IndexComponent: Sendable, Equatable {
    /// An integer (negative counts from the end); drops its axis.
    case index(Int)
    /// `start:stop:step`, each part optional (step 1 when omitted; never 0); keeps its axis.
    case slice(start: Int?, stop: Int?, step: Int?)
    /// `...`: as many whole axes as the other components leave.
    case ellipsis
}

/// NumPy basic indexing with copy semantics (LANGUAGE.md §4).
///
/// Each kept axis becomes a (count, input stride) pair and integers move the start offset; `StridedCopy` then
/// writes the output in one pass, so `maps[..., 3]` of `[224,224,64]` reads 50,176 floats and writes as many.
public func index(_ t: Tensor, _ components: [IndexComponent], threads: Int = WorkerPool.defaultThreads) throws -> Tensor {
    let ellipses = components.filter { $0 == .ellipsis }.count
    guard ellipses <= 1 else { throw OpError("an index can only have one '...'") }
    let used = components.count - ellipses
    guard used <= t.rank else {
        throw OpError("too many indices for a tensor of shape \(Tensor.describe(t.shape)): \(used) given")
    }
    var expanded: [IndexComponent] = []
    for c in components {
        if c == .ellipsis {
            expanded += Array(repeating: .slice(start: nil, stop: nil, step: nil), count: t.rank - used)
        } else {
            expanded.append(c)
        }
    }
    while expanded.count < t.rank { expanded.append(.slice(start: nil, stop: nil, step: nil)) }

    var strides = [Int](repeating: 1, count: t.rank)
    for axis in stride(from: t.rank - 2, through: 0, by: -1) { strides[axis] = strides[axis + 1] * t.shape[axis + 1] }
    var offset = 0
    var outputShape: [Int] = [], outputStrides: [Int] = []
    for (axis, c) in expanded.enumerated() {
        let size = t.shape[axis]
        switch c {
        case .index(let i):
            let j = i < 0 ? i + size : i
            guard j >= 0 && j < size else {
                throw OpError("index \(i) is out of range for axis \(axis) with size \(size)")
            }
            offset += j * strides[axis]
        case .slice(let start, let stop, let step):
            let s = try Slice(start: start, stop: stop, step: step, size: size)
            offset += s.first * strides[axis]
            outputShape.append(s.count)
            outputStrides.append(s.step * strides[axis])
        case .ellipsis:
            break
        }
    }
    return try StridedCopy.copy(t, offset: offset, shape: outputShape, strides: outputStrides,
                                threads: threads)
}

/// A Python slice resolved against an axis of `size` (CPython's `PySlice_AdjustIndices`).
struct Slice {
    let first: Int, step: Int, count: Int

    init(start: Int?, stop: Int?, step: Int?, size: Int) throws {
        let step = step ?? 1
        guard step != 0 else { throw OpError("slice step cannot be zero") }
        func clamp(_ v: Int?, _ empty: Int) -> Int {
            guard var v else { return empty }
            if v < 0 { v += size; if v < 0 { v = step < 0 ? -1 : 0 } } else if v >= size { v = step < 0 ? size - 1 : size }
            return v
        }
        let first = clamp(start, step < 0 ? size - 1 : 0)
        let stop = clamp(stop, step < 0 ? -1 : size)
        let count: Int
        if step < 0 { count = stop < first ? (first - stop - 1) / -step + 1 : 0 } else {
            count = first < stop ? (stop - first - 1) / step + 1 : 0
        }
        (self.first, self.step, self.count) = (first, step, count)
    }
}
