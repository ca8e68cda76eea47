"""SFTP or FTPS with lftp: mirror into <folder>.next, then swap it in by renames.

On the host, beside the folder the web server serves (the path of COOPSOC_DEPLOY):
  <folder>.next   the build being sent (mirrored with deletion, hidden files included)
  <folder>        the site online
  <folder>.prev   the previous version, for `make rollback`
The swap is two renames: between them, for a few milliseconds, the folder is missing.
Hosts that forbid renaming the web root: see README.md (« Première mise en place »).
"""

import os
import posixpath
import shlex
from pathlib import Path

from .errors import DeployError
from .run import run
from .target import Target

SETTINGS = (
    "set cmd:fail-exit yes; set net:max-retries 2; set net:timeout 20; "
    "set net:reconnect-interval-base 2; set ftp:list-options -a; "
)


class FtpHost:
    """A host reached with lftp over SFTP, FTPS or (opt-in) FTP."""

    def __init__(self, target: Target):
        self.target = target
        self.online = target.path
        self.parent, self.name = posixpath.split(target.path)

    def _settings(self) -> str:
        settings = SETTINGS
        if self.target.scheme == "ftps":
            settings += "set ftp:ssl-force yes; set ftp:ssl-protect-data yes; "
        elif self.target.scheme == "ftp":
            settings += "set ftp:ssl-allow no; "
        else:
            # lftp adds the account and the port itself; the host key must be known.
            program = ["ssh", "-a", "-x", "-o", "StrictHostKeyChecking=yes",
                       "-o", f"UserKnownHostsFile={self.target.known_hosts}"]  # fmt: skip
            if self.target.password is None:
                program += ["-o", "BatchMode=yes"]
            if self.target.key:
                program += ["-i", str(self.target.key), "-o", "IdentitiesOnly=yes"]
            settings += f"set sftp:connect-program {shlex.quote(shlex.join(program))}; "
        return settings

    def lftp(self, commands: str) -> str:
        """Run lftp commands on the host; the password travels in the environment only."""
        target = self.target
        # --env-password reads LFTP_PASSWORD: the secret is never on a command line.
        login = f"open --env-password -u {shlex.quote(target.user)} -p {target.port} "
        login += shlex.quote(f"{target.scheme}://{target.host}")
        environment = {**os.environ, "LFTP_PASSWORD": target.password or ""}
        script = f"{self._settings()}{login}; {commands}"
        return run(["lftp", "-c", script], target, env=environment)

    def names(self) -> set[str]:
        """The names in the folder holding the site's folder."""
        printed = self.lftp(f"cls -1 -a {shlex.quote(self.parent.rstrip('/') + '/')}")
        return {posixpath.basename(line.rstrip("/")) for line in printed.splitlines()}

    def upload(self, site: Path) -> str:
        """Mirror the build into <folder>.next, deleting what the build does not have.

        What an interrupted upload left in <folder>.next is kept: the mirror resumes it.
        """
        return self.lftp(
            f"mirror --reverse --delete --no-perms --parallel=4 "
            f"{shlex.quote(str(site) + '/')} {shlex.quote(self.online + '.next')}"
        )

    def swap(self, names: set[str]) -> None:
        """Online: <folder>.next; kept for rollback: the folder online until now."""
        online, previous = shlex.quote(self.online), shlex.quote(f"{self.online}.prev")
        commands = f"mv {shlex.quote(self.online + '.next')} {online}"
        if self.name in names:
            commands = f"mv {online} {previous}; {commands}"
            if f"{self.name}.prev" in names:
                commands = f"rm -r -f {previous}; {commands}"
        self.lftp(commands)

    def rollback(self) -> None:
        """Swap the folder online and <folder>.prev (a second rollback undoes the first)."""
        if f"{self.name}.prev" not in self.names():
            raise DeployError(
                f"il n’y a pas de version précédente ({self.online}.prev) sur l’hébergement."
            )
        online = shlex.quote(self.online)
        previous, aside = shlex.quote(f"{self.online}.prev"), shlex.quote(f"{self.online}.old")
        self.lftp(
            f"rm -r -f {aside}; mv {online} {aside}; mv {previous} {online}; mv {aside} {previous}"
        )
