"""Serve a built site on 127.0.0.1, on a port chosen by the OS, under a strict CSP."""

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# The policy the hosts send (deploy/): the site must work under it (no inline script or style
# attribute handlers, nothing from another origin, forms posted to the site or to mailto:).
# Violations show as console errors.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; base-uri 'self'; form-action 'self' mailto:; frame-ancestors 'none'"
)
# Test-only files served beside the site, from node_modules.
TOOLS_PREFIX = "/__outils__/"


class _Handler(SimpleHTTPRequestHandler):
    tools: Path
    policy: str | None = CONTENT_SECURITY_POLICY

    def translate_path(self, path):
        if path.startswith(TOOLS_PREFIX):
            return str(self.tools / path[len(TOOLS_PREFIX) :].split("?")[0])
        return super().translate_path(path)

    def end_headers(self):
        if self.policy:
            self.send_header("Content-Security-Policy", self.policy)
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format, *args):
        pass


class SiteServer:
    """A running local server; use as a context manager."""

    def __init__(self, root: Path, tools: Path, policy: str | None = CONTENT_SECURITY_POLICY):
        handler_class = type("Handler", (_Handler,), {"tools": tools, "policy": policy})
        handler = functools.partial(handler_class, directory=str(root))
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self):
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, path: str) -> str:
        """Absolute URL of a path relative to the site root."""
        return f"{self.origin}/{path}"
