import Ops

/// The session's settings, one value (`set KEY VALUE`, `--threads`, `CONVSH_THREADS`), each validated here once.
struct Settings {
    static let keys = ["threads", "timing", "max_pixels", "graphics", "conv_algo"]
    /// Worker threads a session may use.
    static let threadRange = 1...1024
    /// `max_pixels` from one pixel to 2^34 (16 Gpx, 256 GiB of float32 RGBA): beyond is surely a typo, and keeps
    /// every size product (`maxPixels · 4 · 4` bytes) far from overflow.
    static let maxPixelsRange = 1...(1 << 34)

    var threads = WorkerPool.defaultThreads
    /// Print the elapsed time after every statement (`set timing on`).
    var timing = false

    /// A thread count from the command line, the environment or `set threads`; nil when it is not one.
    static func threads(_ text: String) -> Int? {
        guard let n = Int(text.trimmingCharacters(in: .whitespaces)), threadRange.contains(n) else { return nil }
        return n
    }

    /// What a wrong thread count is told, wherever it came from.
    static let threadsExpected = "expected an integer from \(threadRange.lowerBound) to \(threadRange.upperBound)"

    /// `set`, `set KEY VALUE`.
    mutating func run(_ words: [String], _ session: Session) throws {
        guard let key = words.first else {
            return session.print("threads \(threads)\ntiming \(timing ? "on" : "off")\nmax_pixels \(Limits.maxPixels)"
                + "\ngraphics \(GraphicsChoice.shared.setting.rawValue)\nconv_algo \(session.context.convAlgorithm.rawValue)")
        }
        guard Settings.keys.contains(key) else {
            var message = "set: unknown setting '\(key)'"
            if let guess = Suggest.closest(to: key, among: Settings.keys) { message += "; did you mean \(guess)?" }
            throw OpError(message + " (settings: \(Settings.keys.joined(separator: ", ")))")
        }
        guard words.count == 2 else { throw OpError("usage: set threads N | set timing on|off | set max_pixels N "
            + "| set graphics auto|kitty|sixel|blocks|ascii | set conv_algo direct|winograd|auto") }
        let value = words[1]
        switch key {
        case "threads":
            guard let n = Settings.threads(value) else {
                throw OpError("set threads: \(Settings.threadsExpected), got '\(value)'")
            }
            threads = n
            session.context.threads = n
        case "timing":
            guard ["on", "off"].contains(value) else { throw OpError("set timing: expected on|off, got '\(value)'") }
            timing = value == "on"
        case "graphics":   // how show draws pictures (Ops/Imaging/GraphicsChoice.swift)
            guard let mode = GraphicsSetting(rawValue: value) else {
                throw OpError("set graphics: expected \(GraphicsSetting.allCases.map(\.rawValue).joined(separator: "|")), "
                    + "got '\(value)'")
            }
            GraphicsChoice.shared.setting = mode
        case "conv_algo":
            guard let algorithm = ConvAlgorithm(rawValue: value) else {
                let words = ConvAlgorithm.allCases.map(\.rawValue).joined(separator: "|")
                throw OpError("set conv_algo: expected \(words), got '\(SyntaxError.excerpt(value))'")
            }
            session.context.convAlgorithm = algorithm
        default:
            guard let n = Int(value), Settings.maxPixelsRange.contains(n) else {
                throw OpError("set max_pixels: expected an integer from 1 to \(Settings.maxPixelsRange.upperBound), "
                    + "got '\(SyntaxError.excerpt(value))'")
            }
            Limits.maxPixels = n
        }
    }
}
