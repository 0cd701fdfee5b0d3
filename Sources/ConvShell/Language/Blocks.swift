import Ops

/// A statement ready to run, with the blocks assembled: what the executor walks.
indirect enum Node {
    case statement(ParsedStatement, SourceLocation)
    case loop(variable: String, over: Expr, parallel: Bool, body: [Node], at: SourceLocation)
    case conditional(Expr, then: [Node], otherwise: [Node], at: SourceLocation)
    case definition(Definition)
}

/// The block stack: statements between a block's opening word (`for`, `parallel for`, `if`, `def`) and its `end`
/// are collected, already parsed, into the block's body; when the outermost block closes it comes out as one
/// `Node` to run. Statements outside any block come out at once.
struct BlockReader {
    fileprivate struct Open {
        let statement: Statement
        let location: SourceLocation
        var body: [Node] = []
        var otherwise: [Node]?
        var summary: String?
        var details: [String] = []
    }

    private var stack: [Open] = []

    /// Deepest nesting of blocks.
    static let maxDepth = 64

    var isOpen: Bool { !stack.isEmpty }

    /// Blocks open, outermost to innermost.
    var depth: Int { stack.count }

    /// True right after `def` while no statement of the body has been read: a comment line is then help text.
    var takesComment: Bool {
        guard let top = stack.last, case .define = top.statement else { return false }
        return top.body.isEmpty
    }

    mutating func addComment(_ comment: String) {
        if stack[stack.count - 1].summary == nil {
            stack[stack.count - 1].summary = comment
        } else {
            stack[stack.count - 1].details.append(comment)
        }
    }

    /// Takes one statement; returns a node when one is complete at the top level.
    mutating func feed(_ parsed: ParsedStatement, at location: SourceLocation) throws -> Node? {
        switch parsed.statement {
        case .loop, .conditional, .define:
            if case .define(let name, _) = parsed.statement, let open = stack.first(where: { $0.isDefinition }) {
                throw OpError("def: cannot define '\(name)' inside '\(open.definedName)' (missing end?)")
            }
            guard stack.count < BlockReader.maxDepth else {
                throw OpError("blocks nested more than \(BlockReader.maxDepth) deep")
            }
            if parsed.isTimed { throw OpError("time: a block cannot be timed; time the statements inside it") }
            stack.append(Open(statement: parsed.statement, location: location))
            return nil
        case .otherwise:
            guard let top = stack.last, case .conditional = top.statement, top.otherwise == nil else {
                throw OpError("else without if")
            }
            stack[stack.count - 1].otherwise = []
            return nil
        case .end:
            guard let top = stack.popLast() else { throw OpError("end without a block to close (for, if or def)") }
            let node = try top.node()
            return append(node)
        default:
            return append(.statement(parsed, location))
        }
    }

    private mutating func append(_ node: Node) -> Node? {
        guard !stack.isEmpty else { return node }
        if stack[stack.count - 1].otherwise != nil {
            stack[stack.count - 1].otherwise!.append(node)
        } else {
            stack[stack.count - 1].body.append(node)
        }
        return nil
    }

    /// Drops every open block; returns the outermost one's opening words (`for path`, `def block`), if any.
    @discardableResult
    mutating func abandon() -> String? {
        defer { stack = [] }
        return stack.first?.name
    }

    /// The outermost open block, for "missing 'end'" at the end of a script.
    var outermost: (name: String, location: SourceLocation)? { stack.first.map { ($0.name, $0.location) } }
}

fileprivate extension BlockReader.Open {
    var isDefinition: Bool {
        if case .define = statement { return true }
        return false
    }

    var definedName: String {
        if case .define(let name, _) = statement { return name }
        return ""
    }

    /// `def block`, `for path`, `parallel for i`, `if`.
    var name: String {
        switch statement {
        case .define(let name, _): return "def \(name)"
        case .loop(let variable, _, let parallel): return (parallel ? "parallel for " : "for ") + variable
        default: return "if"
        }
    }

    func node() throws -> Node {
        switch statement {
        case .loop(let variable, let over, let parallel):
            return .loop(variable: variable, over: over, parallel: parallel, body: body, at: location)
        case .conditional(let condition):
            return .conditional(condition, then: body, otherwise: otherwise ?? [], at: location)
        case .define(let name, let parameters):
            guard !body.isEmpty else { throw OpError("def \(name): the body has no statements") }
            return .definition(Definition(name: name, parameters: parameters, location: location,
                                          summary: summary, details: details, body: body))
        default:
            fatalError("only block statements are pushed")
        }
    }
}
