"""An OpenSSH server on 127.0.0.1 for the deploy tests: temporary host key, key login only.

Opt-in like nginx: the Debian package openssh-server may be absent (`.ci/run` installs it).
"""

import getpass
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from tests.harness.hosts import ServerProcess, free_port

SSHD = Path("/usr/sbin/sshd")
# sshd refuses to start without its privilege separation folder (created by the service).
PRIVSEP = Path("/run/sshd")


def available() -> bool:
    """True when sshd, ssh, ssh-keygen and rsync are installed."""
    return SSHD.is_file() and all(shutil.which(t) for t in ("ssh", "ssh-keygen", "rsync"))


def _keygen(path: Path) -> str:
    """Make an ed25519 key pair without passphrase; return the public key line."""
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(path)],
        check=True,
        capture_output=True,
    )
    return path.with_suffix(".pub").read_text(encoding="utf-8").strip()


class Sshd(ServerProcess):
    """sshd with its own config, host key and one authorized client key; a context manager.

    client_key logs in as the current user; known_hosts pins the host key.
    """

    name = "sshd"

    def __init__(self):
        self.port = free_port()
        self.user = getpass.getuser()
        self.folder = Path(tempfile.mkdtemp(prefix="coopsoc-sshd-"))
        self.client_key = self.folder / "client"
        self.known_hosts = self.folder / "known_hosts"

    def command(self):
        folder = self.folder
        host_key = _keygen(folder / "host")
        (folder / "authorized_keys").write_text(_keygen(self.client_key) + "\n")
        # The key that `ssh` will be shown, pinned for [127.0.0.1]:port only.
        self.known_hosts.write_text(f"[127.0.0.1]:{self.port} {host_key}\n")
        config = folder / "sshd_config"
        config.write_text(
            f"ListenAddress 127.0.0.1\nPort {self.port}\nHostKey {folder}/host\n"
            f"PidFile {folder}/sshd.pid\nAuthorizedKeysFile {folder}/authorized_keys\n"
            "UsePAM no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n"
            "PermitRootLogin prohibit-password\nStrictModes no\nLogLevel ERROR\n"
            "Subsystem sftp internal-sftp\n",
            encoding="utf-8",
        )
        PRIVSEP.mkdir(mode=0o755, exist_ok=True)
        os.chmod(self.client_key, 0o600)
        return [str(SSHD), "-D", "-e", "-f", str(config)], None
