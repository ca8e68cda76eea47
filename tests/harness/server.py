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
# The policy of the editor's page, /admin/ (deploy/): its code is ours, but it sets styles
# inline, shows images and previews from blob: and data: addresses, and talks to the forge
# (ADMIN_BACKEND, plugins/admin/settings.py). No 'unsafe-eval', no inline script.
ADMIN_PATH = "/admin/"
ADMIN_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; media-src 'self' blob:; "
    "connect-src 'self' data: blob: https://codeberg.org; frame-src blob:; "
    "worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
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
        if self.policy and self.path.startswith(ADMIN_PATH):
            self.send_header("Content-Security-Policy", ADMIN_CONTENT_SECURITY_POLICY)
        elif self.policy:
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
