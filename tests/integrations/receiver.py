"""A real HTTP receiver on 127.0.0.1 for webhook tests: it records every request and
answers with the statuses (or delays) a test queues up."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Reply:
    """What the receiver answers: a status after `wait` seconds, then `body`, sent one
    byte every `drip` seconds if that is set (a receiver that never quite finishes)."""

    status: int = 200
    wait: float = 0.0
    body: bytes | None = None
    drip: float = 0.0


@dataclass
class Receiver:
    url: str
    received: list[Received] = field(default_factory=list)
    # Each request takes the next reply, a Reply or (status, seconds to wait); then 200.
    answers: list[Reply | tuple[int, float]] = field(default_factory=list)


@contextmanager
def receiving() -> Iterator[Receiver]:
    state = Receiver(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("content-length", 0)))
            state.received.append(Received(self.path, dict(self.headers.items()), body))
            reply = state.answers.pop(0) if state.answers else Reply()
            if isinstance(reply, tuple):
                reply = Reply(*reply)
            time.sleep(reply.wait)
            content = reply.body
            if content is None:
                content = b'{"ok": true}' if reply.status < 300 else b"no"
            self.send_response(reply.status)
            if 300 <= reply.status < 400:
                self.send_header("Location", "http://127.0.0.1:9/elsewhere")
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            try:
                if not reply.drip:
                    self.wfile.write(content)
                for byte in content if reply.drip else b"":
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(reply.drip)
            except OSError:
                pass  # RoleFit stopped reading, as it should

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/rolefit"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
