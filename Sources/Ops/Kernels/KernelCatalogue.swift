import Foundation

/// The named 2-D kernels `kernel NAME` knows: the course's five, classic edge detectors and parametric families.
///
/// Every kernel is `[kh,kw]` in cross-correlation orientation (as `conv2d` applies it, no flip). Parametric
/// families take their sizes as further positional numbers: `kernel gaussian 5 1.4`.
public enum KernelCatalogue {
    /// One catalogue entry: usage after the name, a one-line description, and a builder from those numbers.
    public struct Entry: Sendable {
        public let name: String
        /// The numbers the entry takes, as shown in help: `N SIGMA`, or "" for a fixed kernel.
        public let parameters: String
        public let summary: String
        let build: @Sendable ([Double]) throws -> Tensor
    }

    /// Every entry in help order.
    public static let entries: [Entry] = [
        fixed("edge", "the course's edge detector (Laplacian, 8-neighbour)", [[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]]),
        fixed("blur", "the course's 3x3 blur (binomial, sums to 1)",
              [[0.0625, 0.125, 0.0625], [0.125, 0.25, 0.125], [0.0625, 0.125, 0.0625]]),
        fixed("bottom_sobel", "the course's bottom Sobel: bright below dark", [[-1, -2, -1], [0, 0, 0], [1, 2, 1]]),
        fixed("emboss", "the course's emboss", [[-2, -1, 0], [-1, 1, 1], [0, 1, 2]]),
        fixed("sharpen", "the course's sharpen", [[0, -1, 0], [-1, 5, -1], [0, -1, 0]]),
        fixed("sobel_x", "Sobel, responds to left-to-right increase", [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]),
        fixed("sobel_y", "Sobel, responds to top-to-bottom increase", [[-1, -2, -1], [0, 0, 0], [1, 2, 1]]),
        fixed("prewitt_x", "Prewitt, left-to-right", [[-1, 0, 1], [-1, 0, 1], [-1, 0, 1]]),
        fixed("prewitt_y", "Prewitt, top-to-bottom", [[-1, -1, -1], [0, 0, 0], [1, 1, 1]]),
        fixed("scharr_x", "Scharr, left-to-right", [[-3, 0, 3], [-10, 0, 10], [-3, 0, 3]]),
        fixed("scharr_y", "Scharr, top-to-bottom", [[-3, -10, -3], [0, 0, 0], [3, 10, 3]]),
        fixed("laplacian4", "Laplacian, 4-neighbour", [[0, 1, 0], [1, -4, 1], [0, 1, 0]]),
        fixed("laplacian8", "Laplacian, 8-neighbour", [[1, 1, 1], [1, -8, 1], [1, 1, 1]]),
        Entry(name: "identity", parameters: "[N]", summary: "N x N (default 3) with a single 1 in the centre") {
            let n = try size($0, at: 0, default: 3, odd: true)
            return try square(n) { y, x in y == n / 2 && x == n / 2 ? 1 : 0 }
        },
        Entry(name: "box", parameters: "N", summary: "N x N mean filter, every weight 1/N²") {
            let n = try size($0, at: 0, default: nil, odd: false)
            return try square(n) { _, _ in 1 / Double(n * n) }
        },
        Entry(name: "gaussian", parameters: "N [SIGMA]",
              summary: "N x N sampled Gaussian normalised to sum 1 (SIGMA default 0.3·((N-1)/2 - 1) + 0.8, as OpenCV)") {
            let n = try size($0, at: 0, default: nil, odd: true)
            let sigma = try positive($0, at: 1, default: 0.3 * (Double(n - 1) / 2 - 1) + 0.8)
            let weights = try square(n) { y, x in gaussian(y - n / 2, x - n / 2, sigma) }
            let total = weights.scalars.reduce(0, +)
            return try finite(try square(n) { y, x in gaussian(y - n / 2, x - n / 2, sigma) / Double(total) },
                              sigma: $0, at: 1)
        },
        Entry(name: "log", parameters: "N [SIGMA]",
              summary: "N x N Laplacian of Gaussian, shifted to sum 0 (SIGMA default N/6)") {
            let n = try size($0, at: 0, default: nil, odd: true)
            let sigma = try positive($0, at: 1, default: Double(n) / 6)
            let raw: (Int, Int) -> Double = { y, x in
                let r2 = Double((y - n / 2) * (y - n / 2) + (x - n / 2) * (x - n / 2))
                return (r2 - 2 * sigma * sigma) / pow(sigma, 4) * gaussian(y - n / 2, x - n / 2, sigma)
            }
            var mean = 0.0
            for y in 0..<n { for x in 0..<n { mean += raw(y, x) } }
            mean /= Double(n * n)
            return try finite(try square(n) { y, x in raw(y, x) - mean }, sigma: $0, at: 1)
        },
    ]

    public static var names: [String] { entries.map(\.name) }

    public static func entry(named name: String) -> Entry? { entries.first { $0.name == name } }

    /// The kernel `name` with its numeric parameters.
    public static func kernel(named name: String, parameters: [Double]) throws -> Tensor {
        guard let entry = entry(named: name) else {
            var message = "unknown kernel '\(name)'"
            if let guess = Suggest.closest(to: name, among: names + ["random"]) { message += "; did you mean \(guess)?" }
            throw OpError(message)
        }
        return try entry.build(parameters)
    }

    // MARK: - Builders

    private static func fixed(_ name: String, _ summary: String, _ rows: [[Double]]) -> Entry {
        Entry(name: name, parameters: "", summary: summary) { parameters in
            guard parameters.isEmpty else { throw OpError.argument(2, "kernel \(name) takes no numbers") }
            return try Tensor(shape: [rows.count, rows[0].count], values: rows.flatMap { $0.map(Float.init) })
        }
    }

    private static func square(_ n: Int, _ value: (Int, Int) -> Double) throws -> Tensor {
        var values: [Float] = []
        for y in 0..<n { for x in 0..<n { values.append(Float(value(y, x))) } }
        return try Tensor(shape: [n, n], values: values)
    }

    private static func gaussian(_ dy: Int, _ dx: Int, _ sigma: Double) -> Double {
        exp(-Double(dy * dy + dx * dx) / (2 * sigma * sigma))
    }

    // Parameter i is the kernel op's argument i + 2 (argument 1 is the name): errors say which.

    private static func size(_ parameters: [Double], at i: Int, default value: Int?, odd: Bool) throws -> Int {
        guard i < parameters.count else {
            if let value { return value }
            throw OpError.argument(i + 2, "missing size N")
        }
        let n = parameters[i]
        guard n == n.rounded(), n >= 1, n <= 255, !odd || Int(n) % 2 == 1 else {
            throw OpError.argument(i + 2, "size must be \(odd ? "an odd" : "an") integer from 1 to 255, "
                + "got \(Syntax.format(n))")
        }
        return Int(n)
    }

    private static func positive(_ parameters: [Double], at i: Int, default value: Double) throws -> Double {
        guard i < parameters.count else { return value }
        guard parameters[i] > 0, parameters[i].isFinite else {
            throw OpError.argument(i + 2, "sigma must be positive, got \(Syntax.format(parameters[i]))")
        }
        return parameters[i]
    }

    /// `kernel` itself when every weight is a finite float32; else an error on the sigma (parameter `i`, or the
    /// default sigma when it was not given): `kernel gaussian 5 1e-300` squares sigma to 0 and divides 0 by 0.
    private static func finite(_ kernel: Tensor, sigma parameters: [Double], at i: Int) throws -> Tensor {
        guard kernel.nonFinite.total > 0 else { return kernel }
        let given = i < parameters.count ? "sigma \(Syntax.format(parameters[i]))" : "the default sigma"
        throw OpError.argument(min(i, parameters.count) + 2, "\(given) gives weights that are not finite numbers "
            + "(NaN or inf in float32); choose a sigma nearer the kernel's size")
    }
}
