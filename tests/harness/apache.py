"""Serve a build with Apache and deploy/.htaccess on 127.0.0.1 (opt-in: Apache may be absent).

Apache refuses to serve as root: as root, it serves as www-data a readable copy of the build.
"""

import os
import shutil
import tempfile
from pathlib import Path

from tests.harness.hosts import ServerProcess, free_port

MODULES = Path("/usr/lib/apache2/modules")
NEEDED = ("mpm_event", "authz_core", "dir", "mime", "rewrite", "headers")


def available() -> bool:
    """True when apache2 and the modules deploy/.htaccess uses are installed."""
    return shutil.which("apache2") is not None and all(
        (MODULES / f"mod_{name}.so").is_file() for name in NEEDED
    )


class Apache(ServerProcess):
    """Apache serving a copy of a build, .htaccess included; use as a context manager."""

    name = "Apache"

    def __init__(self, build: Path):
        self.folder = Path(tempfile.mkdtemp(prefix="coopsoc-apache-"))
        self.root = self.folder / "site"
        shutil.copytree(build, self.root)
        self.port = free_port()
        self.origin = f"http://127.0.0.1:{self.port}"

    def _config(self) -> str:
        modules = "".join(f"LoadModule {name}_module {MODULES}/mod_{name}.so\n" for name in NEEDED)
        user = "User www-data\nGroup www-data\n" if os.geteuid() == 0 else ""
        return (
            f"ServerRoot {self.folder}\nListen 127.0.0.1:{self.port}\nServerName 127.0.0.1\n"
            f"PidFile {self.folder}/httpd.pid\nErrorLog {self.folder}/error.log\n{user}"
            f"{modules}TypesConfig /etc/mime.types\nDocumentRoot {self.root}\n"
            "<Directory />\n  AllowOverride None\n  Require all denied\n</Directory>\n"
            # What the .htaccess needs from the host (README.md, « Première mise en place
            # d’un hébergement »).
            f"<Directory {self.root}>\n  AllowOverride FileInfo Indexes Options\n"
            "  Require all granted\n</Directory>\n"
        )

    def command(self):
        for path in [self.folder, *self.folder.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        config = self.folder / "httpd.conf"
        config.write_text(self._config(), encoding="utf-8")
        environment = {**os.environ, "APACHE_RUN_DIR": str(self.folder)}
        return ["apache2", "-f", str(config), "-DFOREGROUND"], environment
