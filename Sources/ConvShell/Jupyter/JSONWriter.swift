import Foundation

/// Compact JSON of the kernel's outgoing messages, written straight into bytes: objects with sorted keys,
/// arrays, strings, integers and booleans; any other value (a number read from a request) goes through
/// JSONSerialization. Foundation's writer takes ~40 ms for the half-megabyte base64 string of a 1024² PNG; this
/// copies it. Strings are UTF-8 with `"`, `\` and control characters escaped (RFC 8259 §7).
enum JSONWriter {
    static func bytes(_ value: Any) -> [UInt8] {
        var out: [UInt8] = []
        write(value, to: &out)
        return out
    }

    private static func write(_ value: Any, to out: inout [UInt8]) {
        switch value {
        case let text as String:
            write(string: text, to: &out)
        case let flag as Bool where type(of: value) == Bool.self:
            out += Array((flag ? "true" : "false").utf8)
        case let number as Int where type(of: value) == Int.self:
            out += Array(String(number).utf8)
        case let object as [String: Any]:
            out.append(UInt8(ascii: "{"))
            for (index, key) in object.keys.sorted().enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                write(string: key, to: &out)
                out.append(UInt8(ascii: ":"))
                write(object[key]!, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        case let array as [Any]:
            out.append(UInt8(ascii: "["))
            for (index, element) in array.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                write(element, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        default:
            let data = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed])
            out += data.map(Array.init) ?? Array("null".utf8)
        }
    }

    private static func write(string: String, to out: inout [UInt8]) {
        out.reserveCapacity(out.count + string.utf8.count + 2)
        out.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                out += [UInt8(ascii: "\\"), byte]
            case 0x0A: out += Array("\\n".utf8)
            case 0x0D: out += Array("\\r".utf8)
            case 0x09: out += Array("\\t".utf8)
            case ..<0x20: out += Array(String(format: "\\u%04x", byte).utf8)
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
