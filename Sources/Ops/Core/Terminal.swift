/// What the shell knows of the interactive terminal stdout is attached to.
///
/// The front-end makes one with `Terminal.detect` at start (and again on `SIGWINCH` if it likes); ops read it
/// from `Context.terminal`, which is nil when stdout is a file or pipe — then no op writes an escape code.
public struct Terminal: Sendable, Equatable {
    /// How the terminal can draw pictures beyond coloured text.
    public enum Graphics: String, Sendable, CaseIterable {
        /// Text only: pictures are drawn with half blocks `▀`.
        case none
        /// The kitty graphics protocol (kitty, WezTerm, Ghostty).
        case kitty
        /// DEC sixel (mlterm, foot, xterm -ti vt340, ...).
        case sixel
    }

    public var columns: Int
    public var rows: Int
    /// 24-bit colour promised by `COLORTERM=truecolor|24bit`; else 256 colours.
    public var hasTrueColor: Bool
    /// False when `NO_COLOR` is set: text only, no colour escapes.
    public var allowsColor: Bool
    /// Full-resolution picture protocol, if any.
    public var graphics: Graphics
    /// Pixels in one character cell (from `TIOCGWINSZ`'s `ws_xpixel/ws_ypixel`); 0 when unknown.
    public var cellWidth: Int
    public var cellHeight: Int

    public init(columns: Int, rows: Int, hasTrueColor: Bool, allowsColor: Bool, graphics: Graphics = .none,
                cellWidth: Int = 0, cellHeight: Int = 0) {
        self.columns = columns
        self.rows = rows
        self.hasTrueColor = hasTrueColor
        self.allowsColor = allowsColor
        self.graphics = graphics
        self.cellWidth = cellWidth
        self.cellHeight = cellHeight
    }

    // MARK: - Detection

    /// The window size `TIOCGWINSZ` reports: cells and, when the terminal tells, pixels (0 otherwise).
    public struct WindowSize: Sendable, Equatable {
        public var columns, rows, pixelWidth, pixelHeight: Int
        public init(columns: Int, rows: Int, pixelWidth: Int = 0, pixelHeight: Int = 0) {
            (self.columns, self.rows, self.pixelWidth, self.pixelHeight) = (columns, rows, pixelWidth, pixelHeight)
        }
    }

    /// The terminal described by the environment, or nil when stdout is not a terminal (or `TERM=dumb`).
    ///
    /// - Size: `windowSize` (from `ioctl(1, TIOCGWINSZ)`) when it has cells, else `COLUMNS`/`LINES`, else 80x24.
    /// - Colour: `COLORTERM=truecolor|24bit` → 24-bit, else 256 colours; `NO_COLOR` (set, non-empty) → none.
    /// - Graphics: `CONVSH_GRAPHICS=kitty|sixel|none` decides when set. Otherwise none inside tmux or screen
    ///   (`TMUX`, `STY`: they do not pass pictures through unasked) or with `NO_COLOR`; kitty when
    ///   `KITTY_WINDOW_ID` is set, `TERM` is `xterm-kitty`/`xterm-ghostty`, or `TERM_PROGRAM` is
    ///   `WezTerm`/`ghostty`; sixel when `TERM` is `mlterm`, `foot`, `foot-extra` or names sixel; else none.
    ///   A front-end that queries the terminal (`ESC [ c`) can set `.sixel` from `supportsSixel(deviceAttributes:)`.
    public static func detect(environment env: [String: String], isTerminal: Bool,
                              windowSize: WindowSize? = nil) -> Terminal? {
        guard isTerminal, env["TERM"] != "dumb" else { return nil }
        func positive(_ key: String) -> Int? { env[key].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil } }
        let size = windowSize.flatMap { $0.columns > 0 && $0.rows > 0 ? $0 : nil }
        let columns = size?.columns ?? positive("COLUMNS") ?? 80
        let rows = size?.rows ?? positive("LINES") ?? 24
        let allowsColor = (env["NO_COLOR"] ?? "").isEmpty
        let colorTerm = (env["COLORTERM"] ?? "").lowercased()
        return Terminal(
            columns: columns, rows: rows, hasTrueColor: colorTerm == "truecolor" || colorTerm == "24bit",
            allowsColor: allowsColor, graphics: graphics(env, allowsColor: allowsColor),
            cellWidth: size.map { $0.pixelWidth / $0.columns } ?? 0,
            cellHeight: size.map { $0.pixelHeight / $0.rows } ?? 0)
    }

    private static func graphics(_ env: [String: String], allowsColor: Bool) -> Graphics {
        if let forced = env["CONVSH_GRAPHICS"].flatMap(Graphics.init(rawValue:)) { return forced }
        if env["TMUX"] != nil || env["STY"] != nil || !allowsColor { return .none }
        let term = env["TERM"] ?? "", program = env["TERM_PROGRAM"] ?? ""
        if env["KITTY_WINDOW_ID"] != nil || ["xterm-kitty", "xterm-ghostty"].contains(term)
            || ["WezTerm", "ghostty"].contains(program) {
            return .kitty
        }
        if ["mlterm", "foot", "foot-extra"].contains(term) || term.contains("sixel") { return .sixel }
        return .none
    }

    /// True when a primary device attributes reply (`ESC [ ? 62;4;22 c`) lists attribute 4, sixel graphics.
    public static func supportsSixel(deviceAttributes reply: String) -> Bool {
        guard let start = reply.range(of: "[?"), let end = reply.lastIndex(of: "c"), start.upperBound <= end else {
            return false
        }
        return reply[start.upperBound..<end].split(separator: ";").contains("4")
    }
}
