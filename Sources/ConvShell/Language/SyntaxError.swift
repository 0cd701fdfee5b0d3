/// A malformed statement, located at a column of its line: `-c:1:12: error: expected ')'`.
///
/// Columns count characters from 1 (not bytes), as editors and compilers do. Scripts print
/// `FILE:LINE:COLUMN: error: MESSAGE`; the REPL prints `error: column N: MESSAGE`.
struct SyntaxError: Error, CustomStringConvertible, Equatable {
    let column: Int
    let message: String

    var description: String { "column \(column): \(message)" }

    /// An error at byte `offset` of `bytes` (a line as UTF-8).
    init(_ message: String, at offset: Int, in bytes: [UInt8]) {
        self.message = message
        self.column = SyntaxError.column(of: min(offset, bytes.count), in: bytes)
    }

    init(column: Int, message: String) {
        self.column = column
        self.message = message
    }

    /// The 1-based character column of byte `offset`: UTF-8 continuation bytes (10xxxxxx) do not count.
    static func column(of offset: Int, in bytes: [UInt8]) -> Int {
        var column = 1
        for i in 0..<offset where bytes[i] & 0xC0 != 0x80 { column += 1 }
        return column
    }

    /// Source text for a message, cut short so that a 1 MB line never becomes a 1 MB message.
    static func excerpt(_ text: some StringProtocol, limit: Int = 40) -> String {
        text.count <= limit ? String(text) : String(text.prefix(limit)) + "..."
    }
}
