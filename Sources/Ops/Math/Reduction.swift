/// NumPy's reductions `sum mean max min std var argmax argmin` over chosen axes.
///
/// `np.sum(x, axis=..., keepdims=...)` and friends on float32: sums, means and variances accumulate in `Double`
/// (NumPy's pairwise float32 sum is within a few ulp of that, ours is the correctly rounded one more often);
/// `max`/`min` propagate NaN; `argmax`/`argmin` give the first extreme (a NaN counts as one) along one axis, or
/// into the flattened tensor without an axis. `std`/`var` divide by N (`ddof=0`), `var` two-pass as NumPy.
public enum Reduction: String, CaseIterable, Sendable {
    case sum, mean, max, min, std
    case variance = "var"
    case argmax, argmin

    public enum Result: @unchecked Sendable {
        case number(Double)
        case tensor(Tensor)
    }

    /// `x` reduced over `axes` (nil: every axis, giving a number unless `keepdims`).
    public func apply(_ x: Tensor, axes: [Int]?, keepdims: Bool = false) throws -> Result {
        let rank = x.rank
        let reduced: [Int]
        if let axes {
            reduced = try Axes.normalize(axes, rank: rank)
            if isArg && reduced.count != 1 && rank > 0 {
                throw OpError("axis must be one integer for \(rawValue), got \(axes.count) axes")
            }
        } else {
            reduced = Array(0..<rank)
        }
        let isReduced = (0..<rank).map { reduced.contains($0) }
        var kept: [Int] = [], keptWithOnes: [Int] = []
        for axis in 0..<rank {
            if isReduced[axis] { keptWithOnes.append(1) } else { kept.append(x.shape[axis]); keptWithOnes.append(x.shape[axis]) }
        }
        let n = reduced.reduce(1) { $0 * x.shape[$1] }
        if n == 0 && self != .sum && self != .mean && self != .std && self != .variance {
            throw OpError("cannot take \(rawValue) over an empty axis of shape \(Tensor.describe(x.shape))")
        }
        let values = try compute(x, isReduced: isReduced, outputCount: kept.reduce(1, *), n: n)
        // A result with no axis left is a number, as NumPy gives a scalar (`np.sum(x, axis=(0, 1))` of a matrix).
        if kept.isEmpty && !keepdims { return .number(Double(values[0])) }
        return .tensor(try Tensor(shape: keepdims ? keptWithOnes : kept, values: values))
    }

    private var isArg: Bool { self == .argmax || self == .argmin }

    private func compute(_ x: Tensor, isReduced: [Bool], outputCount: Int, n: Int) throws -> [Float] {
        let walk = ReductionWalk(shape: x.shape, reduced: isReduced)
        return x.withUnsafeBufferPointer { source in
            let p = source.baseAddress!
            switch self {
            case .sum, .mean, .std, .variance:
                var sums = [Double](repeating: 0, count: outputCount)
                walk.visit(p) { x, o, run, step in
                    for j in 0..<run { sums[o + j * step] += Double(x[j]) }
                }
                if self == .sum { return sums.map { Float($0) } }
                let means = sums.map { $0 / Double(n) }
                if self == .mean { return means.map { Float($0) } }
                var squares = [Double](repeating: 0, count: outputCount)
                walk.visit(p) { x, o, run, step in
                    for j in 0..<run {
                        let d = Double(x[j]) - means[o + j * step]
                        squares[o + j * step] += d * d
                    }
                }
                return squares.map { Float(self == .std ? ($0 / Double(n)).squareRoot() : $0 / Double(n)) }
            case .max, .min:
                let larger = self == .max
                var best = [Float](repeating: larger ? -.infinity : .infinity, count: outputCount)
                walk.visit(p) { x, o, run, step in
                    for j in 0..<run {
                        let v = x[j], k = o + j * step
                        if (larger ? v > best[k] : v < best[k]) || v.isNaN { best[k] = v }
                    }
                }
                return best
            case .argmax, .argmin:
                let larger = self == .argmax
                var best = [Float](repeating: .nan, count: outputCount), index = [Int](repeating: -1, count: outputCount)
                var seen = [Int](repeating: 0, count: outputCount)
                walk.visit(p) { x, o, run, step in
                    for j in 0..<run {
                        let v = x[j], k = o + j * step
                        let b = best[k]
                        if index[k] < 0 || (!b.isNaN && (v.isNaN || (larger ? v > b : v < b))) {
                            best[k] = v
                            index[k] = seen[k]
                        }
                        seen[k] += 1
                    }
                }
                return index.map { Float($0) }
            }
        }
    }
}

/// Visits a tensor's elements in row-major order with the output element each one reduces into.
///
/// Axes are collapsed where neighbours are both reduced or both kept, so the innermost loop is a run along the
/// last collapsed axis: `body(x, o, run, step)` gets `run` input floats at `x` that go into outputs `o + j·step`
/// (`step` 0 when that axis is reduced, 1 when kept).
struct ReductionWalk {
    let shape: [Int]
    let reduced: [Bool]

    init(shape input: [Int], reduced flags: [Bool]) {
        var shape: [Int] = [], reduced: [Bool] = []
        for (size, r) in zip(input, flags) where size != 1 {
            if let last = reduced.last, last == r { shape[shape.count - 1] *= size } else { shape.append(size); reduced.append(r) }
        }
        if shape.isEmpty { (shape, reduced) = ([1], [true]) }
        (self.shape, self.reduced) = (shape, reduced)
    }

    func visit(_ p: UnsafePointer<Float>, _ body: (UnsafePointer<Float>, Int, Int, Int) -> Void) {
        guard !shape.contains(0) else { return }
        // Output strides of the kept axes.
        var outStride = [Int](repeating: 0, count: shape.count)
        var step = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) where !reduced[axis] {
            outStride[axis] = step
            step *= shape[axis]
        }
        let last = shape.count - 1, run = shape[last], innerStep = outStride[last]
        let rows = shape.dropLast().reduce(1, *)
        var coordinates = [Int](repeating: 0, count: max(last, 0))
        var output = 0
        for row in 0..<rows {
            body(p + row * run, output, run, innerStep)
            var axis = last - 1
            while axis >= 0 {
                coordinates[axis] += 1
                output += outStride[axis]
                if coordinates[axis] < shape[axis] { break }
                output -= shape[axis] * outStride[axis]
                coordinates[axis] = 0
                axis -= 1
            }
        }
    }
}
