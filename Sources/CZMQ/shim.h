#ifndef CONVSH_CZMQ_SHIM_H
#define CONVSH_CZMQ_SHIM_H

// libzmq for the Jupyter kernel (ConvShell/Jupyter/ZMQSocket.swift), with typed wrappers for the calls that
// take untyped option buffers.
#include <zmq.h>

/// Sets an int-valued socket option (ZMQ_LINGER, ZMQ_ROUTER_HANDOVER...); 0 or -1 with errno, as zmq_setsockopt.
static inline int convsh_zmq_set_int(void *socket, int option, int value) {
    return zmq_setsockopt(socket, option, &value, sizeof value);
}

/// 1 when the frame just received has more frames after it in the same message.
static inline int convsh_zmq_has_more(void *socket) {
    int more = 0;
    size_t size = sizeof more;
    if (zmq_getsockopt(socket, ZMQ_RCVMORE, &more, &size) != 0) return 0;
    return more;
}

/// Waits up to `milliseconds` (-1: forever) for a message to read on `socket`: 1 when one is there, 0 on
/// timeout, -1 on error (EINTR when a signal arrived).
static inline int convsh_zmq_wait_readable(void *socket, long milliseconds) {
    zmq_pollitem_t item = { socket, 0, ZMQ_POLLIN, 0 };
    return zmq_poll(&item, 1, milliseconds);
}

#endif
