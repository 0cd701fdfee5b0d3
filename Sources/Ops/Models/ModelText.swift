/// Names read from a model file as they may appear in a message: a layer or node name is data, and a crafted one
/// holding a newline or an escape code must neither break the one-line error form nor reach the terminal raw.
enum ModelText {
    /// `text` with control characters and line separators written as Swift escapes (`\n`, `\u{1B}`).
    static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isBreaking) else { return text }
        return text.unicodeScalars.map { isBreaking($0) ? $0.escaped(asASCII: false) : String($0) }.joined()
    }

    /// `body()`, with the message of any `OpError` it throws made `printable`.
    static func oneLine<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as OpError {
            throw OpError(printable(error.message))
        }
    }

    private static func isBreaking(_ scalar: Unicode.Scalar) -> Bool {
        [.control, .lineSeparator, .paragraphSeparator].contains(scalar.properties.generalCategory)
    }
}
