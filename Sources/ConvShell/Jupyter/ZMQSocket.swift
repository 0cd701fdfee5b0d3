import CZMQ
import Foundation

/// One ZeroMQ socket (libzmq) bound to a TCP or IPC endpoint: multipart messages as lists of frames.
///
/// The only file that imports CZMQ. A socket is used by one thread at a time (libzmq's rule); `iopub`, written
/// from the shell and control threads, is guarded by the kernel's lock.
final class ZMQSocket {
    /// The process's one libzmq context (its I/O thread).
    nonisolated(unsafe) private static let context: UnsafeMutableRawPointer = zmq_ctx_new()

    enum Kind {
        case router, publisher, reply
        var code: Int32 {
            switch self {
            case .router: return ZMQ_ROUTER
            case .publisher: return ZMQ_PUB
            case .reply: return ZMQ_REP
            }
        }
    }

    private let handle: UnsafeMutableRawPointer

    /// A socket of `kind` bound to `endpoint` (`tcp://127.0.0.1:5555`); throws with libzmq's reason.
    init(_ kind: Kind, endpoint: String) throws {
        guard let handle = zmq_socket(ZMQSocket.context, kind.code) else { throw ZMQSocket.failure("socket") }
        self.handle = handle
        // Unsent messages are dropped at close after 1 s, so shutting down never hangs on a gone client.
        _ = convsh_zmq_set_int(handle, ZMQ_LINGER, 1000)
        // A client that reconnects under the same identity takes the route over (jupyter_client restarts).
        if kind == .router { _ = convsh_zmq_set_int(handle, ZMQ_ROUTER_HANDOVER, 1) }
        guard zmq_bind(handle, endpoint) == 0 else {
            let error = ZMQSocket.failure("bind \(endpoint)")
            zmq_close(handle)
            throw error
        }
    }

    deinit { zmq_close(handle) }

    /// Sends `frames` as one multipart message (blocks only while libzmq's queue is full).
    func send(_ frames: [[UInt8]]) throws {
        for (index, frame) in frames.enumerated() {
            let flags = index < frames.count - 1 ? ZMQ_SNDMORE : 0
            while frame.withUnsafeBytes({ zmq_send(handle, $0.baseAddress, $0.count, flags) }) < 0 {
                guard zmq_errno() == EINTR else { throw ZMQSocket.failure("send") }
            }
        }
    }

    /// The next multipart message, waiting at most `milliseconds` (-1: forever); nil on timeout or when a signal
    /// interrupted the wait.
    func receive(waiting milliseconds: Int) throws -> [[UInt8]]? {
        let ready = convsh_zmq_wait_readable(handle, milliseconds)
        if ready < 0 && zmq_errno() == EINTR { return nil }
        guard ready >= 0 else { throw ZMQSocket.failure("poll") }
        guard ready > 0 else { return nil }
        var frames: [[UInt8]] = []
        repeat {
            var message = zmq_msg_t()
            zmq_msg_init(&message)
            defer { zmq_msg_close(&message) }
            while zmq_msg_recv(&message, handle, 0) < 0 {
                guard zmq_errno() == EINTR else { throw ZMQSocket.failure("receive") }
            }
            let size = zmq_msg_size(&message)
            let bytes = zmq_msg_data(&message).map { UnsafeRawBufferPointer(start: $0, count: size) }
            frames.append(bytes.map(Array.init) ?? [])
        } while convsh_zmq_has_more(handle) != 0
        return frames
    }

    /// `zmq: bind tcp://...: Address already in use`.
    private static func failure(_ what: String) -> JupyterError {
        JupyterError("zmq: \(what): \(String(cString: zmq_strerror(zmq_errno())))")
    }
}

/// A failure of the kernel itself (its connection file, a socket): one line, then exit status 1.
struct JupyterError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
