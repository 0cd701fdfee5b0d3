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
            A script stops at its first error (FILE:LINE: error: ...) and exits with status 1.
            Type 'help' in the shell for the ops.
            """,
        version: Version.string)

    @Option(name: .customShort("c"), help: ArgumentHelp("Run these statements (separated by ;) and exit.",
                                                        valueName: "statements"))
    var statements: String?

    @Option(help: "Worker threads for the ops (default: $CONVSH_THREADS, else the available cores).")
    var threads: Int?

    @Flag(help: "Show progress lines on stderr even when not on a terminal.")
    var progress = false

    @ArgumentParser.Argument(help: ArgumentHelp("A script to run.", valueName: "file.convsh"))
    var script: String?

    @ArgumentParser.Argument(parsing: .captureForPassthrough, help: ArgumentHelp("The script's arguments: $1, $2, ...",
                                                                   valueName: "args"))
    var scriptArguments: [String] = []

    func validate() throws {
        if let threads, !(1...1024).contains(threads) {
            throw ValidationError("--threads must be from 1 to 1024, got \(threads)")
        }
    }

    /// Parses the command line (status 2 when it is wrong), then runs the chosen mode.
    static func main() {
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
        let terminal = TerminalProbe.detect()
        let context = Context(threads: threads ?? Self.environmentThreads ?? Context.availableCores,
                              terminal: terminal, showsProgress: progress,
                              write: Standard.output)
        let session = Session(context: context, write: Standard.output)
        session.loadStartupPlugins()
        let (name, text): (String, String)
        if let statements {
            session.parser.scriptArguments = ["-c"] + (script.map { [$0] } ?? []) + scriptArguments
            (name, text) = ("-c", statements)
        } else if let path = script {
            guard let contents = try? String(contentsOfFile: path, encoding: .utf8) else {
                Standard.error("convsh: cannot read script \(path)")
                return 2
            }
            session.parser.scriptArguments = [path] + scriptArguments
            (name, text) = (path, contents)
        } else if isatty(STDIN_FILENO) == 1 {
            // Progress lines are for people at the prompt; scripts get them only with --progress.
            context.showsProgress = progress || isatty(STDERR_FILENO) == 1
            REPL.run(session, historyPath: REPL.historyPath)
            return 0
        } else {
            let input = FileHandle.standardInput.readDataToEndOfFile()
            session.parser.scriptArguments = ["<stdin>"]
            (name, text) = ("<stdin>", String(decoding: input, as: UTF8.self))
        }
        do {
            try session.runScript(text, file: name)
            return 0
        } catch {
            Standard.error(String(describing: error))
            return 1
        }
    }

    /// `CONVSH_THREADS`, when set to a valid count.
    static var environmentThreads: Int? {
        guard let text = ProcessInfo.processInfo.environment["CONVSH_THREADS"], let n = Int(text),
              (1...1024).contains(n) else { return nil }
        return n
    }
}

/// The version `--version` and the REPL banner print.
enum Version {
    static let string = "0.1.0"
}
