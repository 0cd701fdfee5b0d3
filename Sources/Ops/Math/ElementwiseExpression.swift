import ConvKernels

/// The op codes of the fused element-wise engine (`ConvKernels/ElementwiseCode.swift`: the one op table).
public typealias ElementwiseCode = ConvKernels.ElementwiseCode

/// An element-wise expression: leaves are tensors or numbers, nodes apply one op code to 1–3 operands.
///
/// The front end builds one tree per expression (`sqrt(gx**2 + gy**2)` is `sqrt(add(power(gx, 2), power(gy, 2)))`)
/// and evaluates it once: operands broadcast as NumPy's do, and the whole tree runs in one threaded pass over
/// tiles of the output with no full-size temporaries (`FusedEvaluation`). A tree with no tensor leaf evaluates
/// in `Double` and stays a number, as Python's arithmetic does.
public indirect enum ElementwiseExpression: @unchecked Sendable {
    case tensor(Tensor)
    case number(Double)
    case apply(ElementwiseCode, [ElementwiseExpression])

    /// A node; the operand count must equal `code.arity` (checked by `evaluate`).
    public static func call(_ code: ElementwiseCode, _ operands: ElementwiseExpression...) -> ElementwiseExpression {
        .apply(code, operands)
    }

    /// What an evaluation gives: a number when no leaf is a tensor, else a tensor.
    public enum Result: @unchecked Sendable {
        case number(Double)
        case tensor(Tensor)
    }

    /// The result's shape: the broadcast of every tensor leaf's shape; nil when no leaf is a tensor.
    public func shape() throws -> [Int]? {
        switch self {
        case .tensor(let t): return t.shape
        case .number: return nil
        case .apply(let code, let operands):
            guard operands.count == code.arity else {
                throw OpError("\(code) takes \(code.arity) operand\(code.arity == 1 ? "" : "s"), got \(operands.count)")
            }
            var result: [Int]?
            for operand in operands {
                guard let s = try operand.shape() else { continue }
                result = try result.map { try Broadcast.shape($0, s) } ?? s
            }
            return result
        }
    }

    /// Evaluates the tree: in `Double` when it has no tensor leaf, else fused on up to `threads` threads.
    public func evaluate(threads: Int, isa: ISA = .selected) throws -> Result {
        guard let shape = try shape() else { return .number(try numberValue()) }
        let program = try FusedProgram(self, shape: shape)
        return .tensor(try program.run(threads: threads, isa: isa))
    }

    /// The value of a tree with no tensor leaf, computed in `Double` through the same op table.
    func numberValue() throws -> Double {
        switch self {
        case .number(let v): return v
        case .tensor: throw OpError("expected a number, got a tensor")
        case .apply(let code, let operands):
            var values = try operands.map { try $0.numberValue() }
            while values.count < 3 { values.append(0) }
            var result = 0.0
            values.withUnsafeBufferPointer { v in
                code.run(v.baseAddress!, v.baseAddress! + 1, v.baseAddress! + 2, &result, 1, SIMD2<Double>.self)
            }
            return result
        }
    }
}
