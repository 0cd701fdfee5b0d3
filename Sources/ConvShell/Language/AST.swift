import Ops

/// An expression as parsed (LANGUAGE.md §3); the evaluator gives it a value.
indirect enum Expr {
    case number(Double)
    case string(StringLiteral)
    /// A name in an expression: a variable, or (as a call's argument) a bare word such as `same`.
    case name(String)
    /// A bare command-form word: a variable's name, a path (`out/x.png`), a choice (`same`), `m.layer`.
    case word(StringLiteral)
    /// A list literal of numbers only, read straight into a tensor (`NumericList`).
    case tensor(Tensor)
    /// Any other list literal: `["a.jpg", 2]`, `[x, y]`, `[]`.
    case list([Expr])
    case unary(UnaryOperator, Expr)
    case binary(BinaryOperator, Expr, Expr)
    /// `NAME(argument, ..., key=value)`: an op, a defined command or a plugin's function.
    case call(String, [ArgumentNode], column: Int)
    /// `x[1, 2:5, ..., ::-1]`.
    case index(Expr, [IndexItem])
    /// `m.block1_conv1`.
    case member(Expr, String)
    /// A command in parentheses inside command form: `conv2d img (kernel sobel_x) same`.
    case command(Command)
}

/// One argument of a call or a command: `key=` for an option, and the text the user typed (labels, messages).
struct ArgumentNode {
    var key: String?
    var value: Expr
    var text: String
}

/// A command-form call: `conv2d img k same stride=2`; the name may be an op, a defined command or a shell word,
/// looked up when it runs (so a `def` earlier on the line is found).
struct Command {
    var name: String
    var arguments: [ArgumentNode]
    /// Where the name stands, for "unknown command" errors.
    var column: Int
}

/// One item between the brackets of an index.
enum IndexItem {
    case ellipsis
    case at(Expr)
    case slice(Expr?, Expr?, Expr?)
}

enum UnaryOperator: String {
    case negate = "-", plus = "+", not = "not"
}

/// The binary operators, loosest first in `precedence` (LANGUAGE.md §3).
enum BinaryOperator: String, CaseIterable {
    case or, and
    case less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">=", equal = "==", notEqual = "!="
    case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%", power = "**"
}

/// One statement of a line (LANGUAGE.md §2).
enum Statement {
    /// `NAME = EXPR` or `NAME = COMMAND ARG...`.
    case assign(String, Expr, column: Int)
    /// `EXPR` or `COMMAND ARG...`: an expression's value is described; `_` keeps it.
    case evaluate(Expr)
    /// `for NAME in EXPR` / `parallel for NAME in EXPR`: opens a block.
    case loop(variable: String, over: Expr, parallel: Bool)
    /// `if EXPR`: opens a block.
    case conditional(Expr)
    case otherwise
    case end
    case breakLoop
    case continueLoop
    /// `def NAME PARAM...`: opens a definition.
    case define(String, [String])
}

/// A statement with its `time` prefix.
struct ParsedStatement {
    var statement: Statement
    /// `time STATEMENT`: report how long it took.
    var isTimed = false
}
