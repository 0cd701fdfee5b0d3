// Lists and counting for scripts (LANGUAGE.md §3): `range`, `len`.

/// `range(N)` or `range(A, B [, STEP])`: numbers from A (default 0) up to but not including B, as Python's range.
struct RangeOp: Op {
    let name = "range"
    let summary = "the integers A, A+STEP, ... before B, as Python's range (range(N) is 0 .. N-1)"
    let parameters = [Parameter("A", .number), Parameter("B", .number, optional: true),
                      Parameter("STEP", .number, optional: true)]
    let details = """
        range(5) is [0,1,2,3,4]; range(2, 8, 3) is [2,5]; a negative STEP counts down: range(3, 0, -1) is [3,2,1].
        With --shard I/N, a range at the top of a for loop yields only this process's share.
        """

    /// Longest list a range may make.
    static let maxCount = 100_000_000

    func apply(_ arguments: Arguments, _ context: Context) throws -> Value? {
        let limit = 1 << 52
        let first = try arguments.integer(1, in: -limit...limit)
        let (start, end) = arguments.argument(2) == nil ? (0, first) : (first, try arguments.integer(2, in: -limit...limit))
        let step = arguments.argument(3) == nil ? 1 : try arguments.integer(3, in: -limit...limit)
        guard step != 0 else { throw OpError.argument(3, "the step must not be 0") }
        let count = step > 0 ? max(0, (end - start + step - 1) / step) : max(0, (start - end - step - 1) / -step)
        guard count <= RangeOp.maxCount else {
            throw OpError("\(count) numbers is more than a range may hold (\(RangeOp.maxCount))")
        }
        return .list((0..<count).map { .number(Double(start + $0 * step)) })
    }
}

/// `len(X)`: the items of a list, the characters of a string, or a tensor's first axis (as Python's len).
struct LenOp: Op {
    let name = "len"
    let summary = "the number of items: of a list, characters of a string, or a tensor's first axis"
    let parameters = [Parameter("X", .value)]

    func apply(_ arguments: Arguments, _ context: Context) throws -> Value? {
        switch arguments.value(1)! {
        case .list(let items): return .number(Double(items.count))
        case .string(let s): return .number(Double(s.count))
        case .tensor(let t):
            guard let first = t.shape.first else { throw OpError.argument(1, "a 0-d tensor has no length") }
            return .number(Double(first))
        case let other: throw OpError.argument(1, "a \(other.kindName) has no length")
        }
    }
}
