import Foundation

/// A Jupyter message as it travels over ZeroMQ (messaging protocol 5.3):
///
///     [identity...] "<IDS|MSG>" signature header parent_header metadata content [buffer...]
///
/// The four dictionaries are JSON objects; the signature is the HMAC-SHA256 (hex) of their four frames as sent.
struct WireMessage {
    typealias JSON = [String: Any]

    static let delimiter = Array("<IDS|MSG>".utf8)
    static let protocolVersion = "5.3"

    /// Routing frames before the delimiter: the client's ZeroMQ identity on shell/control, a topic on iopub.
    var identities: [[UInt8]]
    var header: JSON
    var parentHeader: JSON
    var metadata: JSON = [:]
    var content: JSON
    var buffers: [[UInt8]] = []

    /// `execute_request`, `kernel_info_request`, ...
    var type: String { header["msg_type"] as? String ?? "" }

    /// Why a message was refused; the kernel logs it and runs nothing.
    enum Refusal: Error, CustomStringConvertible {
        case noDelimiter, tooFewFrames, badSignature, badJSON(String)
        var description: String {
            switch self {
            case .noDelimiter: return "no <IDS|MSG> delimiter"
            case .tooFewFrames: return "fewer than the five frames after the delimiter"
            case .badSignature: return "bad signature"
            case .badJSON(let frame): return "\(frame) is not a JSON object"
            }
        }
    }

    /// Splits, verifies and decodes `frames`; throws a `Refusal` when any part is wrong.
    static func decode(_ frames: [[UInt8]], signer: MessageSigner) throws -> WireMessage {
        guard let split = frames.firstIndex(of: delimiter) else { throw Refusal.noDelimiter }
        let parts = Array(frames[(split + 1)...])
        guard parts.count >= 5 else { throw Refusal.tooFewFrames }
        guard signer.isValid(parts[0], for: Array(parts[1...4])) else { throw Refusal.badSignature }
        func object(_ index: Int, _ name: String) throws -> JSON {
            guard let value = try? JSONSerialization.jsonObject(with: Data(parts[index])) as? JSON else {
                throw Refusal.badJSON(name)
            }
            return value
        }
        return WireMessage(identities: Array(frames[..<split]), header: try object(1, "header"),
                           parentHeader: try object(2, "parent_header"), metadata: try object(3, "metadata"),
                           content: try object(4, "content"), buffers: Array(parts[5...]))
    }

    /// The frames to send, signed by `signer`.
    func encode(signer: MessageSigner) -> [[UInt8]] {
        let objects = [header, parentHeader, metadata, content].map(JSONWriter.bytes)
        return identities + [WireMessage.delimiter, Array(signer.signature(of: objects).utf8)] + objects + buffers
    }

    /// A new message of `type` answering `parent` (its header becomes our parent header), sent to `identities`.
    static func reply(to parent: WireMessage, type: String, content: JSON, session: String,
                      identities: [[UInt8]]) -> WireMessage {
        let header: JSON = [
            "msg_id": UUID().uuidString.lowercased(), "session": session,
            "username": parent.header["username"] as? String ?? "convsh", "date": timestamp(),
            "msg_type": type, "version": protocolVersion,
        ]
        return WireMessage(identities: identities, header: header, parentHeader: parent.header, content: content)
    }

    /// ISO 8601 in UTC with microseconds, as Jupyter writes dates: `2026-12-07T14:05:09.123456Z`.
    private static func timestamp() -> String {
        var now = timeval()
        gettimeofday(&now, nil)
        var seconds = now.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", parts.tm_year + 1900, parts.tm_mon + 1,
                      parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec, Int32(now.tv_usec))
    }
}
