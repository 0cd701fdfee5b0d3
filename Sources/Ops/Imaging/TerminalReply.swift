/// The one query the shell sends a terminal before its first picture, and what the answer says.
///
/// The query is three requests in one write, the primary device attributes last: every terminal answers DA1,
/// and answers in order, so its reply marks the end of everything the terminal is going to say.
/// - kitty graphics: `ESC _G i=31,s=1,v=1,a=q,t=d,f=24;AAAA ESC \` (a query; kitty, WezTerm and Ghostty answer
///   `ESC _G i=31;OK ESC \`, others ignore the APC string);
/// - XTSMGRAPHICS, colour registers: `CSI ? 1 ; 1 ; 0 S`, answered `CSI ? 1 ; 0 ; N S` (xterm, foot, mlterm);
/// - DA1: `CSI c`, answered `CSI ? 62 ; 4 ; 22 c`, where attribute 4 means sixel graphics.
public struct TerminalReply: Sendable, Equatable {
    /// The DA1 attributes, nil when no DA1 reply was seen.
    public var deviceAttributes: [Int]?
    /// True when the kitty graphics query was answered OK.
    public var kittyGraphics = false
    /// Sixel colour registers from XTSMGRAPHICS, nil when not answered (or answered with an error).
    public var colorRegisters: Int?

    public init(deviceAttributes: [Int]? = nil, kittyGraphics: Bool = false, colorRegisters: Int? = nil) {
        (self.deviceAttributes, self.kittyGraphics, self.colorRegisters) =
            (deviceAttributes, kittyGraphics, colorRegisters)
    }

    public static let query = "\u{1B}_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\u{1B}\\" + "\u{1B}[?1;1;0S" + "\u{1B}[c"

    /// True when DA1 lists attribute 4.
    public var hasSixel: Bool { deviceAttributes?.contains(4) ?? false }

    /// Reads every reply in `bytes` (in any order, with anything else around them).
    public static func parse(_ bytes: [UInt8]) -> TerminalReply {
        var reply = TerminalReply()
        let text = String(decoding: bytes, as: UTF8.self)
        for apc in strings(in: text, opening: "\u{1B}_G", closing: "\u{1B}\\") where apc.hasPrefix("i=31") {
            reply.kittyGraphics = apc.hasSuffix(";OK")
        }
        for csi in strings(in: text, opening: "\u{1B}[?", closing: nil) {
            let final = csi.last!
            let numbers = csi.dropLast().split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
            guard numbers.allSatisfy({ $0 != nil }) else { continue }
            let values = numbers.map { $0! }
            if final == "c" { reply.deviceAttributes = values }
            if final == "S", values.count == 3, values[0] == 1, values[1] == 0, values[2] > 0 {
                reply.colorRegisters = values[2]
            }
        }
        return reply
    }

    /// True once `bytes` hold a complete DA1 reply (`ESC [ ? ... c`), the last answer to `query`.
    public static func isComplete(_ bytes: [UInt8]) -> Bool {
        parse(bytes).deviceAttributes != nil
    }

    /// The bodies between `opening` and `closing`; with `closing` nil, a CSI body up to and including its final
    /// byte (`@`...`~`).
    static func strings(in text: String, opening: String, closing: String?) -> [Substring] {
        var out: [Substring] = []
        var rest = text[...]
        while let start = rest.range(of: opening) {
            rest = rest[start.upperBound...]
            if let closing {
                guard let end = rest.range(of: closing) else { break }
                out.append(rest[..<end.lowerBound])
                rest = rest[end.upperBound...]
            } else {
                guard let end = rest.firstIndex(where: { ("@"..."~").contains($0) }) else { break }
                out.append(rest[...end])
                rest = rest[rest.index(after: end)...]
            }
        }
        return out
    }
}
