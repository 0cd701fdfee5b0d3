import Foundation
import Ops

/// The fast path for list literals of numbers: `[[1,2],[3,4]]` scanned straight into a tensor's values.
///
/// A literal of 10^7 numbers is read in one pass, with no syntax node per number (linear time, memory ≈ the
/// tensor). Every sub-list at one depth must have the same length (the shape is read from the outside in,
/// NumPy's rule); numbers may be separated by commas or, as in version 1, by spaces, but lists need a comma
/// between them (`[[1,2] [3,4]]` is an error). Anything else in the brackets (a name, a string, `[]`) makes
/// `scan` return nil and the general expression parser reads the literal instead.
enum NumericList {
    /// Deepest nesting of a list literal (NumPy's limit on dimensions).
    static let maxDepth = 32

    /// The tensor literal starting at `start` (a `[`) and the offset after its `]`; nil when it is not a
    /// literal of numbers only.
    static func scan(_ lexer: Lexer, from start: Int) throws -> (tensor: Tensor, end: Int)? {
        let bytes = lexer.bytes
        var i = start
        var shape: [Int] = []      // the length of the lists at each depth (-1 until the first one closes)
        var counts: [Int] = []     // items so far in each open list
        var leafDepth = 0          // the depth numbers stand at, once the first one is read
        var values: [Float] = []
        var afterItem = false, afterList = false
        var scratch = [CChar](repeating: 0, count: 64)

        func ragged(_ offset: Int) -> SyntaxError {
            lexer.error("ragged list: every list at one depth must have the same length, as in NumPy", at: offset)
        }
        while i < bytes.count {
            let b = bytes[i]
            if Lexer.isSpace(b) { i += 1; continue }
            switch b {
            case UInt8(ascii: "["):
                if afterItem { throw lexer.error("expected ',' between list items", at: i) }
                if !counts.isEmpty { counts[counts.count - 1] += 1 }
                counts.append(0)
                guard counts.count <= maxDepth else { throw lexer.error("list nested more than \(maxDepth) deep", at: i) }
                if leafDepth > 0, counts.count > leafDepth { throw ragged(i) }
                if shape.count < counts.count { shape.append(-1) }
                i += 1
            case UInt8(ascii: "]"):
                let depth = counts.count
                let count = counts.removeLast()
                if count == 0 { return nil }  // `[]`: an empty list, not a tensor
                if shape[depth - 1] < 0 { shape[depth - 1] = count } else if shape[depth - 1] != count { throw ragged(i) }
                i += 1
                if counts.isEmpty {
                    return (try Tensor(shape: shape, values: values), i)
                }
                afterItem = true
                afterList = true
            case UInt8(ascii: ","):
                guard afterItem else { return nil }
                afterItem = false
                afterList = false
                i += 1
            default:
                if afterList { throw lexer.error("expected ',' between list items", at: i) }
                guard let (value, end) = number(bytes, at: i, scratch: &scratch) else { return nil }
                if leafDepth == 0 { leafDepth = counts.count } else if counts.count != leafDepth { throw ragged(i) }
                counts[counts.count - 1] += 1
                values.append(Float(value))
                afterItem = true
                i = end
            }
        }
        return nil  // unterminated: the general parser says what is missing
    }

    /// A number at `i` (`-1`, `2.5e-3`, `.5`, `inf`, `-nan`) and the offset after it; nil for anything else.
    private static func number(_ bytes: [UInt8], at i: Int, scratch: inout [CChar]) -> (Double, Int)? {
        var end = i
        if bytes[end] == UInt8(ascii: "-") || bytes[end] == UInt8(ascii: "+") { end += 1 }
        let digits = end
        while end < bytes.count, Lexer.isDigit(bytes[end]) || bytes[end] == UInt8(ascii: ".")
            || bytes[end] | 0x20 == UInt8(ascii: "e")
            || ((bytes[end] == UInt8(ascii: "-") || bytes[end] == UInt8(ascii: "+"))
                && bytes[end - 1] | 0x20 == UInt8(ascii: "e")) {
            end += 1
        }
        if end == digits {
            // `inf`, `nan`, with the sign already read.
            while end < bytes.count, Lexer.isNameByte(bytes[end]) { end += 1 }
            let word = String(decoding: bytes[digits..<end], as: UTF8.self)
            guard word == "inf" || word == "nan" else { return nil }
            return (bytes[i] == UInt8(ascii: "-") ? -Double(word)! : Double(word)!, end)
        }
        if end < bytes.count, Lexer.isNameByte(bytes[end]) { return nil }
        guard end - i < scratch.count, bytes[digits] != UInt8(ascii: "e"), bytes[digits] != UInt8(ascii: "E")
        else { return nil }
        for k in i..<end { scratch[k - i] = CChar(bitPattern: bytes[k]) }
        scratch[end - i] = 0
        var stop: UnsafeMutablePointer<CChar>?
        let value = scratch.withUnsafeMutableBufferPointer { buffer -> Double? in
            let v = strtod(buffer.baseAddress!, &stop)
            return stop == buffer.baseAddress! + (end - i) ? v : nil
        }
        return value.map { ($0, end) }
    }
}
