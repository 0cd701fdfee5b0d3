import Foundation

/// A dense float32 tensor in row-major (C) order.
///
/// Layouts by rank, as TensorFlow uses them: an image `[H,W,C]`, a batch `[N,H,W,C]` (NHWC), a 2-D kernel
/// `[kh,kw]`, a filter bank `[kh,kw,Cin,Cout]`. Element `(i0,…,ik)` lives at `Σ i_j · stride_j` with
/// `stride_k = 1` and `stride_j = shape[j+1] · stride_{j+1}`.
///
/// Value semantics: copies share one `TensorBuffer` until a copy is written.
public struct Tensor: @unchecked Sendable {
    public private(set) var shape: [Int]
    public private(set) var buffer: TensorBuffer
    /// The op that made this tensor and what it was made from, for `explain`; nil for loaded or literal data.
    public var origin: Origin?

    /// Number of elements: the product of `shape` (1 for a scalar `[]`).
    public var count: Int { buffer.count }
    public var rank: Int { shape.count }

    /// A tensor of `shape` filled with `value`.
    public init(shape: [Int], repeating value: Float = 0) throws {
        try self.init(uninitializedShape: shape)
        buffer.pointer.initialize(repeating: value, count: count)
    }

    /// A tensor of `shape` whose elements the caller must write before reading.
    public init(uninitializedShape shape: [Int]) throws {
        let count = try Tensor.checkedCount(shape)
        try Limits.checkElements(count, shape: shape)
        self.shape = shape
        self.buffer = try TensorBuffer(uninitializedCount: count)
    }

    /// A tensor holding `values` in row-major order; `values.count` must equal the product of `shape`.
    public init(shape: [Int], values: [Float]) throws {
        let count = try Tensor.checkedCount(shape)
        guard count == values.count else {
            throw OpError("\(values.count) values cannot fill shape \(Tensor.describe(shape))")
        }
        try self.init(uninitializedShape: shape)
        values.withUnsafeBufferPointer { buffer.pointer.initialize(from: $0.baseAddress!, count: count) }
    }

    /// The product of `shape`, or an error when a dimension is negative or the product overflows `Int`.
    public static func checkedCount(_ shape: [Int]) throws -> Int {
        var count = 1
        for dimension in shape {
            guard dimension >= 0 else { throw OpError("negative dimension in shape \(describe(shape))") }
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard !overflow else { throw OpError("shape \(describe(shape)) is too large") }
            count = product
        }
        return count
    }

    /// The same elements under another shape with the same element count (shares storage).
    public func reshaped(_ newShape: [Int]) throws -> Tensor {
        guard try Tensor.checkedCount(newShape) == count else {
            throw OpError("cannot reshape \(Tensor.describe(shape)) to \(Tensor.describe(newShape))")
        }
        var copy = self
        copy.shape = newShape
        copy.origin = nil
        return copy
    }

    // MARK: - Element access

    /// Read-only access to the elements in row-major order.
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: buffer.pointer, count: count))
    }

    /// Write access to the elements; copies the storage first when another tensor shares it.
    public mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (UnsafeMutableBufferPointer<Float>) throws -> R
    ) throws -> R {
        if !isKnownUniquelyReferenced(&buffer) {
            let copy = try TensorBuffer(uninitializedCount: count)
            copy.pointer.initialize(from: buffer.pointer, count: count)
            buffer = copy
        }
        return try body(UnsafeMutableBufferPointer(start: buffer.pointer, count: count))
    }

    /// True when no other tensor shares this tensor's storage, so an op may write its result in place.
    public mutating func isUniquelyReferenced() -> Bool { isKnownUniquelyReferenced(&buffer) }

    /// All elements as an array (for tests and small tensors).
    public var scalars: [Float] { withUnsafeBufferPointer { Array($0) } }

    /// The element at a full index (one coordinate per dimension); for tests and small tensors.
    public subscript(_ index: Int...) -> Float {
        precondition(index.count == rank, "index rank \(index.count) for a tensor of rank \(rank)")
        var offset = 0
        for (i, dimension) in zip(index, shape) {
            precondition(i >= 0 && i < dimension, "index \(index) out of shape \(shape)")
            offset = offset * dimension + i
        }
        return buffer.pointer[offset]
    }
}

// MARK: - Description

extension Tensor {
    /// A shape written as TensorFlow prints it: `[224,224,3]`.
    public static func describe(_ shape: [Int]) -> String {
        "[" + shape.map(String.init).joined(separator: ",") + "]"
    }

    /// A byte count with a binary unit: `1.5 MiB`.
    public static func formatBytes(_ bytes: Int) -> String { formatBytes(Double(bytes)) }

    /// A byte count computed in Double (a size that would overflow `Int`, `2⁶¹ · 8`): `16.0 EiB`, up to ZiB.
    public static func formatBytes(_ bytes: Double) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB"]
        var value = bytes
        var unit = 0
        while value >= 1024, unit < units.count - 1 { value /= 1024; unit += 1 }
        return unit == 0 ? String(format: "%.0f B", value) : String(format: "%.1f %@", value, units[unit])
    }

    /// Size of the elements in bytes.
    public var byteCount: Int { count * MemoryLayout<Float>.stride }

    /// Smallest and largest finite element (NaN and ±inf left out: `nonFinite` counts them); nil when no element
    /// is finite.
    public var range: (min: Float, max: Float)? {
        withUnsafeBufferPointer { values in
            var low = Float.infinity, high = -Float.infinity
            for v in values where v.isFinite { low = Swift.min(low, v); high = Swift.max(high, v) }
            return low <= high ? (low, high) : nil
        }
    }
}

/// How a tensor was made: the op, its tensor inputs and the op's own resolved parameters.
///
/// `detail` is whatever the op chose to keep (conv2d keeps its `ConvGeometry`), so `explain` can replay one
/// output element. Holding `inputs` keeps them alive as long as the result lives.
public struct Origin: @unchecked Sendable {
    public let op: String
    public let inputs: [Tensor]
    public let detail: Any?

    public init(op: String, inputs: [Tensor], detail: Any? = nil) {
        self.op = op
        self.inputs = inputs
        self.detail = detail
    }
}
