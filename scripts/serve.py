#!/usr/bin/env python3
"""Serves a folder on 127.0.0.1 with the MIME types the explainer needs (application/wasm).

Usage: python3 scripts/serve.py [DIR] (PORT from the environment, default 8000)
"""
import functools
import http.server
import os
import re
import sys


# A name with a content hash (scripts/fingerprint.py) never changes content: cache it for a year.
HASHED = re.compile(r"-[0-9a-f]{10}\.[a-z]+$")

CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
       "img-src 'self' data: blob:; connect-src 'self'; frame-src 'self'")


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".json": "application/json",
        ".css": "text/css",
        ".svg": "image/svg+xml",
    }

    def send_response(self, code, message=None):
        self.status = code
        super().send_response(code, message)

    def end_headers(self):
        # The headers the README asks a server or CDN to send (an error is never kept).
        path = self.path.split("?", 1)[0]
        if HASHED.search(path) and getattr(self, "status", 0) in (200, 304):
            self.send_header("Cache-Control", "public, max-age=31536000, immutable")
        else:
            self.send_header("Cache-Control", "no-cache")
        # LIFELINE_CSP=1: every response carries the strict policy a think-tank's CMS may set.
        if os.environ.get("LIFELINE_CSP") == "1":
            self.send_header("Content-Security-Policy", CSP)
        super().end_headers()

    def log_message(self, fmt, *args):
        if os.environ.get("QUIET") != "1":
            super().log_message(fmt, *args)


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "dist"
    port = int(os.environ.get("PORT", "8000"))
    handler = functools.partial(Handler, directory=root)
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as httpd:
        print(f"Serving {root}/ on http://127.0.0.1:{port}/ (Ctrl-C stops)", flush=True)
        httpd.serve_forever()


if __name__ == "__main__":
    main()
