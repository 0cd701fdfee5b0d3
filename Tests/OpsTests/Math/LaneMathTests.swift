import ConvKernels
import Foundation
import Testing
@testable import Ops

/// The vectorised transcendental functions and activations of the element-wise engine against double-precision
/// definitions (glibc's libm), over the whole float range: every ISA this CPU runs, an odd length so the last
/// vector is a partial one, ±0, ±inf, NaN, subnormals and both overflow thresholds.
@Suite struct LaneMathTests {
    static let isas = ISA.supported

    /// Floats spread over every binade of both signs (each 65537th bit pattern, an odd count), and the specials.
    static let inputs: [Float] = {
        var values = stride(from: UInt32(0), to: UInt32.max - 65_537, by: 65_537).map { Float(bitPattern: $0) }
        values += [0, -0.0, .infinity, -.infinity, .nan, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
                   .leastNormalMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 88.72283, 88.72284,
                   -87.33655, -103.97208, -103.97209, 1, -1, 0.625, -0.625, 3.9, -3.9]
        return values.filter { !$0.isNaN } + [.nan]
    }()

    /// The engine's result for `code` on every input, on `isa`.
    static func engine(_ code: ElementwiseCode, _ isa: ISA) throws -> [Float] {
        let x = try Tensor(shape: [inputs.count], values: inputs)
        guard case .tensor(let y) = try ElementwiseExpression.call(code, .tensor(x)).evaluate(threads: 2, isa: isa)
        else { throw OpError("not a tensor") }
        return y.scalars
    }

    /// The distance from `got` to the exact `reference` in units of the float spacing at the rounded reference: 0
    /// when both are the same non-finite value or NaN, or when a reference below 2^-126 is within 2^-126.
    static func ulps(_ got: Float, _ reference: Double) -> Double {
        let rounded = Float(reference)
        if reference.isNaN || got.isNaN { return reference.isNaN && got.isNaN ? 0 : .infinity }
        if !rounded.isFinite || !got.isFinite {
            // Near the overflow threshold the largest float is as good as inf.
            let saturated = abs(got) >= .greatestFiniteMagnitude && abs(rounded) >= .greatestFiniteMagnitude
            return got == rounded || (saturated && got.sign == rounded.sign) ? 0 : .infinity
        }
        let error = abs(Double(got) - reference)
        // Below the normal range (sigmoid(-100) · -100 in swish, say) only an absolute bound is meaningful.
        let tiny = Double(Float.leastNormalMagnitude)
        if abs(reference) < tiny { return error <= tiny ? 0 : .infinity }
        return error / Double(rounded.ulp)
    }

    /// The largest error of `code` in ulps (or absolute, with `absolute`) over the inputs, on `isa`.
    static func worst(_ code: ElementwiseCode, _ isa: ISA, absolute: Bool = false,
                      over domain: (Float) -> Bool = { _ in true }, _ reference: (Double) -> Double) throws -> Double {
        var worst = 0.0
        for (x, got) in zip(inputs, try engine(code, isa)) where domain(x) {
            let exact = reference(Double(x))
            let error = absolute && exact.isFinite && got.isFinite ? abs(Double(got) - exact) : ulps(got, exact)
            if error.isNaN || error > worst { worst = error.isNaN ? .infinity : error }
        }
        return worst
    }

    @Test(arguments: isas)
    func functionsStayWithinTheirStatedUlps(isa: ISA) throws {
        #expect(try Self.worst(.exp, isa) { exp($0) } <= 2, "exp \(isa)")
        #expect(try Self.worst(.log, isa) { log($0) } <= 2, "log \(isa)")
        #expect(try Self.worst(.log1p, isa) { log1p($0) } <= 3, "log1p \(isa)")
        #expect(try Self.worst(.tanh, isa) { tanh($0) } <= 3, "tanh \(isa)")
    }

    @Test(arguments: isas)
    func activationsStayWithinTheirStatedErrors(isa: ISA) throws {
        let sigmoid = { (x: Double) in 1 / (1 + exp(-x)) }
        #expect(try Self.worst(.sigmoid, isa, sigmoid) <= 4, "sigmoid \(isa)")
        #expect(try Self.worst(.softplus, isa) { max($0, 0) + log1p(exp(-abs($0))) } <= 4, "softplus \(isa)")
        #expect(try Self.worst(.elu, isa) { $0 > 0 ? $0 : expm1($0) } <= 3, "elu \(isa)")
        // swish = x · sigmoid(x): below -87 sigmoid is subnormal (few significant bits) and x scales its error up.
        #expect(try Self.worst(.swish, isa, over: { !($0 < -87) }) { $0 * sigmoid($0) } <= 5, "swish \(isa)")
        // gelu: absolute error at most max(1, |x|) · 3e-7 (erf's), compared for |x| ≤ 8.
        let gelu = { (x: Double) in x * 0.5 * (1 + erf(x / 2.0.squareRoot())) }
        var worstGelu = 0.0
        for (x, got) in zip(Self.inputs, try Self.engine(.gelu, isa)) where abs(x) <= 8 {
            worstGelu = max(worstGelu, abs(Double(got) - gelu(Double(x))) / max(1, Double(abs(x))))
        }
        #expect(worstGelu <= 3e-7, "gelu \(isa): \(worstGelu)")
    }

    /// Every ISA gives the very same bits (plain multiplies and adds, never fused).
    @Test func everyISAGivesTheSameBits() throws {
        let codes: [ElementwiseCode] = [.exp, .log, .log1p, .tanh, .sigmoid, .softplus, .elu, .selu, .swish, .gelu,
                                        .geluTanh]
        for code in codes {
            let results = try Self.isas.map { try Self.engine(code, $0).map(\.bitPattern) }
            #expect(Set(results).count == 1, "\(code)")
        }
        #expect(Self.isas.count >= 1)
    }
}
