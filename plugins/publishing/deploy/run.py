"""Run ssh, rsync or lftp; on failure, raise DeployError with the French explanation."""

import shutil
import subprocess

from .errors import DeployError, explain

PACKAGES = {"ssh": "openssh-client", "rsync": "rsync", "lftp": "lftp"}


def run(arguments: list[str], target, *, stdin: str = "", env=None) -> str:
    """Run a command to completion and return what it printed on standard output."""
    tool = arguments[0]
    if shutil.which(tool) is None:
        raise DeployError(
            f"la commande {tool} est introuvable sur cette machine : installez le paquet "
            f"Debian {PACKAGES[tool]} (README.md, « Première mise en place d’un hébergement »)."
        )
    result = subprocess.run(arguments, input=stdin, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        printed = result.stderr + result.stdout
        raise DeployError(explain(printed, target), detail=printed.strip()[-2000:])
    return result.stdout
