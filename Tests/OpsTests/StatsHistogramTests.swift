import Testing
@testable import Ops

/// The histogram line of `stats`.
struct StatsHistogramTests {
    @Test func binsAndBars() throws {
        // Bins of width 1/4 over 0..1: three zeros in bin 0, the 1 in the last bin (max goes to the last bin).
        let h = Histogram(try Tensor(shape: [4], values: [0, 0, 0, 1]), bins: 4)
        #expect(h.counts == [3, 0, 0, 1])
        // Fullest bin █; one value against three: ⌈8·√(1/3)⌉ = ⌈4.62⌉ = 5 → the fifth bar ▅; empty bins blank.
        #expect(h.sparkline == "█  ▅")
        // 32 against 1000: ⌈8·√0.032⌉ = ⌈1.43⌉ = 2 → ▂; 1 against 1000: ⌈8·√0.001⌉ = ⌈0.25⌉ = 1 → ▁.
        let skewed = Histogram(try Tensor(shape: [1032], values: [Float](repeating: 0, count: 1000)
            + [Float](repeating: 0.75, count: 31) + [1]), bins: 2)
        #expect(skewed.counts == [1000, 32] && skewed.sparkline == "█▂")
        #expect(Histogram(try Tensor(shape: [1001], values: [Float](repeating: 0, count: 1000) + [1]), bins: 2)
            .sparkline == "█▁")
        let spread = Histogram(try Tensor(shape: [8], values: [0, 1, 2, 3, 4, 5, 6, 7]), bins: 8)
        #expect(spread.counts == Array(repeating: 1, count: 8) && spread.sparkline == "████████")
    }

    @Test func constantAndNaN() throws {
        let h = Histogram(try Tensor(shape: [3], values: [2, .nan, 2]))
        #expect(h.counts == [2] && h.low == 2 && h.high == 2)
    }

    @Test func statsPrintsHistogramAfterFractions() throws {
        let x = try Tensor(shape: [2, 2], values: [-1, 0, 0, 1])
        let out = try VizHarness.run("stats", [.word("x")], tensors: ["x": x])
        // 32 bins over -1..1 of width 1/16: -1 in bin 0, the zeros in bin 16, 1 in bin 31;
        // one against two: ⌈8·√0.5⌉ = ⌈5.66⌉ = 6 → ▆.
        let bars = "▆" + String(repeating: " ", count: 15) + "█" + String(repeating: " ", count: 14) + "▆"
        #expect(out == """
            x: [2,2] float32, 16 B
              min -1  max 1  mean 0  std 0.707107
              zeros 50.00%  negatives 25.00%
              histogram -1 ▕\(bars)▏ 1

            """)
    }
}
