"""Serve a build with nginx and deploy/nginx.conf on 127.0.0.1 (opt-in: nginx may be absent)."""

import os
import re
import shutil
import tempfile
from pathlib import Path

from tests.harness.build import ROOT
from tests.harness.hosts import ServerProcess, free_port

BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
MIME_TYPES = Path("/etc/nginx/mime.types")


def available() -> bool:
    """True when nginx and its MIME types are installed."""
    return shutil.which("nginx") is not None and MIME_TYPES.is_file()


class Nginx(ServerProcess):
    """nginx running deploy/nginx.conf over a folder; use as a context manager."""

    name = "nginx"

    def __init__(self, root: Path):
        self.root = root
        self.port = free_port()
        self.origin = f"http://127.0.0.1:{self.port}"
        self.brotli = BROTLI_MODULE.is_file()
        self.folder = Path(tempfile.mkdtemp(prefix="coopsoc-nginx-"))

    def _config(self) -> str:
        site = (ROOT / "deploy/nginx.conf").read_text(encoding="utf-8")
        site = re.sub(r"listen 80;", f"listen 127.0.0.1:{self.port};", site)
        site = re.sub(r"root [^;]+;", f"root {self.root};", site)
        if not self.brotli:
            site = site.replace("brotli_static on;", "")
        load = f"load_module {BROTLI_MODULE};\n" if self.brotli else ""
        # The build lives in a private temporary folder: workers read it as its owner.
        user = "user root;\n" if os.geteuid() == 0 else ""
        folder = self.folder
        return (
            f"{load}{user}worker_processes 1;\npid {folder}/nginx.pid;\n"
            f"error_log {folder}/error.log;\nevents {{ worker_connections 64; }}\n"
            f"http {{\ninclude {MIME_TYPES};\ndefault_type application/octet-stream;\n"
            f"access_log off;\nclient_body_temp_path {folder}/body;\n"
            f"proxy_temp_path {folder}/proxy;\nfastcgi_temp_path {folder}/fastcgi;\n"
            f"uwsgi_temp_path {folder}/uwsgi;\nscgi_temp_path {folder}/scgi;\n{site}\n}}\n"
        )

    def command(self):
        config = self.folder / "nginx.conf"
        config.write_text(self._config(), encoding="utf-8")
        return ["nginx", "-p", str(self.folder), "-c", str(config), "-g", "daemon off;"], None
