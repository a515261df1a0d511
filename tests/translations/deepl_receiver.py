"""A DeepL-compatible HTTP endpoint on 127.0.0.1 for the tests: records each request and answers
like DeepL's /v2/translate (or with a scripted error status)."""

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs


@dataclass
class DeepLReceiver:
    server: ThreadingHTTPServer = None
    requests: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # status codes to answer first

    @property
    def url(self):
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/v2/translate"


def start():
    receiver = DeepLReceiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - the http.server API
            body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
            params = parse_qs(body)
            receiver.requests.append({"headers": dict(self.headers), "params": params})
            if receiver.errors:
                status = receiver.errors.pop(0)
                payload = {"message": "Quota exceeded"}
            else:
                status = 200
                target = params["target_lang"][0]
                payload = {
                    "translations": [
                        {
                            "detected_source_language": params["source_lang"][0],
                            "text": f"{target}:{text}",
                        }
                        for text in params["text"]
                    ]
                }
            content = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)

        def log_message(self, *args):
            pass

    receiver.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=receiver.server.serve_forever, daemon=True).start()
    return receiver
