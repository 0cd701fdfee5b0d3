import Foundation

/// The connection file Jupyter writes for a kernel it starts (`kernel-1234.json`): where to bind the five
/// sockets and the key that signs messages.
///
///     {"transport": "tcp", "ip": "127.0.0.1", "shell_port": 53794, "iopub_port": 53795, "stdin_port": 53796,
///      "control_port": 53797, "hb_port": 53798, "key": "a0436f6c-...", "signature_scheme": "hmac-sha256"}
struct ConnectionFile: Decodable {
    let transport: String
    let ip: String
    let shellPort: Int
    let iopubPort: Int
    let stdinPort: Int
    let controlPort: Int
    let hbPort: Int
    let key: String
    let signatureScheme: String

    enum CodingKeys: String, CodingKey {
        case transport, ip, key
        case shellPort = "shell_port", iopubPort = "iopub_port", stdinPort = "stdin_port"
        case controlPort = "control_port", hbPort = "hb_port", signatureScheme = "signature_scheme"
    }

    /// Reads and checks `path`; throws one line saying what is wrong.
    static func read(_ path: String) throws -> ConnectionFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw JupyterError("cannot read connection file \(path)")
        }
        let file: ConnectionFile
        do {
            file = try JSONDecoder().decode(ConnectionFile.self, from: data)
        } catch {
            throw JupyterError("connection file \(path): not a Jupyter connection file (\(reason(error)))")
        }
        guard file.signatureScheme == "hmac-sha256" else {
            throw JupyterError("connection file \(path): signature_scheme '\(file.signatureScheme)' is not "
                + "supported; use hmac-sha256")
        }
        guard ["tcp", "ipc"].contains(file.transport) else {
            throw JupyterError("connection file \(path): transport '\(file.transport)' is not tcp or ipc")
        }
        return file
    }

    /// The endpoint of a port: `tcp://127.0.0.1:53794`, or `ipc://IP-53794` (Jupyter's naming for ipc).
    func endpoint(_ port: Int) -> String {
        transport == "tcp" ? "tcp://\(ip):\(port)" : "ipc://\(ip)-\(port)"
    }

    /// A decoding error as a few words: the missing or mistyped key.
    private static func reason(_ error: Error) -> String {
        switch error as? DecodingError {
        case .keyNotFound(let key, _)?: return "no \(key.stringValue)"
        case .typeMismatch(_, let context)?:
            return "wrong type for \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        default: return "not JSON"
        }
    }
}
