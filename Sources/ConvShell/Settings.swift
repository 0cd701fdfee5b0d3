import Ops

/// `set KEY VALUE`: the session's settings.
enum Settings {
    static let keys = ["threads", "timing", "max_pixels", "conv_algo"]

    static func run(_ session: Session, _ arguments: ArgumentList) throws {
        let words = arguments.positional.map(\.plainText)
        guard let key = words.first else {
            session.print("threads \(session.context.threads)\ntiming \(session.timing ? "on" : "off")\n"
                + "max_pixels \(Limits.maxPixels)\nconv_algo \(session.context.convAlgorithm.rawValue)")
            return
        }
        guard words.count == 2 else { throw OpError("usage: set threads N | set timing on|off | set max_pixels N | set conv_algo direct|winograd|auto") }
        let value = words[1]
        switch key {
        case "threads":
            guard let n = Int(value), (1...1024).contains(n) else {
                throw OpError("set threads: expected an integer from 1 to 1024, got '\(value)'")
            }
            session.context.threads = n
        case "timing":
            guard ["on", "off"].contains(value) else { throw OpError("set timing: expected on|off, got '\(value)'") }
            session.timing = value == "on"
        case "max_pixels":
            guard let n = Int(value), n >= 1 else {
                throw OpError("set max_pixels: expected a positive integer, got '\(value)'")
            }
            Limits.maxPixels = n
        case "conv_algo":
            guard let algorithm = ConvAlgorithm(rawValue: value) else {
                let words = ConvAlgorithm.allCases.map(\.rawValue).joined(separator: "|")
                throw OpError("set conv_algo: expected \(words), got '\(value)'")
            }
            session.context.convAlgorithm = algorithm
        default:
            var message = "set: unknown setting '\(key)'"
            if let guess = Suggest.closest(to: key, among: keys) { message += "; did you mean \(guess)?" }
            throw OpError(message + " (settings: \(keys.joined(separator: ", ")))")
        }
    }
}
