import Foundation

/// `set graphics auto|kitty|sixel|blocks|ascii` (and `CONVSH_GRAPHICS`, read once at start): how pictures are drawn.
public enum GraphicsSetting: String, Sendable, CaseIterable {
    /// What the terminal supports: `GraphicsChoice.decide`.
    case auto
    case kitty, sixel
    /// Half blocks `▀` in colour, two pixels per cell.
    case blocks
    /// Characters only, no escape codes.
    case ascii
}

/// How one picture is drawn.
public enum Drawing: Sendable, Equatable {
    case ascii, blocks, kitty
    /// Sixel with this many colour registers (at most 256, libsixel's limit).
    case sixel(registers: Int)

    /// True for kitty and sixel: pictures at full pixel resolution.
    public var hasPixels: Bool { self == .kitty || { if case .sixel = self { true } else { false } }() }
}

/// The session's graphics setting and the terminal's answer to the probe, asked at most once per process.
///
/// The front-end installs `probe` (it owns the terminal's file descriptors; see ConvShell's TerminalProbe); ops
/// ask `drawing(for:)`, which runs the probe the first time a picture needs it. Unit tests never install one.
public final class GraphicsChoice: @unchecked Sendable {
    public static let shared = GraphicsChoice(
        setting: ProcessInfo.processInfo.environment["CONVSH_GRAPHICS"].flatMap(GraphicsChoice.setting(named:))
            ?? .auto)

    private let lock = NSLock()
    private var _setting: GraphicsSetting
    private var _probe: (@Sendable () -> TerminalReply?)?
    private var reply: TerminalReply??

    init(setting: GraphicsSetting) { _setting = setting }

    public var setting: GraphicsSetting {
        get { lock.withLock { _setting } }
        set { lock.withLock { _setting = newValue } }
    }

    /// Sends `TerminalReply.query` and waits briefly; nil when the terminal cannot be asked or did not answer.
    public var probe: (@Sendable () -> TerminalReply?)? {
        get { lock.withLock { _probe } }
        set { lock.withLock { (_probe, reply) = (newValue, nil) } }
    }

    /// A setting by name; `none` (the older spelling) means blocks.
    public static func setting(named name: String) -> GraphicsSetting? {
        name == "none" ? .blocks : GraphicsSetting(rawValue: name)
    }

    /// How to draw on `terminal` now (probing the terminal on first need).
    public func drawing(for terminal: Terminal) -> Drawing {
        let setting = self.setting
        return Self.decide(setting, terminal) { self.answer() }
    }

    /// The probe's reply, asked once.
    private func answer() -> TerminalReply? {
        lock.lock()
        defer { lock.unlock() }
        if let reply { return reply }
        let answered = _probe?()
        reply = .some(answered)
        return answered
    }

    /// The rule. Forced settings win (`blocks` falls back to `ascii` without colour). `auto`: `ascii` without
    /// colour (`NO_COLOR`); kitty or sixel when the environment already says so (`terminal.graphics`, from
    /// `TERM`, `KITTY_WINDOW_ID`, ...); otherwise the probe: kitty when its graphics query answers OK, sixel when
    /// DA1 carries attribute 4, else half blocks. Sixel asks the probe for the colour registers (XTSMGRAPHICS;
    /// 256 when it does not answer), capped at libsixel's 256.
    static func decide(_ setting: GraphicsSetting, _ terminal: Terminal, _ reply: () -> TerminalReply?) -> Drawing {
        func sixel(_ answer: TerminalReply?) -> Drawing {
            .sixel(registers: min(Sixel.defaultRegisters, answer?.colorRegisters ?? Sixel.defaultRegisters))
        }
        switch setting {
        case .ascii: return .ascii
        case .blocks: return terminal.allowsColor ? .blocks : .ascii
        case .kitty: return .kitty
        case .sixel: return sixel(reply())
        case .auto:
            guard terminal.allowsColor else { return .ascii }
            switch terminal.graphics {
            case .kitty: return .kitty
            case .sixel: return sixel(reply())
            case .none:
                guard let answer = reply() else { return .blocks }
                if answer.kittyGraphics { return .kitty }
                return answer.hasSixel ? sixel(answer) : .blocks
            }
        }
    }
}
