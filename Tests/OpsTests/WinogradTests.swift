import Testing
@testable import Ops

/// Winograd F(4,3) and F(6,3) against `ConvReference` within the bound `help conv2d` states, on every kernel set
/// this CPU runs; the fallbacks, `auto`, thread counts and the weight cache.
@Suite(.serialized) struct WinogradTests {
    static let isas = ISA.supported
    static let tiles = [4, 6]

    /// Random stride-1 3x3 convs: odd sizes (tiles cut by the image edge), channel counts that are not multiples
    /// of any vector width, batches, both paddings, every border, fused relu.
    @Test(arguments: isas, tiles)
    func randomGeometries(isa: ISA, tile: Int) throws {
        var rng = SeededGenerator(seed: 0x3A3 + UInt64(tile))
        var checked = 0
        for index in 0..<60 {
            let cin = [16, 17, 19, 21, 33, 40][Int.random(in: 0..<6, using: &rng)]
            let cout = [1, 3, 8, 13, 16, 17, 33, 64, 70][Int.random(in: 0..<9, using: &rng)]
            let shape = [Int.random(in: 1...3, using: &rng), Int.random(in: 1...14, using: &rng),
                         Int.random(in: 1...21, using: &rng), cin]
            let padding: Padding = index % 2 == 0 ? .same : .valid
            guard let g = try? ConvGeometry(input: shape, kernel: [3, 3, cin, cout], padding: padding,
                                            border: Border.allCases[index % 4], relu: Bool.random(using: &rng))
            else { continue }  // valid padding on an image smaller than the kernel
            try check(g, isa: isa, tile: tile, seed: UInt64(index))
            checked += 1
        }
        #expect(checked > 40)
    }

    /// Shapes random sizes rarely reach: several chunks of tiles with a partial last one, Cin past one chunk's
    /// budget (one tile per GEMM row), output channels in every block width, a 1x1 image.
    @Test(arguments: isas, tiles)
    func largerShapes(isa: ISA, tile: Int) throws {
        let cases: [(input: [Int], cout: Int, border: Border)] = [
            ([2, 29, 31, 24], 40, .zero), ([1, 9, 12, 200], 20, .reflect), ([1, 40, 7, 64], 64, .wrap),
            ([3, 1, 1, 20], 6, .replicate), ([1, 13, 30, 48], 96, .zero),
        ]
        for (i, c) in cases.enumerated() {
            let g = try ConvGeometry(input: c.input, kernel: [3, 3, c.input[3], c.cout], padding: .same,
                                     border: c.border, relu: i % 2 == 0)
            try check(g, isa: isa, tile: tile, seed: UInt64(50 + i))
        }
    }

    /// Stride, dilation, other kernel sizes, 2-D kernels and fewer than 16 input channels run direct with
    /// `winograd`: the same bits as direct.
    @Test func fallsBackToDirect() throws {
        var rng = SeededGenerator(seed: 9)
        let x = try randomTensor([1, 12, 13, 8], &rng)
        let x16 = try randomTensor([1, 12, 13, 16], &rng)
        for (kernel, stride, dilation) in [([3, 3, 16, 16], 2, 1), ([3, 3, 16, 16], 1, 2), ([5, 5, 16, 16], 1, 1),
                                           ([3, 3], 1, 1), ([1, 1, 16, 16], 1, 1), ([3, 3, 8, 16], 1, 1)] {
            let x = kernel.count == 4 && kernel[2] == 16 ? x16 : x
            let k = try randomTensor(kernel, &rng)
            let g = try ConvGeometry(input: x.shape, kernel: kernel, padding: .same, stride: (stride, stride),
                                     dilation: (dilation, dilation))
            #expect(Convolution.path(for: g, algorithm: .winograd) == Convolution.path(for: g))
            let winograd = try Convolution.convolve(x, k, g, threads: 2, algorithm: .winograd)
            #expect(winograd.scalars == (try Convolution.convolve(x, k, g, threads: 2)).scalars)
        }
    }

    /// `auto` depends on the geometry alone, and computes exactly what the path it names computes.
    @Test func autoIsDeterministic() throws {
        var rng = SeededGenerator(seed: 10)
        var seen: Set<Convolution.Path> = []
        for (input, cout) in [([1, 20, 20, 64], 64), ([1, 40, 40, 32], 64), ([1, 8, 8, 64], 64),
                              ([2, 16, 14, 64], 70)] {
            let g = try ConvGeometry(input: input, kernel: [3, 3, input[3], cout], padding: .same)
            let path = Convolution.path(for: g, algorithm: .auto)
            #expect((0..<3).allSatisfy { _ in Convolution.path(for: g, algorithm: .auto) == path })
            seen.insert(path)
            let x = try randomTensor(input, &rng), k = try randomTensor(g.kernelShape, &rng)
            let auto = try Convolution.convolve(x, k, g, threads: 2, algorithm: .auto)
            let named = try Convolution.convolve(x, k, g, threads: 2, algorithm: path == .winograd ? .winograd : .direct)
            #expect(auto.scalars == named.scalars, "\(g.summary)")
        }
        #expect(seen == [.winograd, .direct])
    }

    /// 1, 2 and 3 threads, twice each: bit-identical (each output depends only on its own tile).
    @Test(arguments: isas)
    func threadCountsAgree(isa: ISA) throws {
        var rng = SeededGenerator(seed: 11)
        for (input, cout, tile) in [([2, 23, 26, 19], 37, 4), ([1, 30, 17, 64], 70, 6)] {
            let g = try ConvGeometry(input: input, kernel: [3, 3, input[3], cout], padding: .same, border: .reflect,
                                     relu: true)
            let x = try randomTensor(input, &rng), k = try randomTensor(g.kernelShape, &rng)
            let first = try Convolution.convolve(x, k, g, threads: 1, isa: isa, algorithm: .winograd,
                                                 winogradTile: tile).scalars
            for threads in [2, 3, 2, 3] {
                let again = try Convolution.convolve(x, k, g, threads: threads, isa: isa, algorithm: .winograd,
                                                     winogradTile: tile).scalars
                #expect(again == first, "\(g.summary) on \(threads) threads")
            }
        }
    }

    /// A repeated call reuses the transformed weights; writing the kernel (in place, or a copy of it) never
    /// reads a stale transform.
    @Test func weightCacheFollowsTheKernel() throws {
        let cache = WinogradWeightCache.shared, kernels = ISA.selected.kernels, tile = ConvAlgorithm.winogradTile
        var rng = SeededGenerator(seed: 12)
        let x = try randomTensor([1, 10, 11, 16], &rng)
        var k = try randomTensor([3, 3, 16, 5], &rng)
        let g = try ConvGeometry(input: x.shape, kernel: k.shape, padding: .same)
        #expect(!cache.holds(k, tile: tile, kernels: kernels))
        let first = try Convolution.convolve(x, k, g, threads: 2, algorithm: .winograd)
        #expect(cache.holds(k, tile: tile, kernels: kernels))
        #expect((try Convolution.convolve(x, k, g, threads: 2, algorithm: .winograd)).scalars == first.scalars)

        try k.withUnsafeMutableBufferPointer { $0[0] += 3 }  // the cache shares k's storage: this copies it
        #expect(!cache.holds(k, tile: tile, kernels: kernels))
        let changed = try Convolution.convolve(x, k, g, threads: 2, algorithm: .winograd)
        #expect(cache.holds(k, tile: tile, kernels: kernels))
        #expect(changed.scalars != first.scalars)
        #expect(try withinBound(changed, x, k, g, tile: tile) == nil)
    }

    /// `conv2d ... algo=` and the session's `convAlgorithm` reach the conv; the result records what ran.
    @Test func opOptionAndSessionSetting() throws {
        var rng = SeededGenerator(seed: 13)
        let x = try randomTensor([20, 20, 32], &rng), k = try randomTensor([3, 3, 32, 32], &rng)
        let tensors = ["x": x, "k": k]
        let plain = try run("conv2d", [.word("x"), .word("k"), .word("same")], tensors: tensors)!
        let asked = try run("conv2d", [.word("x"), .word("k"), .word("same")], options: [("algo", .word("winograd"))],
                            tensors: tensors)!
        let context = Context(threads: 2, write: { _ in })
        context.convAlgorithm = .winograd
        let session = try run("conv2d", [.word("x"), .word("k"), .word("same")], tensors: tensors, context: context)!
        #expect((plain.origin?.detail as? ConvRun)?.path == .direct)
        #expect((asked.origin?.detail as? ConvRun)?.method == "winograd F(4,3)")
        #expect(asked.scalars == session.scalars && asked.scalars != plain.scalars)
        let strided = try run("conv2d", [.word("x"), .word("k"), .word("same")],
                              options: [("algo", .word("winograd")), ("stride", .number(2))], tensors: tensors)!
        #expect((strided.origin?.detail as? ConvRun)?.path == .direct)
        #expect((strided.origin?.detail as? ConvRun)?.method?.hasPrefix("direct (winograd needs") == true)
        #expect(throws: OpError.self) {
            try run("conv2d", [.word("x"), .word("k")], options: [("algo", .word("fast"))], tensors: tensors)
        }
    }

    // MARK: - Helpers

    private func check(_ g: ConvGeometry, isa: ISA, tile: Int, seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let x = try randomTensor([g.batch, g.height, g.width, g.inChannels], &rng)
        let k = try randomTensor(g.kernelShape, &rng)
        #expect(Convolution.path(for: g, algorithm: .winograd) == .winograd)
        let got = try Convolution.convolve(x, k, g, threads: 2, isa: isa, algorithm: .winograd, winogradTile: tile)
        let mismatch = try withinBound(got, x, k, g, tile: tile)
        #expect(mismatch == nil, "\(isa) F(\(tile),3) \(g.summary): \(mismatch ?? "")")
    }

    /// `|y - exact| ≤ (9·Cin + c)·2⁻²⁴·max Σ|x·w|` for every output (the documented bound, `c` =
    /// `ConvAlgorithm.transformUnits`), or what broke it.
    private func withinBound(_ got: Tensor, _ x: Tensor, _ k: Tensor, _ g: ConvGeometry, tile: Int) throws -> String? {
        let expected = try ConvReference.convolve(x, k, g).scalars
        var plain = g
        plain.relu = false
        let largest = try ConvReference.convolve(try absolute(x), try absolute(k), plain).scalars.max() ?? 0
        let bound = Float(9 * g.inChannels + ConvAlgorithm.transformUnits(tile: tile)) / Float(1 << 24) * largest
        guard got.shape == g.outputShape else { return "shape \(got.shape)" }
        for (i, (a, b)) in zip(got.scalars, expected).enumerated() where !(abs(a - b) <= bound) {
            return "element \(i): got \(a), expected \(b) (bound \(bound))"
        }
        return nil
    }
}

extension ConvGeometry {
    /// `[kh,kw,Cin,Cout]`.
    var kernelShape: [Int] { [kernelHeight, kernelWidth, inChannels, outChannels] }
}
