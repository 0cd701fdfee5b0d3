import Testing
@testable import Ops

/// NaN and ±inf in the range, the histogram, `stats`, the description and a kernel's header: counted, left out
/// of every figure, never a trap (`stats [inf, 1]` used to end the shell in `Histogram.init`).
struct NonFiniteTests {
    let mixed = try! Tensor(shape: [6], values: [1, .nan, .infinity, -.infinity, 3, .infinity])

    @Test func countsAndRange() throws {
        #expect(mixed.nonFinite == NonFiniteCounts(nan: 1, positiveInfinity: 2, negativeInfinity: 1))
        #expect(mixed.nonFinite.description == "1 NaN, 2 +inf, 1 -inf")
        #expect(mixed.range!.min == 1 && mixed.range!.max == 3)
        #expect(try Tensor(shape: [2], values: [.infinity, .nan]).range == nil)
    }

    @Test func histogramBinsFiniteValuesOnly() throws {
        let h = Histogram(mixed, bins: 2)
        #expect(h.counts == [1, 1] && h.low == 1 && h.high == 3)
        let none = Histogram(try Tensor(shape: [2], values: [.infinity, -.infinity]))
        #expect(none.counts.isEmpty && none.sparkline.isEmpty)
        // Extremes of float32 whose difference overflows Float: binned in Double.
        let wide = Histogram(try Tensor(shape: [2], values: [-.greatestFiniteMagnitude, .greatestFiniteMagnitude]),
                             bins: 2)
        #expect(wide.counts == [1, 1])
    }

    @Test func statsSaysWhatWasLeftOut() throws {
        let out = try VizHarness.run("stats", [.word("x")], tensors: ["x": try Tensor(shape: [2], values: [.infinity, 1])])
        #expect(out == """
            x: [2] float32, 8 B
              min 1  max 1  mean 1  std 0
              zeros 0.00%  negatives 0.00%
              also 1 +inf, left out of every figure
              histogram 1 ▕█▏ 1

            """)
        let nothing = try VizHarness.run("stats", [.word("x")], tensors: ["x": try Tensor(shape: [1], values: [.nan])])
        #expect(nothing == "x: [1] float32, 4 B\n  no finite values: 1 NaN\n")
    }

    @Test func descriptionCountsNonFinite() throws {
        #expect(TensorDescription.describe(try Tensor(shape: [3, 30], repeating: .nan), name: "f")
            == "f: [3,30] float32 (360 B), all non-finite: 90 NaN")
        let line = TensorDescription.describe(try Tensor(shape: [1, 20], values: [Float](repeating: 2, count: 19)
            + [-.infinity]), name: "g").split(separator: "\n")[0]
        #expect(line == "g: [1,20] float32 (80 B), range 2 .. 2, also 1 -inf")
    }

    @Test func kernelWithInfinityIsNotZeroSumming() {
        #expect(KernelTable.sumClass([.infinity, 1]) == "sum inf")
        #expect(KernelTable.sumClass([.infinity, -.infinity]) == "sum nan")
        #expect(KernelTable.sumClass([.nan, 0]) == "sum nan")
        #expect(KernelTable.sumClass([-1, 1]) == "zero-summing")
    }
}
