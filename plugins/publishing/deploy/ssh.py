"""SSH + rsync: each build in releases/<stamp>/, online by one atomic symlink switch.

On the host, under the folder of COOPSOC_DEPLOY (the web server serves <folder>/current):
  releases/<stamp>/        one build; files unchanged since the previous one are hard links
  releases/<stamp>.theme   the fingerprinted files of that build (theme/), one per line
  current -> releases/<stamp>
A release is uploaded as releases/.<stamp>.envoi and renamed only once complete, so an
interrupted upload is never online and never a rollback target. `mv -T` (GNU coreutils)
replaces the link in one rename(2): a request sees the old release or the new one.
"""

import re
import shlex
from dataclasses import dataclass
from pathlib import Path

from .errors import DeployError
from .run import run
from .target import Target, ssh_options

RELEASE = re.compile(r"^\d{8}-\d{6}-\d{6}$")


@dataclass
class State:
    """What the host holds: the releases (oldest first), the one online, the free space."""

    releases: list[str]
    current: str | None
    free_bytes: int


class SshHost:
    """A host reached over SSH, holding releases under target.path."""

    def __init__(self, target: Target):
        self.target = target
        self.root = shlex.quote(target.path)

    def _ssh(self) -> list[str]:
        return ["ssh", *ssh_options(self.target), f"{self.target.user}@{self.target.host}"]

    def shell(self, script: str, stdin: str = "") -> str:
        """Run a POSIX shell script in the site folder of the host."""
        return run([*self._ssh(), f"set -eu; mkdir -p {self.root}/releases; cd {self.root}; "
                    + script], self.target, stdin=stdin)  # fmt: skip

    def state(self) -> State:
        """Read the releases, the one online and the free space, removing aborted uploads."""
        printed = self.shell(
            "rm -rf releases/.*.envoi; "
            "if [ -L current ]; then readlink current; elif [ -e current ]; then echo /; "
            "else echo; fi; "
            "df -Pk . | tail -n 1; ls -1 releases"
        ).splitlines()
        current = printed[0].strip().removeprefix("releases/") or None
        if current == "/":
            raise DeployError(
                f"{self.target.path}/current existe sur l’hébergement mais n’est pas un lien "
                "vers une version : déplacez-le (par exemple en current.ancien), puis relancez "
                "make deploy."
            )
        free_bytes = int(printed[1].split()[3]) * 1024
        releases = sorted(name for name in printed[2:] if RELEASE.match(name))
        return State(releases, current, free_bytes)

    def upload(self, site: Path, stamp: str, current: str | None) -> str:
        """Send the build to releases/.<stamp>.envoi; return rsync's statistics."""
        ssh = shlex.join(["ssh", *ssh_options(self.target)])
        arguments = ["rsync", "--archive", "--delete", "--checksum", "--stats",
                     "--chmod=D755,F644", "--rsh", ssh]  # fmt: skip
        if current:
            # Unchanged files become hard links to the release online: only changes travel.
            arguments.append(f"--link-dest={self.target.path}/releases/{current}/")
        destination = f"{self.target.path}/releases/.{stamp}.envoi/"
        arguments += [f"{site}/", f"{self.target.user}@{self.target.host}:{destination}"]
        return run(arguments, self.target)

    def finish(self, site: Path, stamp: str, current: str | None) -> None:
        """Keep the previous release's fingerprinted files, name the release, switch to it."""
        fingerprinted = "".join(
            f"{path.relative_to(site).as_posix()}\n"
            for path in sorted((site / "theme").rglob("*"))
            if path.is_file()
        )
        script = f"new=releases/.{stamp}.envoi; cat > releases/{stamp}.theme; "
        if current:
            # A page loaded just before the switch still finds its stylesheet and scripts.
            script += (
                f"if [ -f releases/{current}.theme ]; then while IFS= read -r f; do "
                f'[ -e "$new/$f" ] || [ ! -f "releases/{current}/$f" ] || '
                f'{{ mkdir -p "$new/${{f%/*}}"; ln "releases/{current}/$f" "$new/$f"; }}; '
                f"done < releases/{current}.theme; fi; "
            )
        self.shell(script + f'mv "$new" releases/{stamp}', stdin=fingerprinted)
        self.switch(stamp)

    def switch(self, release: str) -> None:
        """Point current at a release, in one rename."""
        self.shell(
            f"test -d releases/{release}; "
            f"ln -sfn releases/{release} current.tmp; mv -T current.tmp current"
        )

    def prune(self, keep: int) -> list[str]:
        """Remove all but the newest releases (the one online always stays); return them."""
        state = self.state()
        removed = [r for r in state.releases[:-keep] if r != state.current]
        if removed:
            names = " ".join(f"releases/{r} releases/{r}.theme" for r in removed)
            self.shell(f"rm -rf {names}")
        return removed
