import Foundation

/// Text a plugin supplies (its name, version, op summaries and help), made safe to print: a control character
/// — TAB, ESC, BEL, DEL, the C1 range (an OSC sequence can retitle the terminal or write a hyperlink) — is shown
/// as a visible escape (`\t`, `\e`, `\x07`, `\u{9B}`) instead of reaching the terminal.
enum PluginText {
    /// `text` with its control characters escaped; newlines kept when `keepingNewlines` (a help text).
    static func escaped(_ text: String, keepingNewlines: Bool = false) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A where keepingNewlines: out.unicodeScalars.append(scalar)
            case 0x09: out += "\\t"
            case 0x1B: out += "\\e"
            case 0x00..<0x20, 0x7F: out += String(format: "\\x%02x", scalar.value)
            case 0x80..<0xA0: out += String(format: "\\u{%X}", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// One line of why a folder is unsafe to load code from (writable by its group or by anyone, as ssh's
    /// StrictModes judges `~/.ssh`), or nil; a missing folder is nil too.
    static func permissionWarning(folder: String) -> String? {
        var info = stat()
        guard stat(folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, info.st_mode & 0o022 != 0 else { return nil }
        let who = info.st_mode & 0o002 != 0 ? "anyone" : "its group"
        return "plugin folder \(folder) is writable by \(who), who could put code in it; loading it anyway "
            + "(chmod go-w '\(folder)' to fix)"
    }
}
