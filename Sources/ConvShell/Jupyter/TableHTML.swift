import Foundation

/// Text shaded with 24-bit SGR escapes (`ESC[48;2;R;G;Bm` background, `ESC[38;2;R;G;Bm` text, `ESC[0m` reset)
/// as HTML: a `<pre>` whose coloured runs are `<span style="background:#rrggbb;color:#rrggbb">`, so a kernel
/// table looks in a notebook as it does in a terminal. Other escapes are dropped; text is HTML-escaped.
enum TableHTML {
    static func html(fromShaded text: String) -> String {
        var out = "<pre style=\"line-height:1.25\">"
        var background: String?, foreground: String?
        var run = ""
        func flush() {
            guard !run.isEmpty else { return }
            let styles = [background.map { "background:\($0)" }, foreground.map { "color:\($0)" }].compactMap { $0 }
            out += styles.isEmpty ? run : "<span style=\"\(styles.joined(separator: ";"))\">\(run)</span>"
            run = ""
        }
        var scalars = text.unicodeScalars[...]
        while let c = scalars.popFirst() {
            guard c == "\u{1B}", scalars.first == "[" else {
                run += escape(c)
                continue
            }
            scalars.removeFirst()
            let parameters = String(String.UnicodeScalarView(scalars.prefix { !("@"..."~").contains($0) }))
            scalars.removeFirst(min(scalars.count, parameters.unicodeScalars.count + 1))
            flush()
            let codes = parameters.split(separator: ";").compactMap { Int($0) }
            switch codes.first {
            case 0?, nil: (background, foreground) = (nil, nil)
            case 48? where codes.count == 5 && codes[1] == 2: background = hex(codes[2...])
            case 38? where codes.count == 5 && codes[1] == 2: foreground = hex(codes[2...])
            default: break
            }
        }
        flush()
        return out + "</pre>"
    }

    /// `#rrggbb` from three 0-255 values.
    private static func hex(_ rgb: ArraySlice<Int>) -> String {
        "#" + rgb.map { String(format: "%02x", min(max($0, 0), 255)) }.joined()
    }

    private static func escape(_ c: Unicode.Scalar) -> String {
        switch c {
        case "<": return "&lt;"
        case ">": return "&gt;"
        case "&": return "&amp;"
        case "\"": return "&quot;"
        default: return String(c)
        }
    }
}
