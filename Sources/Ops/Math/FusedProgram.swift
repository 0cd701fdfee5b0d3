import ConvKernels

/// An element-wise expression compiled to steps over slots, ready to run tile by tile (`FusedEvaluation`).
///
/// Slots: `[0, leaves)` the tensor leaves (each tile: a pointer into the tensor, or a gathered copy when it
/// broadcasts), then one block per distinct constant, then the registers, then the output. Registers are
/// reused as soon as their value is consumed, so `sqrt(gx**2 + gy**2)` needs two. Number subtrees are folded in
/// `Double` first (NumPy computes Python scalars before casting them to float32), and a power with a constant
/// exponent of 2, 0.5, 1 or -1 becomes `square`, `sqrt`, a copy or `1/x`, as NumPy's fast paths do (so
/// `(-0)**0.5` is -0 and `(-inf)**0.5` NaN, as NumPy gives). A product that is then added to, or has a constant
/// subtracted from it, becomes one `multiplyAdd` step (`x*2 - 1` is `x*2 + (-1)`, the same bits): one pass
/// over the tile fewer.
struct FusedProgram {
    let shape: [Int]
    private(set) var leaves: [Tensor] = []
    private(set) var constants: [Float] = []
    private(set) var steps: [ElementwiseStep] = []
    private(set) var registers = 0

    /// Slot numbers are fixed once every leaf and constant is known; steps are written with placeholders first.
    private enum Operand: Hashable { case leaf(Int), constant(Int), register(Int) }
    private var pending: [(code: ElementwiseCode, destination: Operand?, operands: [Operand])] = []
    private var freeRegisters: [Int] = []

    init(_ expression: ElementwiseExpression, shape: [Int]) throws {
        self.shape = shape
        let root = try emit(FusedProgram.simplify(expression))
        if case .register = root {} else { pending.append((.identity, nil, [root])) }
        pending[pending.count - 1].destination = nil
        let base = Int32(leaves.count + constants.count)
        func slot(_ o: Operand?) -> Int32 {
            switch o {
            case .leaf(let i)?: return Int32(i)
            case .constant(let i)?: return Int32(leaves.count + i)
            case .register(let i)?: return base + Int32(i)
            case nil: return outputSlot
            }
        }
        steps = pending.map { step in
            let s = step.operands.map(slot)
            return ElementwiseStep(step.code, destination: slot(step.destination), s[0], s.count > 1 ? s[1] : s[0],
                                   s.count > 2 ? s[2] : s[0])
        }
    }

    var slotCount: Int { leaves.count + constants.count + registers + 1 }
    var outputSlot: Int32 { Int32(leaves.count + constants.count + registers) }

    // MARK: - Compiling

    /// Folds number subtrees and rewrites powers with a constant exponent.
    private static func simplify(_ e: ElementwiseExpression) throws -> ElementwiseExpression {
        guard case .apply(let code, let operands) = e else { return e }
        guard operands.count == code.arity else { _ = try e.shape(); return e }
        let simple = try operands.map(simplify)
        if try simple.allSatisfy({ try $0.shape() == nil }) {
            return .number(try ElementwiseExpression.apply(code, simple).numberValue())
        }
        if let fused = multiplyAdd(code, simple) { return fused }
        if code == .power, case .number(let p) = simple[1] {
            switch p {
            case 2: return .apply(.square, [simple[0]])
            case 0.5: return .apply(.sqrt, [simple[0]])
            case 1: return .apply(.identity, [simple[0]])
            case -1: return .apply(.divide, [.number(1), simple[0]])
            default: break
            }
        }
        return .apply(code, simple)
    }

    /// `x*y + z`, `z + x*y` and `x*y - c` (`c` a number) as `multiplyAdd(x, y, z)` and `multiplyAdd(x, y, -c)`;
    /// `square(x)` of a leaf counts as `x*x`. The same values: IEEE's `a - c` is `a + (-c)`, and addition
    /// commutes (with two NaN operands, which one's payload comes back may differ).
    private static func multiplyAdd(_ code: ElementwiseCode, _ operands: [ElementwiseExpression])
        -> ElementwiseExpression? {
        func factors(_ e: ElementwiseExpression) -> [ElementwiseExpression]? {
            switch e {
            case .apply(.multiply, let xy): return xy
            case .apply(.square, let x):
                switch x[0] {
                case .tensor, .number: return [x[0], x[0]]
                case .apply: return nil  // its subtree would be computed twice
                }
            default: return nil
            }
        }
        switch code {
        case .add:
            if let xy = factors(operands[0]) { return .apply(.multiplyAdd, xy + [operands[1]]) }
            if let xy = factors(operands[1]) { return .apply(.multiplyAdd, xy + [operands[0]]) }
        case .subtract:
            if let xy = factors(operands[0]), case .number(let c) = operands[1], !c.isNaN {
                return .apply(.multiplyAdd, xy + [.number(-c)])
            }
        default: break
        }
        return nil
    }

    private mutating func emit(_ e: ElementwiseExpression) throws -> Operand {
        switch e {
        case .tensor(let t):
            if let i = leaves.firstIndex(where: { $0.buffer === t.buffer && $0.shape == t.shape }) { return .leaf(i) }
            leaves.append(t)
            return .leaf(leaves.count - 1)
        case .number(let v):
            let f = Float(v)
            if let i = constants.firstIndex(where: { $0.bitPattern == f.bitPattern }) { return .constant(i) }
            constants.append(f)
            return .constant(constants.count - 1)
        case .apply(let code, let operands):
            let inputs = try operands.map { try emit($0) }
            for case .register(let r) in Set(inputs) { freeRegisters.append(r) }
            let destination: Operand
            if let r = freeRegisters.popLast() {
                destination = .register(r)
            } else {
                destination = .register(registers)
                registers += 1
            }
            pending.append((code, destination, inputs))
            return destination
        }
    }
}
