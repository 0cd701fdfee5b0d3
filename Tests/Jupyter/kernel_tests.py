"""The ConvShell kernel driven by a real Jupyter client (jupyter_client), as a notebook front end drives it.
    kernel_tests.py KERNEL_LOG
The kernelspec `convsh` must be findable (scripts/test-jupyter sets JUPYTER_PATH); the kernel's stderr goes to
KERNEL_LOG, which the bad-signature test reads. Prints one line per test and `N passed, N failed`."""
import base64
import os
import sys
import time
import traceback

from jupyter_client.manager import start_new_kernel
from jupyter_client.session import Session

from png_check import decode_size

TIMEOUT = 60


def run(kc, code, timeout=TIMEOUT):
    """Executes `code`; returns (reply content, [iopub messages of that request up to idle])."""
    msg_id = kc.execute(code)
    reply = kc.get_shell_msg(timeout=timeout)
    assert reply["parent_header"]["msg_id"] == msg_id, "reply to another request"
    return reply["content"], iopub_until_idle(kc, msg_id)


def iopub_until_idle(kc, msg_id):
    messages = []
    while True:
        msg = kc.get_iopub_msg(timeout=TIMEOUT)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return messages
        messages.append(msg)


def stdout(messages):
    return "".join(m["content"]["text"] for m in messages if m["msg_type"] == "stream")


def result(messages):
    """The text/plain of the request's execute_result, or None."""
    results = [m["content"] for m in messages if m["msg_type"] == "execute_result"]
    expect(len(results) <= 1, "several execute_results")
    return results[0]["data"]["text/plain"] if results else None


def expect(condition, what):
    if not condition:
        raise AssertionError(what)


class Tests:
    def __init__(self, km, kc, log):
        self.km, self.kc, self.log = km, kc, log

    def test_kernel_info(self):
        self.kc.kernel_info()
        content = self.kc.get_shell_msg(timeout=TIMEOUT)["content"]
        expect(content["protocol_version"] == "5.3", content)
        expect(content["language_info"]["name"] == "convsh", content)

    def test_session_persists_across_cells(self):
        first, _ = run(self.kc, "kept = 6 * 7")
        expect(first["status"] == "ok", first)
        reply, messages = run(self.kc, "kept")
        expect(reply["status"] == "ok" and result(messages) == "42" and stdout(messages) == "", messages)
        expect(reply["execution_count"] == first["execution_count"] + 1, (first, reply))
        # A result followed by more output is ordinary output, in order; only a last one is the cell's result.
        reply, messages = run(self.kc, "kept\nprint(kept + 1)\nkept - 1")
        expect(stdout(messages) == "42\n43\n" and result(messages) == "41", messages)

    def test_completion_is_the_repls(self):
        run(self.kc, "myimage = [[1, 2], [3, 4]]")
        code = "k = kernel edge\nf = conv2"
        self.kc.complete(code, len(code))
        content = self.kc.get_shell_msg(timeout=TIMEOUT)["content"]
        expect(content["matches"] == ["conv2d"], content)
        expect((content["cursor_start"], content["cursor_end"]) == (len(code) - 5, len(code)), content)
        code = "show myi"
        self.kc.complete(code, len(code))
        content = self.kc.get_shell_msg(timeout=TIMEOUT)["content"]
        expect(content["matches"] == ["myimage"] and content["cursor_start"] == 5, content)
        code = "f = conv2d myimage myimage s"
        self.kc.complete(code, len(code))
        content = self.kc.get_shell_msg(timeout=TIMEOUT)["content"]
        expect(content["matches"] == ["same", "stride="], content)

    def test_inspection_is_help(self):
        self.kc.inspect("x = conv2d img k", 6)
        content = self.kc.get_shell_msg(timeout=TIMEOUT)["content"]
        expect(content["found"] and content["data"]["text/plain"].startswith("usage: conv2d"), content)
        self.kc.inspect("nosuchword", 3)
        content = self.kc.get_shell_msg(timeout=TIMEOUT)["content"]
        expect(content["found"] is False, content)

    def test_is_complete(self):
        cases = {
            "x = 1": ("complete", None),
            "for i in range(3)": ("incomplete", "  "),
            "def f x\n  # help\n  y = x": ("incomplete", "  "),
            "for i in range(2)\n  if i > 0": ("incomplete", "    "),
            "for i in range(2)\n  y = i\nend": ("complete", None),
            "x = (1 +": ("invalid", None),
        }
        for code, (status, indent) in cases.items():
            self.kc.is_complete(code)
            content = self.kc.get_shell_msg(timeout=TIMEOUT)["content"]
            expect(content["status"] == status, (code, content))
            expect(indent is None or content["indent"] == indent, (code, content))

    def test_error_cell_then_next_cell_runs(self):
        reply, messages = run(self.kc, "a = 1\nb = conv2d nothere a")
        expect(reply["status"] == "error", reply)
        errors = [m["content"] for m in messages if m["msg_type"] == "error"]
        expect(len(errors) == 1, messages)
        line = errors[0]["traceback"][0]
        expect(line.startswith("In[") and "]:2: error: " in line and "nothere" in line, line)
        reply, messages = run(self.kc, "a + 1")
        expect(reply["status"] == "ok" and result(messages) == "2", messages)

    def test_show_picture_is_saves_grid_png(self):
        saved = os.path.join(os.path.dirname(self.log), "grid.png")
        reply, messages = run(self.kc, "img = load chelsea.jpg gray\nshow img cmap=magma\n"
                                       "save img %s grid cmap=magma" % saved)
        expect(reply["status"] == "ok", reply)
        displays = [m["content"] for m in messages if m["msg_type"] == "display_data"]
        expect(len(displays) == 1, messages)
        png = base64.b64decode(displays[0]["data"]["image/png"])
        expect(decode_size(png) == (451, 300, 3), decode_size(png))
        expect("[300,451,1]" in displays[0]["data"]["text/plain"], displays[0]["data"])
        with open(saved, "rb") as f:
            expect(f.read() == png, "the picture is not the PNG `save img FILE.png grid cmap=magma` writes")

    def test_show_kernel_is_html_table(self):
        reply, messages = run(self.kc, "k = kernel edge\nshow k")
        displays = [m["content"]["data"] for m in messages if m["msg_type"] == "display_data"]
        expect(len(displays) == 1 and "image/png" not in displays[0], messages)
        expect("<span style=\"background:#" in displays[0]["text/html"], displays[0])
        expect("\x1b" not in displays[0]["text/plain"] and "\x1b" not in displays[0]["text/html"], displays[0])

    def interrupt_long_conv(self, interrupt):
        run(self.kc, "before = 7\nphoto = load chelsea.jpg gray\nbig = resize photo 1024 1024\n"
                     "w1 = kernel random 3 3 1 64 seed=1\nw2 = kernel random 3 3 64 64 seed=2\n"
                     "wide = conv2d big w1 same")
        msg_id = self.kc.execute("for i in range(50)\n  after = conv2d wide w2 same\nend")
        time.sleep(2)
        start = time.time()
        interrupt()
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        while reply["parent_header"]["msg_id"] != msg_id:  # the interrupt_reply comes on control, not here
            reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        stopped = time.time() - start
        expect(reply["content"]["status"] == "error" and reply["content"]["ename"] == "Interrupted", reply)
        expect(stopped < 10, "took %.1f s to stop" % stopped)
        iopub_until_idle(self.kc, msg_id)
        reply, messages = run(self.kc, "before")
        expect(result(messages) == "7", messages)

    def test_interrupt_by_signal(self):
        self.interrupt_long_conv(self.km.interrupt_kernel)

    def test_interrupt_request_on_control(self):
        def by_message():
            msg = self.kc.session.msg("interrupt_request", {})
            self.kc.control_channel.send(msg)
            reply = self.kc.control_channel.get_msg(timeout=TIMEOUT)
            expect(reply["msg_type"] == "interrupt_reply" and reply["content"]["status"] == "ok", reply)
        self.interrupt_long_conv(by_message)

    def test_bad_signature_is_refused(self):
        forged = Session(key=b"not-the-key", session=self.kc.session.session)
        forged.send(self.kc.shell_channel.socket, forged.msg("execute_request", {
            "code": "forged = 1", "silent": False, "store_history": True, "user_expressions": {},
            "allow_stdin": False, "stop_on_error": True}))
        time.sleep(1)
        expect(self.kc.shell_channel.msg_ready() is False, "the forged message got a reply")
        reply, messages = run(self.kc, "forged")
        expect(reply["status"] == "error" and "unknown" in reply["evalue"], reply)
        with open(self.log) as log:
            expect("message refused: bad signature" in log.read(), "no refusal in the kernel's log")

    def test_shutdown(self):
        self.kc.shutdown()  # on the control channel, as jupyter_client sends it
        reply = self.kc.control_channel.get_msg(timeout=TIMEOUT)
        expect(reply["msg_type"] == "shutdown_reply" and reply["content"]["status"] == "ok", reply)
        for _ in range(100):
            if self.km.provisioner.process.poll() is not None:
                break
            time.sleep(0.05)
        expect(self.km.provisioner.process.poll() == 0, "kernel still running or failed after shutdown")


def main(log_path):
    with open(log_path, "w") as log:
        km, kc = start_new_kernel(kernel_name="convsh", stderr=log, startup_timeout=TIMEOUT)
    tests = Tests(km, kc, log_path)
    names = [n for n in dir(Tests) if n.startswith("test_") and n != "test_shutdown"] + ["test_shutdown"]
    passed = failed = 0
    for name in names:
        try:
            getattr(tests, name)()
            print("ok   " + name)
            passed += 1
        except Exception:
            print("FAIL " + name + "\n" + traceback.format_exc())
            failed += 1
    kc.stop_channels()
    if km.is_alive():
        km.shutdown_kernel(now=True)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
