"""An FTP server (pyftpdlib) on 127.0.0.1 for the deploy tests; a context manager.

A child process, not a thread: pyftpdlib changes the working directory of its process.
One read-write account whose home, `root`, the client sees as "/".
"""

import secrets
import sys
import tempfile
from pathlib import Path

from tests.harness.hosts import ServerProcess, free_port

USER = "coopsoc"
# pyftpdlib's command line, logging warnings only: its log of every command would fill the
# pipe the harness reads errors from, and block the server.
QUIET_SERVER = (
    "import logging, sys; logging.basicConfig(level=logging.WARNING); "
    "from pyftpdlib.__main__ import main; main(sys.argv[1:])"
)


class FtpServer(ServerProcess):
    """pyftpdlib serving root to one account (user, password) on a free port."""

    name = "le serveur FTP"

    def __init__(self, root: Path):
        self.root = root
        self.port = free_port()
        self.user = USER
        self.password = secrets.token_urlsafe(12)
        self.folder = Path(tempfile.mkdtemp(prefix="coopsoc-ftp-"))

    def command(self):
        return [
            sys.executable, "-c", QUIET_SERVER, "--interface", "127.0.0.1",
            "--port", str(self.port), "--write", "--directory", str(self.root),
            "--username", self.user, "--password", self.password,
        ], None  # fmt: skip
