import ArgumentParser
import Foundation
import Ops

/// `convsh`: the command line. A terminal gets the REPL; a file, `-c` or piped stdin runs as a script.
@main
struct ConvShellCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convsh",
        abstract: "A shell for exploring how a convnet extracts features: filter (conv2d), detect (relu), "
            + "condense (maxpool).",
        discussion: """
            convsh                      interactive shell (when stdin is a terminal)
            convsh FILE.convsh [ARGS]   run a script; $1, $2, ... are its arguments
            convsh -c 'a; b' [ARGS]     run statements
            ... | convsh                run stdin as a script
            convsh --install-kernel     make ConvShell a Jupyter kernel (--user, or --prefix P)
            A script stops at its first error (FILE:LINE: error: ...) and exits with status 1.
            Type 'help' in the shell for the ops.
            """,
        version: Version.string)

    // `.unconditional`: `-c '-2.5'` is statements and `--threads -1` a (wrong) count, not options.
    @Option(name: .customShort("c"), parsing: .unconditional,
            help: ArgumentHelp("Run these statements (separated by ;) and exit.", valueName: "statements"))
    var statements: String?

    @Option(parsing: .unconditional,
            help: ArgumentHelp("Worker threads for the ops (default: $CONVSH_THREADS, else the available cores).",
                               valueName: "n"))
    var threads: String?

    @Flag(help: "Show progress lines on stderr even when not on a terminal.")
    var progress = false

    @Flag(help: "A failed loop iteration is reported and the loop goes on; the script then exits 1 (like make -k).")
    var keepGoing = false

    @Option(help: ArgumentHelp("Run only share I of N of each top-level loop over glob(...) or range(...): items "
                               + "I, I+N, ... (from 0).", valueName: "I/N"))
    var shard: String?

    @Option(help: ArgumentHelp("Run as a Jupyter kernel on the sockets of this connection file.",
                               valueName: "connection-file"))
    var jupyter: String?

    @Flag(help: "Install the Jupyter kernelspec (system-wide unless --user or --prefix) and exit.")
    var installKernel = false

    @Flag(help: "With --install-kernel: for this user only.")
    var user = false

    @Option(help: ArgumentHelp("With --install-kernel: under this prefix (a virtual environment).", valueName: "p"))
    var prefix: String?

    @ArgumentParser.Argument(help: ArgumentHelp("A script to run.", valueName: "file.convsh"))
    var script: String?

    @ArgumentParser.Argument(parsing: .captureForPassthrough, help: ArgumentHelp("The script's arguments: $1, $2, ...",
                                                                   valueName: "args"))
    var scriptArguments: [String] = []

    func validate() throws {
        if (user || prefix != nil) && !installKernel {
            throw ValidationError("--user and --prefix go with --install-kernel")
        }
        if user && prefix != nil { throw ValidationError("--install-kernel: choose --user or --prefix, not both") }
        if let threads, Settings.threads(threads) == nil {
            throw ValidationError("--threads: \(Settings.threadsExpected), got '\(threads)'")
        }
        if let shard, ConvShellCommand.shard(shard) == nil {
            throw ValidationError("--shard: expected I/N with 0 <= I < N, got '\(shard)'")
        }
    }

    /// `I/N` with `0 <= I < N`.
    static func shard(_ text: String) -> (index: Int, count: Int)? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, (0..<n).contains(i) else {
            return nil
        }
        return (i, n)
    }

    /// Parses the command line (status 2 when it is wrong), then runs the chosen mode.
    static func main() {
        Standard.claimClosedDescriptors()
        let command: ConvShellCommand
        do {
            command = try parse()
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                Standard.output(fullMessage(for: error) + "\n")
                Foundation.exit(0)
            }
            Standard.error("convsh: " + fullMessage(for: error))
            Foundation.exit(2)
        }
        Foundation.exit(command.execute())
    }

    /// Runs the mode the command line asks for; returns the exit status.
    func execute() -> Int32 {
        if installKernel { return KernelSpec.install(user: user, prefix: prefix) }
        if let jupyter {
            return JupyterKernel.run(connectionFile: jupyter,
                                     threads: threads.flatMap(Settings.threads) ?? Self.environmentThreads())
        }
        let context = Context(threads: threads.flatMap(Settings.threads) ?? Self.environmentThreads(),
                              terminal: TerminalProbe.detect(), showsProgress: progress, write: Standard.output)
        let session = Session(context: context, write: Standard.output)
        session.loops.keepGoing = keepGoing
        session.loops.shard = shard.flatMap(ConvShellCommand.shard)
        session.loadStartupPlugins()
        let lines: [String]
        do {
            if let statements {
                session.scriptArguments = ["-c"] + (script.map { [$0] } ?? []) + scriptArguments
                lines = try ScriptLines.decode(Array(statements.utf8), file: "-c")
            } else if let path = script {
                guard let data = FileManager.default.contents(atPath: path) else {
                    Standard.error("convsh: cannot read script \(path)")
                    return 2
                }
                session.scriptArguments = [path] + scriptArguments
                lines = try ScriptLines.decode(Array(data), file: path)
            } else if isatty(STDIN_FILENO) == 1 {
                // Progress lines are for people at the prompt; scripts get them only with --progress.
                context.showsProgress = progress || isatty(STDERR_FILENO) == 1
                Signals.endOnTerminate()
                REPL.run(session, historyPath: REPL.historyPath)
                return 0
            } else {
                session.scriptArguments = ["<stdin>"]
                lines = try ScriptLines.decode(Array(FileHandle.standardInput.readDataToEndOfFile()), file: "<stdin>")
            }
        } catch {
            Standard.error(String(describing: error))
            return 2
        }
        Signals.endScriptsOnSignals()
        do {
            try session.runScript(lines: lines, file: session.scriptArguments[0])
        } catch {
            Standard.error(String(describing: error))
            return error is Interrupted ? 130 : 1
        }
        return session.loops.failedIterations > 0 ? 1 : 0
    }

    /// `CONVSH_THREADS` when it is a valid count; a wrong value is warned about and the cores are used.
    static func environmentThreads(_ environment: [String: String] = ProcessInfo.processInfo.environment,
                                   warn: (String) -> Void = { Standard.error($0) }) -> Int {
        guard let text = environment["CONVSH_THREADS"] else { return Context.availableCores }
        if let n = Settings.threads(text) { return n }
        warn("convsh: CONVSH_THREADS='\(SyntaxError.excerpt(text))': \(Settings.threadsExpected); "
            + "using \(Context.availableCores)")
        return Context.availableCores
    }
}

/// The version `--version` and the REPL banner print.
enum Version {
    static let string = "0.1.0"
}
