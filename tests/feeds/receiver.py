"""A real HTTP receiver on 127.0.0.1 for the webhook tests: records every request and answers
with the scripted status codes (and delays)."""

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Received:
    headers: dict
    body: bytes

    @property
    def json(self):
        return json.loads(self.body)


@dataclass
class Receiver:
    """``responses``: status codes to answer in turn (then 200); ``delay``: seconds per request."""

    server: ThreadingHTTPServer = None
    requests: list = field(default_factory=list)
    responses: list = field(default_factory=list)
    delay: float = 0.0
    location: str = ""  # a Location header to answer with (redirect tests)
    answer: bytes = b""  # the body to answer with instead of ok/nope
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self):
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/hook"

    def wait_for(self, count, timeout=30.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if len(self.requests) >= count:
                    return True
            time.sleep(0.05)
        return False


def start_receiver():
    receiver = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - the http.server API
            length = int(self.headers.get("Content-Length", 0))
            body = self.rfile.read(length)
            if receiver.delay:
                time.sleep(receiver.delay)
            with receiver.lock:
                receiver.requests.append(Received(dict(self.headers), body))
                status = receiver.responses.pop(0) if receiver.responses else 200
            self.send_response(status)
            self.send_header("Content-Type", "text/plain")
            if receiver.location:
                self.send_header("Location", receiver.location)
            self.end_headers()
            self.wfile.write(receiver.answer or (b"ok" if status < 300 else b"nope"))

        def log_message(self, *args):
            pass

    receiver.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=receiver.server.serve_forever, daemon=True)
    thread.start()
    return receiver
