import Foundation
import Ops

/// The tensor-math workloads of issue 9: fused expressions against one copy pass, and slicing.
///
/// - E1 `sqrt(gx**2 + gy**2)` on two 4096x4096x1 tensors (bytes: two reads and one write).
/// - E2 `where(x > 0.5, x * 2 - 1, 0)` on 4096x4096x8 (one read, one write).
/// - C1 one read+write pass over 4096x4096x8 into a new tensor (`memcpy` by chunks on the worker pool): the
///   memory bound E1 and E2 are measured against (C for copy; M1 is the model benchmark).
/// - S1 `x[..., 3]` of 224x224x64 (bytes: the output read and written once).
enum MathWorkloads {
    static let ids = ["E1", "E2", "C1", "S1"]

    static func make(_ id: String, threads: Int, isa: ISA) throws -> Workload? {
        switch id {
        case "E1":
            let gx = try filled([4096, 4096, 1], seed: 11, range: -1...1)
            let gy = try filled([4096, 4096, 1], seed: 12, range: -1...1)
            let e = ElementwiseExpression.call(.sqrt, .call(.add, .call(.power, .tensor(gx), .number(2)),
                                                            .call(.power, .tensor(gy), .number(2))))
            return Workload(id: id, title: "sqrt(gx**2 + gy**2) on 2 x 4096x4096x1", unit: "gbps",
                            work: Double(3 * gx.byteCount), dataBytes: 3 * gx.byteCount,
                            variants: [("fused", { _ = try e.evaluate(threads: threads, isa: isa) })])
        case "E2":
            let x = try filled([4096, 4096, 8], seed: 13, range: 0...1)
            let e = ElementwiseExpression.call(
                .select, .call(.greater, .tensor(x), .number(0.5)),
                .call(.subtract, .call(.multiply, .tensor(x), .number(2)), .number(1)), .number(0))
            return Workload(id: id, title: "where(x > 0.5, x * 2 - 1, 0) on 4096x4096x8", unit: "gbps",
                            work: Double(2 * x.byteCount), dataBytes: 2 * x.byteCount,
                            variants: [("fused", { _ = try e.evaluate(threads: threads, isa: isa) })])
        case "C1":
            let x = try filled([4096, 4096, 8], seed: 14, range: 0...1)
            return Workload(id: id, title: "copy 4096x4096x8 (one read + write pass)", unit: "gbps",
                            work: Double(2 * x.byteCount), dataBytes: 2 * x.byteCount,
                            variants: [("memcpy", { _ = try copy(x, threads: threads) })])
        case "S1":
            let x = try filled([224, 224, 64], seed: 15, range: 0...1)
            return Workload(id: id, title: "x[..., 3] of 224x224x64", unit: "gbps", work: Double(2 * 224 * 224 * 4),
                            dataBytes: x.byteCount + 224 * 224 * 4,
                            variants: [("index", { _ = try index(x, [.ellipsis, .index(3)], threads: threads) })])
        default:
            return nil
        }
    }

    /// A new tensor holding `x`'s elements, copied in 1 MiB chunks on the worker pool.
    static func copy(_ x: Tensor, threads: Int) throws -> Tensor {
        let output = try Tensor(uninitializedShape: x.shape)
        let chunk = 256 * 1024, count = x.count
        nonisolated(unsafe) let from = UnsafePointer(x.buffer.pointer), to = output.buffer.pointer
        WorkerPool.shared.run(threads: threads, tasks: (count + chunk - 1) / chunk) { task, _ in
            let start = task * chunk
            (to + start).update(from: from + start, count: min(chunk, count - start))
        }
        return output
    }
}
