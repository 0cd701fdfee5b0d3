import Testing
@testable import Ops

/// `Convolution.convolve(bias:)` adds the bias where each path stores its output (the direct conv per row, Winograd
/// in its output transform, the other paths in a pass after): bit for bit what the conv without relu followed by
/// `tf.nn.bias_add` and `tf.nn.relu` gives, which the tests compute here with their own loop.
@Suite struct ConvBiasTests {
    /// Geometries reaching every path: the small-Cin direct conv (merged taps), a block wider than Cout (scratch
    /// tiles), input-channel blocks (bias after the last block only), Winograd, pointwise and depthwise.
    static let cases: [(input: [Int], kernel: [Int], algorithm: ConvAlgorithm, limits: ScheduleLimits,
                        path: Convolution.Path)] = [
        ([1, 13, 17, 3], [3, 3, 3, 64], .direct, .standard, .direct),
        ([2, 9, 11, 5], [3, 3, 5, 20], .direct, .standard, .direct),
        ([1, 7, 13, 21], [3, 3, 21, 19], .direct, ScheduleLimits(weightBudget: 2048), .direct),
        ([1, 10, 14, 16], [3, 3, 16, 70], .winograd, .standard, .winograd),
        ([2, 5, 7, 9], [1, 1, 9, 33], .direct, .standard, .pointwise),
        ([1, 7, 23, 17], [3, 5], .direct, .standard, .depthwise),
    ]

    @Test(arguments: ISA.supported)
    func fusedBiasEqualsTheSeparatePass(isa: ISA) throws {
        for (i, c) in Self.cases.enumerated() {
            for relu in [false, true] {
                var rng = SeededGenerator(seed: UInt64(900 + i))
                let g = try ConvGeometry(input: c.input, kernel: c.kernel, padding: .same, relu: relu)
                #expect(Convolution.path(for: g, algorithm: c.algorithm) == c.path)
                let x = try randomTensor(c.input, &rng), k = try randomTensor(c.kernel, &rng)
                let b = try randomTensor([g.outChannels], &rng)
                let fused = try Convolution.convolve(x, k, g, threads: 2, isa: isa, limits: c.limits,
                                                     algorithm: c.algorithm, bias: b)
                var plain = g
                plain.relu = false
                let conv = try Convolution.convolve(x, k, plain, threads: 2, isa: isa, limits: c.limits,
                                                    algorithm: c.algorithm)
                let expected = biasThenRelu(conv.scalars, b.scalars, relu: relu)
                #expect(same(fused.scalars, expected), "\(isa) \(c.path) \(g.summary)")
            }
        }
    }

    /// A kernel holding NaN takes the reference loop (it skips padded taps); the bias is added after it there too.
    @Test func nonFiniteKernelTakesTheBiasAfterTheReference() throws {
        var rng = SeededGenerator(seed: 950)
        let x = try randomTensor([1, 6, 7, 4], &rng)
        var values = try randomTensor([3, 3, 4, 8], &rng).scalars
        values[5] = .nan
        let k = try Tensor(shape: [3, 3, 4, 8], values: values)
        let b = try randomTensor([8], &rng)
        let g = try ConvGeometry(input: x.shape, kernel: k.shape, padding: .same, relu: true)
        let fused = try Convolution.convolve(x, k, g, threads: 2, bias: b)
        var plain = g
        plain.relu = false
        let expected = biasThenRelu(try ConvReference.convolve(x, k, plain).scalars, b.scalars, relu: true)
        #expect(expected.contains { $0.isNaN } && expected.contains { !$0.isNaN })
        #expect(same(fused.scalars, expected))
    }

    /// `conv2d X K same bias=B activation=relu` equals `relu(bias(conv2d X K same) B)` through the registry, on
    /// both algorithms.
    @Test func conv2dOpWithBiasEqualsBiasThenRelu() throws {
        var rng = SeededGenerator(seed: 960)
        let x = try randomTensor([12, 14, 64], &rng), k = try randomTensor([3, 3, 64, 64], &rng)
        let b = try randomTensor([64], &rng)
        let registry = Registry(), context = Context(threads: 2) { _ in }
        func run(_ op: String, _ args: [Value], _ options: [(String, Value)] = []) throws -> Tensor {
            try registry.call(op, args.map { if case .string(let w) = $0 { return .word(w) } else { return Argument($0) } },
                              options: options.map { (key: $0.0, value: Argument($0.1)) },
                              context: context)!.tensor!
        }
        for algo in ["direct", "winograd"] {
            let fused = try run("conv2d", [.tensor(x), .tensor(k), .string("same")],
                                [("bias", .tensor(b)), ("activation", .string("relu")), ("algo", .string(algo))])
            let conv = try run("conv2d", [.tensor(x), .tensor(k), .string("same")], [("algo", .string(algo))])
            let separate = try run("relu", [.tensor(try run("bias", [.tensor(conv), .tensor(b)]))])
            #expect(same(fused.scalars, separate.scalars), "algo=\(algo)")
        }
    }

    /// `y + b[c]` per pixel, then `x <= 0 ? 0 : x` (`tf.nn.relu`: NaN stays NaN).
    private func biasThenRelu(_ y: [Float], _ b: [Float], relu: Bool) -> [Float] {
        y.indices.map { i in
            let v = y[i] + b[i % b.count]
            return relu && v <= 0 ? 0 : v
        }
    }

    private func same(_ a: [Float], _ b: [Float]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
    }
}
