import Crypto
import Foundation

/// HMAC-SHA256 of a message's header, parent header, metadata and content frames, as hex (Jupyter messaging
/// §"The wire protocol"). With an empty key messages are neither signed nor checked, as the protocol says.
struct MessageSigner {
    private let key: SymmetricKey?

    init(key: String) {
        self.key = key.isEmpty ? nil : SymmetricKey(data: Data(key.utf8))
    }

    /// The lowercase hex signature of `frames` (empty without a key).
    func signature(of frames: [[UInt8]]) -> String {
        guard let key else { return "" }
        var hmac = HMAC<SHA256>(key: key)
        for frame in frames { hmac.update(data: frame) }
        return hmac.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// True when `signature` (hex) is the HMAC of `frames`, compared in constant time; always true without a key.
    func isValid(_ signature: [UInt8], for frames: [[UInt8]]) -> Bool {
        guard let key else { return true }
        guard let code = MessageSigner.bytes(fromHex: signature) else { return false }
        var data = Data()
        for frame in frames { data.append(contentsOf: frame) }
        return HMAC<SHA256>.isValidAuthenticationCode(code, authenticating: data, using: key)
    }

    /// The bytes of an even-length hex string, or nil.
    private static func bytes(fromHex hex: [UInt8]) -> [UInt8]? {
        guard hex.count % 2 == 0 else { return nil }
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
            default: return nil
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(hex.count / 2)
        for i in stride(from: 0, to: hex.count, by: 2) {
            guard let high = nibble(hex[i]), let low = nibble(hex[i + 1]) else { return nil }
            out.append(high << 4 | low)
        }
        return out
    }
}
