"""A small threaded static file server that gzips text responses, like a real web host.

Python's `http.server` never compresses, which would make every page look several times
heavier than it is on a real host (and cost Lighthouse points for "text compression").

    httpd = serve(Path("site"))          # 127.0.0.1 on a free port, in a daemon thread
    url = f"http://127.0.0.1:{httpd.server_address[1]}/"
    ...
    httpd.shutdown()
"""

from __future__ import annotations

import email.utils
import gzip
import http.server
import os
import posixpath
import threading
import urllib.parse
from pathlib import Path

GZIP_LEVEL = 6

TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".webmanifest": "application/manifest+json",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".map": "application/json",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/x-icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".pdf": "application/pdf",
    ".ipynb": "application/x-ipynb+json",
    ".gz": "application/gzip",
}

COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".webmanifest", ".xml", ".txt", ".svg", ".map",
                ".ico", ".ttf", ".ipynb"}


def content_type(path: Path) -> str:
    return TYPES.get(path.suffix.lower(), "application/octet-stream")


def compressible(path: Path) -> bool:
    return path.suffix.lower() in COMPRESSIBLE


class GzipHandler(http.server.BaseHTTPRequestHandler):
    """GET/HEAD for files under `directory`; gzip for text when the client accepts it."""

    directory: Path
    protocol_version = "HTTP/1.1"
    _cache: dict[tuple[str, float], bytes]
    _lock: threading.Lock

    def log_message(self, *args):
        pass

    def do_GET(self):
        self._respond(body=True)

    def do_HEAD(self):
        self._respond(body=False)

    def _resolve(self) -> tuple[int, Path | None, str | None]:
        """(status, file, redirect location) for the request path."""
        url = urllib.parse.urlsplit(self.path)
        rel = posixpath.normpath(urllib.parse.unquote(url.path)).lstrip("/")
        if rel in (".", ""):
            rel = ""
        target = (self.directory / rel).resolve()
        root = self.directory.resolve()
        if target != root and root not in target.parents:
            return 404, None, None
        if target.is_dir():
            if not url.path.endswith("/"):
                return 301, None, url.path + "/" + (f"?{url.query}" if url.query else "")
            target = target / "index.html"
        if target.is_file():
            return 200, target, None
        return 404, None, None

    def _respond(self, body: bool):
        status, path, location = self._resolve()
        if status == 301:
            self.send_response(301)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if path is None:
            not_found = self.directory / "404.html"
            path = not_found if not_found.is_file() else None
        if path is None:
            data, ctype, encoded = b"Not found", "text/plain; charset=utf-8", False
        else:
            data, ctype = path.read_bytes(), content_type(path)
            encoded = False
            if compressible(path) and "gzip" in self.headers.get("Accept-Encoding", ""):
                data, encoded = self._gzipped(path, data), True
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        if path is not None:
            self.send_header("Last-Modified", email.utils.formatdate(path.stat().st_mtime, usegmt=True))
            if compressible(path):
                self.send_header("Vary", "Accept-Encoding")
        if encoded:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        if body:
            self.wfile.write(data)

    def _gzipped(self, path: Path, data: bytes) -> bytes:
        key = (str(path), path.stat().st_mtime)
        with self._lock:
            hit = self._cache.get(key)
        if hit is None:
            hit = gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)
            with self._lock:
                self._cache[key] = hit
        return hit


class GzipServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"


def serve(directory: Path, port: int = 0) -> GzipServer:
    """Serve `directory` on 127.0.0.1 (a free port unless given) from a daemon thread."""
    handler = type("Handler", (GzipHandler,), {
        "directory": Path(directory), "_cache": {}, "_lock": threading.Lock(),
    })
    httpd = GzipServer(("127.0.0.1", port), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def gzip_size(data: bytes) -> int:
    """Bytes of `data` gzipped at the level the server uses."""
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


if __name__ == "__main__":  # python -m bench.server site/ [port]
    import sys

    d = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    srv = serve(d, int(sys.argv[2]) if len(sys.argv) > 2 else 8000)
    print(f"Serving {d} with gzip on {srv.url} (Ctrl-C stops)", file=sys.stderr)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        srv.shutdown()
    os._exit(0)
