"""A small SMTP server on 127.0.0.1 for tests that need a real mail server in another process.

It accepts every message and counts it once the final "." of DATA is answered with 250, which
is the moment a real server has taken responsibility for the message. With `hold_data_reply`
set it counts the message and then keeps the client waiting for that 250, so a test can kill the
sending worker inside the send window: the message has arrived, the worker cannot know it.
`delay` slows every reply (a slow mail server), `data_reply` answers the final "." with another
line (e.g. "451 try again later"), and `hang_up_after_data` closes without answering it.
"""

import socketserver
import threading
import time


class _Session(socketserver.StreamRequestHandler):
    timeout = 120

    def _reply(self, line: str) -> None:
        if self.server.owner.delay:
            time.sleep(self.server.owner.delay)
        self.wfile.write(f"{line}\r\n".encode())
        self.wfile.flush()

    def handle(self) -> None:
        try:
            self._converse()
        except OSError:
            pass  # the client was killed mid-conversation: nothing to answer

    def _converse(self) -> None:
        server: SMTPServer = self.server.owner
        self._reply("220 test-smtp ready")
        recipients: list[str] = []
        while line := self.rfile.readline():
            verb = line.decode(errors="replace").strip().split(" ", 1)[0].upper()
            if verb == "EHLO":
                self._reply("250-test-smtp")
                self._reply("250 8BITMIME")
            elif verb == "RCPT":
                recipients.append(line.decode(errors="replace").split(":", 1)[-1].strip().strip("<>"))
                self._reply("250 ok")
            elif verb == "DATA":
                self._reply("354 end with <CRLF>.<CRLF>")
                ending = b"x"
                while ending not in (b".\r\n", b".\n", b""):
                    ending = self.rfile.readline()
                if not ending:
                    return  # the client went away before the final ".": the message is discarded
                if server.hang_up_after_data:
                    return
                if server.data_reply:
                    self._reply(server.data_reply)
                    continue
                server.accepted(recipients)
                recipients = []
                if server.hold_data_reply:
                    server.release.wait(timeout=90)
                self._reply("250 queued")
            elif verb == "QUIT":
                self._reply("221 bye")
                return
            else:  # HELO, MAIL, RSET, NOOP
                self._reply("250 ok")


class _ThreadingServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


class SMTPServer:
    def __init__(self) -> None:
        self.hold_data_reply = False
        self.hang_up_after_data = False
        self.data_reply = ""
        self.delay = 0.0
        self.accepted_for: list[str] = []  # one address per accepted message and recipient
        self.release = threading.Event()
        self._count = 0
        self._lock = threading.Lock()
        self._server = _ThreadingServer(("127.0.0.1", 0), _Session)
        self._server.owner = self
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def accepted(self, recipients: list[str] = ()) -> None:
        with self._lock:
            self._count += 1
            self.accepted_for.extend(recipients)

    @property
    def messages(self) -> int:
        with self._lock:
            return self._count

    def __enter__(self) -> "SMTPServer":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.release.set()
        self._server.shutdown()
        self._server.server_close()
