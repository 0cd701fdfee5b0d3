import CEdit
import Foundation
import Ops

/// `convsh --jupyter CONNECTION_FILE`: a Jupyter kernel (messaging protocol 5.3) around one shell session.
///
///     shell   (ROUTER) ── main thread: execute, complete, inspect, is_complete, kernel_info, shutdown
///     control (ROUTER) ── its own thread: interrupt (the ops' cooperative Cancellation), shutdown, kernel_info
///     iopub   (PUB)    ── status busy/idle, execute_input, stream, display_data, error (locked: two writers)
///     stdin   (ROUTER) ── bound; the kernel never asks for input
///     hb      (REP)    ── its own thread: echoes every ping
///
/// Every message is checked against the connection file's key (HMAC-SHA256); one that fails is logged on stderr
/// and dropped, never run. SIGINT (jupyter_client's default interrupt) sets the same cancellation flag.
final class JupyterKernel: @unchecked Sendable {
    let session: Session
    let signer: MessageSigner
    /// This kernel's session id, in the header of every message it sends.
    let sessionID = UUID().uuidString.lowercased()
    private let shell: ZMQSocket, control: ZMQSocket, iopub: ZMQSocket, stdin: ZMQSocket, heartbeat: ZMQSocket
    private let iopubLock = NSLock()
    private let stateLock = NSLock()
    private var stopRequested = false
    /// `execute_request`s run so far (not counting silent ones): the `In [N]` of the next cell.
    var executionCount = 0
    /// Text the running cell printed and not yet sent as a `stream` message.
    var pendingOutput = ""
    /// The description of a bare statement, the cell's output so far: its `execute_result` if nothing follows.
    var pendingResult: String?
    let outputLock = NSLock()
    private var runningRequest: WireMessage?
    /// The `execute_request` whose cell is running: the parent of its stream and display messages.
    var currentRequest: WireMessage? {
        get { outputLock.withLock { runningRequest } }
        set { outputLock.withLock { runningRequest = newValue } }
    }

    init(connection: ConnectionFile, session: Session) throws {
        self.session = session
        signer = MessageSigner(key: connection.key)
        shell = try ZMQSocket(.router, endpoint: connection.endpoint(connection.shellPort))
        control = try ZMQSocket(.router, endpoint: connection.endpoint(connection.controlPort))
        iopub = try ZMQSocket(.publisher, endpoint: connection.endpoint(connection.iopubPort))
        stdin = try ZMQSocket(.router, endpoint: connection.endpoint(connection.stdinPort))
        heartbeat = try ZMQSocket(.reply, endpoint: connection.endpoint(connection.hbPort))
    }

    /// Runs the kernel for the connection file at `path` until a shutdown request; returns the exit status.
    static func run(connectionFile path: String, threads: Int) -> Int32 {
        let box = OutputBox()
        let context = Context(threads: threads, terminal: nil, showsProgress: false, write: { box.write($0) })
        let session = Session(context: context, write: { box.write($0) })
        session.loadStartupPlugins()
        let kernel: JupyterKernel
        do {
            kernel = try JupyterKernel(connection: try ConnectionFile.read(path), session: session)
        } catch {
            Standard.error("convsh: \(error)")
            return 1
        }
        box.kernel = kernel
        session.resultOutput = { box.writeResult($0) }
        context.display = { [unowned kernel] display in kernel.send(display) }
        convsh_catch_sigint()
        Signals.endOnTerminate()
        kernel.serve()
        return 0
    }

    /// Serves the channels until shutdown: heartbeat and control on threads of their own, shell on this one.
    func serve() {
        Thread.detachNewThread { [self] in echoHeartbeats() }
        Thread.detachNewThread { [self] in serve(control, channel: "control") }
        serve(shell, channel: "shell")
    }

    var isStopping: Bool { stateLock.withLock { stopRequested } }

    /// Asks the shell loop to end and any running cell to stop.
    func requestStop() {
        stateLock.withLock { stopRequested = true }
        Cancellation.request()
    }

    private func serve(_ socket: ZMQSocket, channel: String) {
        while !isStopping {
            do {
                guard let frames = try socket.receive(waiting: 100) else { continue }
                handle(frames, on: socket, channel: channel)
            } catch {
                Standard.error("convsh kernel: \(channel): \(error)")
                return requestStop()
            }
        }
    }

    /// Echoes pings until shutdown; a broken socket is logged and ends the echo (the client then sees the kernel
    /// as dead, which it is to it).
    private func echoHeartbeats() {
        while !isStopping {
            do {
                guard let ping = try heartbeat.receive(waiting: 100) else { continue }
                try heartbeat.send(ping)
            } catch {
                return Standard.error("convsh kernel: heartbeat: \(error)")
            }
        }
    }

    /// Verifies and decodes one request, then answers it between `busy` and `idle` on iopub.
    private func handle(_ frames: [[UInt8]], on socket: ZMQSocket, channel: String) {
        let request: WireMessage
        do {
            request = try WireMessage.decode(frames, signer: signer)
        } catch {
            return Standard.error("convsh kernel: \(channel): message refused: \(error)")
        }
        publish("status", ["execution_state": "busy"], parent: request)
        let reply = answer(request, channel: channel)
        if let (type, content) = reply {
            let message = WireMessage.reply(to: request, type: type, content: content, session: sessionID,
                                            identities: request.identities)
            do { try socket.send(message.encode(signer: signer)) } catch {
                Standard.error("convsh kernel: \(channel): \(error)")
            }
        }
        publish("status", ["execution_state": "idle"], parent: request)
        if request.type == "shutdown_request" { requestStop() }
    }

    /// Sends `content` as a message of `type` on iopub (topic `kernel.ID.TYPE`), child of `parent`.
    func publish(_ type: String, _ content: WireMessage.JSON, parent: WireMessage) {
        let topic = Array("kernel.\(sessionID).\(type)".utf8)
        let message = WireMessage.reply(to: parent, type: type, content: content, session: sessionID,
                                        identities: [topic])
        iopubLock.withLock {
            do { try iopub.send(message.encode(signer: signer)) } catch {
                Standard.error("convsh kernel: iopub: \(error)")
            }
        }
    }
}

/// Where the session's printed text goes: the kernel's pending stream and result, once there is a kernel.
private final class OutputBox: @unchecked Sendable {
    weak var kernel: JupyterKernel?
    /// Printed text; a result printed before it becomes ordinary output.
    func write(_ text: String) {
        guard let kernel else { return Standard.output(text) }
        kernel.outputLock.withLock {
            kernel.pendingOutput += kernel.pendingResult.map { $0 + "\n" } ?? ""
            kernel.pendingOutput += text
            kernel.pendingResult = nil
        }
    }

    /// A bare statement's description: held back as the cell's result until something else is printed.
    func writeResult(_ text: String) {
        write("")
        kernel?.outputLock.withLock { kernel?.pendingResult = text }
    }
}
