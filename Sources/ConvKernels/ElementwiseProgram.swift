/// One step of a fused element-wise program: `slots[destination] = code(slots[a], slots[b], slots[c])`.
public struct ElementwiseStep: Sendable {
    public var code: ElementwiseCode
    public var destination: Int32
    public var a: Int32
    public var b: Int32
    public var c: Int32

    @inlinable
    public init(_ code: ElementwiseCode, destination: Int32, _ a: Int32, _ b: Int32 = 0, _ c: Int32 = 0) {
        (self.code, self.destination, self.a, self.b, self.c) = (code, destination, a, b, c)
    }
}

/// One tile of a fused element-wise program: every slot holds `count` contiguous floats.
///
/// The schedule (`Ops/Math/FusedEvaluation.swift`) points the slots at the tile's inputs (or gathered copies of
/// broadcast inputs), constant blocks, per-worker register blocks and the output, then calls the ISA's
/// `elementwise` entry once per tile. `count` ≤ the register block size, so registers stay in L1.
public struct ElementwiseArgs {
    public var steps: UnsafePointer<ElementwiseStep>
    public var stepCount: Int
    public var slots: UnsafePointer<UnsafeMutablePointer<Float>>
    public var count: Int
    /// When set, the last step writes its destination (the output, aligned to the ISA's register width) with
    /// non-temporal stores: a result larger than the last-level cache then costs no read of the lines it fills.
    /// The caller fences them (`ckernel_stream_fence`) once after its last tile, not per tile: a fence waits for
    /// every write-combining buffer to drain, and once per tile that stalled the core about as long as the tile.
    public var streamsResult: Bool

    @inlinable
    public init(steps: UnsafePointer<ElementwiseStep>, stepCount: Int, slots: UnsafePointer<UnsafeMutablePointer<Float>>,
                count: Int, streamsResult: Bool) {
        (self.steps, self.stepCount, self.slots, self.count, self.streamsResult) =
            (steps, stepCount, slots, count, streamsResult)
    }
}

/// Runs the steps of `args` in order over one tile, on vectors `V` (the ISA's register).
@inlinable @inline(__always)
public func runElementwise<V: ElementLanes>(_ args: UnsafePointer<ElementwiseArgs>, _: V.Type) where V.Scalar == Float {
    let a = args.pointee
    for s in 0..<a.stepCount {
        let step = a.steps[s]
        step.code.run(UnsafePointer(a.slots[Int(step.a)]), UnsafePointer(a.slots[Int(step.b)]),
                      UnsafePointer(a.slots[Int(step.c)]), a.slots[Int(step.destination)], a.count,
                      streaming: a.streamsResult && s == a.stepCount &- 1, V.self)
    }
}
