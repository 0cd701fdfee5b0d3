import Testing
@testable import Ops

/// Every conv path, on every kernel set this CPU runs, equals `ConvReference` within float32 accumulation error.
@Suite struct ConvScheduleTests {
    static let isas = ISA.supported

    /// Random small geometries through whichever path they take: odd sizes, strides, dilations, channel counts
    /// that are not multiples of any vector width, batches, both paddings, every border, fused relu.
    @Test(arguments: isas)
    func randomGeometries(isa: ISA) throws {
        var rng = SeededGenerator(seed: 0xC0FFEE)
        var checked = 0
        for index in 0..<120 {
            let depthwise = index % 5 == 0
            let kh = Int.random(in: 1...5, using: &rng), kw = Int.random(in: 1...5, using: &rng)
            let stride = (Int.random(in: 1...3, using: &rng), Int.random(in: 1...3, using: &rng))
            let dilation = index % 3 == 0 ? (Int.random(in: 1...3, using: &rng), Int.random(in: 1...3, using: &rng))
                : (1, 1)
            let cin = [1, 2, 3, 5, 7, 16, 17][Int.random(in: 0..<7, using: &rng)]
            let cout = [1, 3, 8, 13, 16, 17, 33, 64, 70][Int.random(in: 0..<9, using: &rng)]
            let shape = [Int.random(in: 1...2, using: &rng), Int.random(in: 1...11, using: &rng),
                         Int.random(in: 1...19, using: &rng), cin]
            let padding: Padding = Bool.random(using: &rng) ? .same : .valid
            let border = Border.allCases[Int.random(in: 0..<4, using: &rng)]
            let kernelShape = depthwise ? [kh, kw] : [kh, kw, cin, cout]
            guard let g = try? ConvGeometry(input: shape, kernel: kernelShape, padding: padding, stride: stride,
                                            dilation: dilation, border: border, relu: Bool.random(using: &rng))
            else { continue }  // valid padding with a kernel larger than the image
            try check(g, isa: isa, seed: UInt64(index))
            checked += 1
        }
        // The skipped geometries must stay the exception: a rule that refused them all would check nothing.
        #expect(checked >= 90, "only \(checked) of 120 random geometries were valid")
    }

    /// The direct path's shapes that random sizes rarely reach: the small-Cin first layer (merged taps), a
    /// channel block wider than Cout, and Cin large enough to be cut into input-channel blocks (with relu only
    /// on the last block).
    @Test(arguments: isas)
    func directPathShapes(isa: ISA) throws {
        let cases: [(input: [Int], kernel: [Int], stride: Int, dilation: Int, border: Border, relu: Bool)] = [
            ([1, 13, 17, 3], [3, 3, 3, 64], 1, 1, .zero, true),
            ([2, 9, 11, 3], [3, 3, 3, 20], 2, 1, .reflect, false),
            ([1, 7, 9, 130], [3, 3, 130, 72], 1, 1, .zero, true),
            ([1, 6, 8, 150], [3, 3, 150, 16], 1, 2, .wrap, true),
            ([1, 5, 31, 8], [1, 7, 8, 96], 3, 1, .replicate, false),
            ([1, 2, 2, 4], [5, 5, 4, 9], 1, 1, .reflect, true),
        ]
        for (i, c) in cases.enumerated() {
            let g = try ConvGeometry(input: c.input, kernel: c.kernel, padding: .same, stride: (c.stride, c.stride),
                                     dilation: (c.dilation, c.dilation), border: c.border, relu: c.relu)
            #expect(Convolution.path(for: g) == .direct)
            try check(g, isa: isa, seed: UInt64(100 + i))
        }
    }

    /// Input channels cut into blocks (the budget shrunk so small shapes need several): later blocks accumulate
    /// into the output, through scratch tiles at the edges and for partial channel blocks; relu only at the end.
    @Test(arguments: isas)
    func inputChannelBlocks(isa: ISA) throws {
        let cases: [(input: [Int], kernel: [Int], stride: Int, dilation: Int, border: Border)] = [
            ([1, 7, 13, 21], [3, 3, 21, 19], 1, 1, .zero),
            ([2, 6, 9, 10], [3, 2, 10, 40], 2, 1, .reflect),
            ([1, 5, 11, 13], [3, 3, 13, 8], 1, 2, .wrap),
            ([2, 3, 5, 37], [1, 1, 37, 70], 1, 1, .zero),
        ]
        for (i, c) in cases.enumerated() {
            let g = try ConvGeometry(input: c.input, kernel: c.kernel, padding: .same, stride: (c.stride, c.stride),
                                     dilation: (c.dilation, c.dilation), border: c.border, relu: true)
            try check(g, isa: isa, seed: UInt64(400 + i), limits: ScheduleLimits(weightBudget: 2048))
        }
    }

    /// 1x1 stride-1 convs: one matrix product over the batch, with partial last tiles and input-channel blocks.
    @Test(arguments: isas)
    func pointwise(isa: ISA) throws {
        for (i, (input, cout)) in [([3, 5, 7, 9], 70), ([1, 1, 1, 1], 5), ([1, 4, 13, 1100], 20),
                                   ([1, 13, 15, 64], 64)].enumerated() {
            let g = try ConvGeometry(input: input, kernel: [1, 1, input[3], cout], padding: .same, relu: i % 2 == 0)
            #expect(Convolution.path(for: g) == .pointwise)
            try check(g, isa: isa, seed: UInt64(200 + i))
        }
    }

    /// One-channel filters and 2-D kernels on many channels, through every border and stride.
    @Test(arguments: isas)
    func depthwise(isa: ISA) throws {
        var seed: UInt64 = 300
        for channels in [1, 3, 17] {
            for border in Border.allCases {
                for (stride, dilation) in [(1, 1), (2, 1), (1, 2), (3, 2)] {
                    let g = try ConvGeometry(input: [1, 7, 23, channels], kernel: [3, 5], padding: .same,
                                             stride: (stride, stride), dilation: (dilation, dilation), border: border,
                                             relu: stride == 1)
                    #expect(Convolution.path(for: g) == .depthwise)
                    try check(g, isa: isa, seed: seed)
                    seed += 1
                }
            }
        }
        let g = try ConvGeometry(input: [1, 6, 70, 1], kernel: [3, 3, 1, 1], padding: .valid)
        #expect(Convolution.path(for: g) == .depthwise)
        try check(g, isa: isa, seed: seed)
        // Non-temporal stores: a scalar head up to a 64-byte boundary, aligned vectors, then the tail; rows in
        // pairs too where the two rows' outputs share their alignment (W·C a multiple of 16).
        for (input, kernel) in [([1, 9, 133, 1], [3, 3]), ([2, 5, 41, 3], [5, 3]), ([1, 4, 3, 1], [3, 3]),
                                ([1, 12, 80, 1], [3, 3]), ([1, 11, 40, 2], [4, 5])] {
            let g = try ConvGeometry(input: input, kernel: kernel, padding: .same, border: .replicate, relu: true)
            try check(g, isa: isa, seed: seed + UInt64(input[2]), limits: ScheduleLimits(streamingBytes: 0))
        }
    }

    /// The same conv on 1, 2 and 3 threads, twice each: bit-identical every time.
    @Test(arguments: isas)
    func threadedResultsAreDeterministic(isa: ISA) throws {
        var rng = SeededGenerator(seed: 7)
        let small = ScheduleLimits(weightBudget: 2048, streamingBytes: 0)
        for (input, kernel, limits) in [([2, 11, 13, 5], [3, 3, 5, 40], ScheduleLimits.standard),
                                        ([1, 30, 41, 3], [3, 3], small), ([1, 7, 8, 30], [3, 3, 30, 20], small),
                                        ([1, 20, 20, 24], [1, 1, 24, 24], small)] {
            let x = try randomTensor(input, &rng), k = try randomTensor(kernel, &rng)
            let g = try ConvGeometry(input: input, kernel: kernel, padding: .same, border: .reflect, relu: true)
            let first = try Convolution.convolve(x, k, g, threads: 1, isa: isa, limits: limits).scalars
            for threads in [2, 3, 2, 3] {
                let again = try Convolution.convolve(x, k, g, threads: threads, isa: isa, limits: limits).scalars
                #expect(again == first, "\(g.summary) on \(threads) threads")
            }
        }
    }

    private func check(_ g: ConvGeometry, isa: ISA, seed: UInt64, limits: ScheduleLimits = .standard) throws {
        var rng = SeededGenerator(seed: seed)
        let input = try randomTensor([g.batch, g.height, g.width, g.inChannels], &rng)
        let kernel = try randomTensor(g.depthwise ? [g.kernelHeight, g.kernelWidth]
                                      : [g.kernelHeight, g.kernelWidth, g.inChannels, g.outChannels], &rng)
        let got = try Convolution.convolve(input, kernel, g, threads: 2, isa: isa, limits: limits)
        let mismatch = try referenceMismatch(got, input, kernel, g)
        #expect(mismatch == nil, "\(isa) \(Convolution.path(for: g)) \(g.summary): \(mismatch ?? "")")
    }
}
