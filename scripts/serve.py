#!/usr/bin/env python3
"""Serves a folder on 127.0.0.1 with the MIME types the explainer needs (application/wasm), and
compressed as a CDN sends it: text, the wasm and the compiled stories gzipped for a browser that
accepts gzip (LIFELINE_GZIP=0 serves every file as it is).

Usage: python3 scripts/serve.py [DIR] (PORT from the environment, default 8000)

For make preview (scripts/preview.py): LIFELINE_PREVIEW=<story> adds /__preview.js to that
story's pages and serves the last build's status at /__preview.json.

For the cross-engine tests (tests/xengine/): LIFELINE_PROBE=FILE serves FILE at /__probe.js and
loads it first in every HTML page, so a browser driven over classic WebDriver (which cannot run a
script before the page's own) still records the page's errors.
"""
import functools
import gzip
import http.server
import io
import os
import re
import sys

# A name with a content hash (scripts/fingerprint.py) never changes content: cache it for a year.
HASHED = re.compile(r"-[0-9a-f]{10}\.[a-z]+$")

# What a CDN compresses (not the PNG pictures, which are compressed already).
COMPRESSED = (".html", ".js", ".mjs", ".css", ".json", ".svg", ".wasm", ".bin", ".csv", ".xml", ".txt")
_gzipped: dict = {}  # (path, mtime) -> bytes: each file compressed once

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

    def send_head(self):
        probe = os.environ.get("LIFELINE_PROBE")
        path = self.path.split("?", 1)[0]
        preview = os.environ.get("LIFELINE_PREVIEW")
        if preview:
            sent = self.send_preview(path, preview)
            if sent:
                return sent
        if probe and path == "/__probe.js":
            if not os.path.isfile(probe):
                self.send_error(500, f"LIFELINE_PROBE {probe} is not a file")
                return None
            return self.send_bytes(open(probe, "rb").read(), "text/javascript")
        if probe and (path.endswith("/") or path.endswith(".html")):
            file = self.translate_path(path)
            if os.path.isdir(file):
                file = os.path.join(file, "index.html")
            if os.path.isfile(file):
                html = open(file, "rb").read()
                tag = b'<script src="/__probe.js"></script>'
                html = re.sub(rb"(<head(?:\s[^>]*)?>)", lambda m: m.group(1) + tag, html, count=1)
                return self.send_bytes(html, "text/html; charset=utf-8")
        return self.send_gzipped() or super().send_head()

    def send_preview(self, path, story):
        """make preview (scripts/preview.py): its page script, the last build's status, and the
        previewed story's pages with the script added."""
        here = os.path.dirname(os.path.abspath(__file__))
        if path == "/__preview.js":
            return self.send_bytes(open(os.path.join(here, "preview.js"), "rb").read(), "text/javascript")
        if path == "/__preview.json":
            file = os.path.join(self.directory, "__preview.json")
            return self.send_bytes(open(file, "rb").read() if os.path.isfile(file) else b"{}", "application/json")
        if path.startswith(f"/stories/{story}/") and (path.endswith("/") or path.endswith(".html")):
            file = self.translate_path(path)
            if os.path.isdir(file):
                file = os.path.join(file, "index.html")
            if os.path.isfile(file):
                html = open(file, "rb").read().replace(b"</body>", b'<script src="/__preview.js"></script></body>', 1)
                return self.send_bytes(html, "text/html; charset=utf-8")
        return None

    def send_gzipped(self):
        """The file gzipped (level 9, as `make bench` counts bytes), for a browser that accepts it."""
        if os.environ.get("LIFELINE_GZIP") == "0" or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return None
        path = self.path.split("?", 1)[0]
        file = self.translate_path(path)
        if os.path.isdir(file):
            if not path.endswith("/"):
                return None  # the base class redirects to the folder's address
            file = os.path.join(file, "index.html")
        if not file.endswith(COMPRESSED) or not os.path.isfile(file):
            return None
        key = (file, os.stat(file).st_mtime_ns)
        if key not in _gzipped:
            with open(file, "rb") as f:
                _gzipped[key] = gzip.compress(f.read(), compresslevel=9, mtime=0)
        body = _gzipped[key]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(file))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def send_bytes(self, body, ctype):
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def send_response(self, code, message=None):
        self.status = code
        super().send_response(code, message)

    def end_headers(self):
        # The headers docs/deploying.md asks a server or CDN to send (an error is never kept).
        path = self.path.split("?", 1)[0]
        if HASHED.search(path) and getattr(self, "status", 0) in (200, 304):
            self.send_header("Cache-Control", "public, max-age=31536000, immutable")
        else:
            self.send_header("Cache-Control", "no-cache")
        # Host pages on other origins load the script embed's files (a module, its page, its
        # data and wasm) in CORS mode: docs/deploying.md, "Headers".
        self.send_header("Access-Control-Allow-Origin", "*")
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
