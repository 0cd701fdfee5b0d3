import Testing
@testable import Ops

/// Terminal answers as xterm (VT340 mode), kitty and a plain VT220-class terminal send them, and the choice
/// `show` makes from them and from `set graphics`.
struct GraphicsChoiceTests {
    let xterm = "\u{1B}[?1;0;1024S\u{1B}[?63;1;2;4;6;9;15;16;22;28c"
    let kitty = "\u{1B}_Gi=31;OK\u{1B}\\\u{1B}[?62;c"
    let plain = "\u{1B}[?62;22c"

    @Test func parsesTheAnswers() {
        let x = TerminalReply.parse(Array(xterm.utf8))
        #expect(x == TerminalReply(deviceAttributes: [63, 1, 2, 4, 6, 9, 15, 16, 22, 28], colorRegisters: 1024))
        #expect(x.hasSixel)
        let k = TerminalReply.parse(Array(kitty.utf8))
        #expect(k.kittyGraphics && !k.hasSixel && k.colorRegisters == nil)
        #expect(!TerminalReply.parse(Array(plain.utf8)).hasSixel)
        // XTSMGRAPHICS status 3 is a failure: no register count.
        #expect(TerminalReply.parse(Array("\u{1B}[?1;3;0S\u{1B}[?62;4c".utf8)).colorRegisters == nil)
        // A kitty error answer is not OK.
        #expect(!TerminalReply.parse(Array("\u{1B}_Gi=31;ENOENT:bad\u{1B}\\\u{1B}[?62c".utf8)).kittyGraphics)
    }

    @Test func completeOnlyOnceDeviceAttributesArrive() {
        let bytes = Array(xterm.utf8)
        #expect(TerminalReply.isComplete(bytes))
        #expect(!TerminalReply.isComplete(Array(bytes.dropLast())))
        #expect(!TerminalReply.isComplete(Array("\u{1B}[?1;0;1024S".utf8)))
    }

    @Test func decides() {
        let term = Terminal(columns: 80, rows: 24, hasTrueColor: true, allowsColor: true)
        let reply = { (text: String?) -> () -> TerminalReply? in { text.map { TerminalReply.parse(Array($0.utf8)) } } }
        #expect(GraphicsChoice.decide(.auto, term, reply(xterm)) == .sixel(registers: 256))
        #expect(GraphicsChoice.decide(.auto, term, reply("\u{1B}[?1;0;16S\u{1B}[?63;4c")) == .sixel(registers: 16))
        #expect(GraphicsChoice.decide(.auto, term, reply(kitty)) == .kitty)
        #expect(GraphicsChoice.decide(.auto, term, reply(plain)) == .blocks)
        #expect(GraphicsChoice.decide(.auto, term, reply(nil)) == .blocks)
        var kittyByName = term
        kittyByName.graphics = .kitty
        #expect(GraphicsChoice.decide(.auto, kittyByName) { Issue.record("asked"); return nil } == .kitty)
        var noColor = term
        noColor.allowsColor = false
        #expect(GraphicsChoice.decide(.auto, noColor, reply(kitty)) == .ascii)
        #expect(GraphicsChoice.decide(.blocks, noColor, reply(nil)) == .ascii)
        #expect(GraphicsChoice.decide(.blocks, term, reply(kitty)) == .blocks)
        #expect(GraphicsChoice.decide(.ascii, term, reply(kitty)) == .ascii)
        #expect(GraphicsChoice.decide(.kitty, term, reply(plain)) == .kitty)
        #expect(GraphicsChoice.decide(.sixel, term, reply(nil)) == .sixel(registers: 256))
        #expect(GraphicsChoice.setting(named: "none") == .blocks && GraphicsChoice.setting(named: "sixels") == nil)
    }
}
