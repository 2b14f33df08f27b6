#!/usr/bin/env python3
"""Serve dist/ on 127.0.0.1 (static files only, like the city's website), compressed as a
well-configured host would (docs/operations.md, "Compression and caching"): the
precompressed FILE.br / FILE.gz beside a file (scripts/precompress.py) when the browser
accepts it, and the feed (which has no precompressed copy: staff replace it on its own)
gzipped as it is sent, like nginx's `gzip on` for /feed/."""
import functools, gzip, http.server, io, os, re, sys

root = sys.argv[1] if len(sys.argv) > 1 else "dist"
port = int(sys.argv[2]) if len(sys.argv) > 2 else 8080


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".webmanifest": "application/manifest+json",
                      ".js": "text/javascript", ".ics": "text/calendar; charset=utf-8"}

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        accepted = self.headers.get("Accept-Encoding", "")
        for encoding, suffix in (("br", ".br"), ("gzip", ".gz")):
            if encoding in accepted and os.path.isfile(path + suffix):
                f = open(path + suffix, "rb")
                self.send_response(200)
                self.send_header("Content-Type", self.guess_type(path))
                self.send_header("Content-Encoding", encoding)
                self.send_header("Content-Length", str(os.fstat(f.fileno()).st_size))
                self.send_header("Vary", "Accept-Encoding")
                self.end_headers()
                return f
        if "gzip" in accepted and os.path.isfile(path) and self.DYNAMIC.search(path):
            with open(path, "rb") as f:
                body = gzip.compress(f.read(), compresslevel=6)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(path))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Vary", "Accept-Encoding")
            self.end_headers()
            return io.BytesIO(body)
        return super().send_head()

    # Compressed as sent (no precompressed copy): the feed's JSON and calendar.
    DYNAMIC = re.compile(r"[/\\]feed[/\\][^/\\]+\.(json|ics)$")

    # As docs/operations.md asks of the host: content-hashed names (Trunk's
    # `name-<hash>.js|_bg.wasm|.css`, its snippets folder) cached for a year, the rest
    # revalidated. The service worker takes the first visit's files from that cache.
    HASHED = re.compile(r"(/snippets/[^/]+-[0-9a-f]{8,}/|-[0-9a-f]{8,}(_bg)?\.(wasm|js|css)$)")

    def end_headers(self):
        hashed = self.HASHED.search(self.path.split("?")[0])
        self.send_header("Cache-Control", "public, max-age=31536000, immutable" if hashed else "no-cache")
        super().end_headers()


server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Handler, directory=root))
try:
    server.serve_forever()
except KeyboardInterrupt:
    pass
