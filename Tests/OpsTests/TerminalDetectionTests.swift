import Testing
@testable import Ops

/// `Terminal.detect`: what the environment and the window size say.
struct TerminalDetectionTests {
    @Test func notATerminal() {
        #expect(Terminal.detect(environment: ["COLORTERM": "truecolor"], isTerminal: false) == nil)
        #expect(Terminal.detect(environment: ["TERM": "dumb"], isTerminal: true) == nil)
    }

    @Test func sizeFromWindowThenEnvironmentThenDefault() {
        let window = Terminal.WindowSize(columns: 120, rows: 40, pixelWidth: 1200, pixelHeight: 800)
        let t = Terminal.detect(environment: ["COLUMNS": "90", "LINES": "30"], isTerminal: true, windowSize: window)!
        #expect(t.columns == 120 && t.rows == 40 && t.cellWidth == 10 && t.cellHeight == 20)
        let e = Terminal.detect(environment: ["COLUMNS": "90", "LINES": "30"], isTerminal: true,
                                windowSize: Terminal.WindowSize(columns: 0, rows: 0))!
        #expect(e.columns == 90 && e.rows == 30 && e.cellWidth == 0)
        let d = Terminal.detect(environment: ["COLUMNS": "x"], isTerminal: true)!
        #expect(d.columns == 80 && d.rows == 24)
    }

    @Test func colour() {
        #expect(Terminal.detect(environment: ["COLORTERM": "truecolor"], isTerminal: true)!.hasTrueColor)
        #expect(Terminal.detect(environment: ["COLORTERM": "24bit"], isTerminal: true)!.hasTrueColor)
        #expect(!Terminal.detect(environment: ["TERM": "xterm-256color"], isTerminal: true)!.hasTrueColor)
        #expect(!Terminal.detect(environment: ["NO_COLOR": "1"], isTerminal: true)!.allowsColor)
        #expect(Terminal.detect(environment: ["NO_COLOR": ""], isTerminal: true)!.allowsColor)
    }

    @Test func graphics() {
        func graphics(_ env: [String: String]) -> Terminal.Graphics {
            Terminal.detect(environment: env, isTerminal: true)!.graphics
        }
        #expect(graphics(["TERM": "xterm-kitty"]) == .kitty)
        #expect(graphics(["KITTY_WINDOW_ID": "1", "TERM": "xterm-256color"]) == .kitty)
        #expect(graphics(["TERM_PROGRAM": "WezTerm"]) == .kitty)
        #expect(graphics(["TERM": "foot"]) == .sixel)
        #expect(graphics(["TERM": "mlterm"]) == .sixel)
        #expect(graphics(["TERM": "xterm-256color"]) == .none)
        #expect(graphics(["TERM": "xterm-kitty", "TMUX": "tmux-socket,1,0"]) == .none)
        #expect(graphics(["TERM": "xterm-kitty", "NO_COLOR": "1"]) == .none)
        #expect(graphics(["TERM": "xterm-256color", "CONVSH_GRAPHICS": "sixel"]) == .sixel)
        #expect(graphics(["TERM": "xterm-kitty", "CONVSH_GRAPHICS": "none"]) == .none)
    }

    @Test func deviceAttributesReply() {
        #expect(Terminal.supportsSixel(deviceAttributes: "\u{1B}[?62;4;22c"))
        #expect(Terminal.supportsSixel(deviceAttributes: "\u{1B}[?63;1;2;4c"))
        #expect(!Terminal.supportsSixel(deviceAttributes: "\u{1B}[?62;22c"))
        #expect(!Terminal.supportsSixel(deviceAttributes: "\u{1B}[?64;1;2;6;9;15;18;21;22c"))
        #expect(!Terminal.supportsSixel(deviceAttributes: ""))
    }
}
