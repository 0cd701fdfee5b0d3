/// NumPy's shape functions on tensors: `reshape`, `squeeze`, `expand_dims`, `transpose`, `concatenate`.
///
/// Reshapes share storage (the elements do not move, and tensors are copy-on-write); `transpose` and `concat`
/// copy in one pass over the output.
public enum Shapes {
    /// `np.reshape(x, shape)`: one dimension may be -1 and is inferred.
    public static func reshape(_ x: Tensor, _ shape: [Int]) throws -> Tensor {
        let unknown = shape.indices.filter { shape[$0] == -1 }
        guard unknown.count <= 1 else { throw OpError("only one dimension can be -1, got \(Tensor.describe(shape))") }
        guard shape.allSatisfy({ $0 >= -1 }) else { throw OpError("negative dimension in \(Tensor.describe(shape))") }
        var resolved = shape
        if let u = unknown.first {
            let known = shape.enumerated().filter { $0.offset != u }.reduce(1) { $0 * $1.element }
            guard known > 0, x.count % known == 0 else {
                throw OpError("cannot reshape \(Tensor.describe(x.shape)) to \(Tensor.describe(shape))")
            }
            resolved[u] = x.count / known
        }
        return try x.reshaped(resolved)
    }

    /// `np.squeeze(x, axis)`: drops the given size-1 axes, or every size-1 axis when `axes` is nil.
    public static func squeeze(_ x: Tensor, axes: [Int]?) throws -> Tensor {
        let drop: [Int]
        if let axes {
            drop = try Axes.normalize(axes, rank: x.rank)
            for a in drop where x.shape[a] != 1 {
                throw OpError("cannot squeeze axis \(a) of size \(x.shape[a]) in shape \(Tensor.describe(x.shape))")
            }
        } else {
            drop = x.shape.indices.filter { x.shape[$0] == 1 }
        }
        return try x.reshaped(x.shape.indices.filter { !drop.contains($0) }.map { x.shape[$0] })
    }

    /// `np.expand_dims(x, axis)`: a size-1 axis at `axis` of the result (negative counts from its end).
    public static func expandDims(_ x: Tensor, axis: Int) throws -> Tensor {
        let a = try Axes.normalize(axis, rank: x.rank + 1)
        var shape = x.shape
        shape.insert(1, at: a)
        return try x.reshaped(shape)
    }

    /// `np.transpose(x, axes)`: result axis i is input axis `axes[i]`; nil reverses the axes.
    public static func transpose(_ x: Tensor, _ axes: [Int]?) throws -> Tensor {
        let perm = try axes.map { a -> [Int] in
            guard a.count == x.rank else {
                throw OpError("axes \(Tensor.describe(a)) do not match a tensor of rank \(x.rank)")
            }
            return try a.map { try Axes.normalize($0, rank: x.rank) }
        } ?? Array((0..<x.rank).reversed())
        guard Set(perm).count == perm.count else { throw OpError("axes \(Tensor.describe(axes ?? [])) repeat an axis") }
        // Index the input with a strided view: one whole slice per axis, in the permuted order.
        var strides = [Int](repeating: 1, count: x.rank)
        for a in stride(from: x.rank - 2, through: 0, by: -1) { strides[a] = strides[a + 1] * x.shape[a + 1] }
        return try StridedCopy.copy(x, offset: 0, shape: perm.map { x.shape[$0] }, strides: perm.map { strides[$0] })
    }

    /// `np.concatenate(tensors, axis)`: every other axis must agree.
    public static func concat(_ tensors: [Tensor], axis: Int) throws -> Tensor {
        guard let first = tensors.first else { throw OpError("needs at least one tensor") }
        guard first.rank > 0 else { throw OpError("cannot concatenate 0-d tensors") }
        let a = try Axes.normalize(axis, rank: first.rank)
        var shape = first.shape
        shape[a] = 0
        for t in tensors {
            guard t.rank == first.rank, t.shape.indices.allSatisfy({ $0 == a || t.shape[$0] == first.shape[$0] }) else {
                throw OpError("shapes \(Tensor.describe(first.shape)) and \(Tensor.describe(t.shape)) differ off axis \(a)")
            }
            shape[a] += t.shape[a]
        }
        var output = try Tensor(uninitializedShape: shape)
        let outer = shape[..<a].reduce(1, *), inner = shape[(a + 1)...].reduce(1, *)
        try output.withUnsafeMutableBufferPointer { out in
            var column = 0
            for t in tensors {
                let run = t.shape[a] * inner
                t.withUnsafeBufferPointer { source in
                    for o in 0..<outer {
                        (out.baseAddress! + o * shape[a] * inner + column).update(from: source.baseAddress! + o * run,
                                                                                   count: run)
                    }
                }
                column += run
            }
        }
        return output
    }
}
