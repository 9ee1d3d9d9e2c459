"""A loopback FHIR stand-in for the no-prefetch mix: answers Coverage searches and Organization reads."""
from __future__ import annotations

import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

COVERAGES = {"resourceType": "Bundle", "type": "searchset", "entry": [{"resource": {
    "resourceType": "Coverage", "id": "cov-1", "status": "active",
    "type": {"coding": [{"system": "https://nahdo.org/sopt", "code": "111"}]},
    "payor": [{"reference": "Organization/org-1"}]}}]}
ORGANIZATION = {"resourceType": "Organization", "id": "org-1", "name": "Bench Medicare Advantage Plan"}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True   # headers and body go out as separate writes

    def do_GET(self) -> None:  # noqa: N802
        body = json.dumps(ORGANIZATION if "/Organization/" in self.path else COVERAGES).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/fhir+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
    server.daemon_threads = True
    server.serve_forever()
