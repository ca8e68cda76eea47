"""The host to publish to, read from the environment: COOPSOC_DEPLOY and its companions."""

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .errors import DeployError

DEFAULT_PORTS = {"ssh": 22, "sftp": 22, "ftps": 21, "ftp": 21}
# Releases kept on an SSH host, the one online included (COOPSOC_DEPLOY_KEEP).
DEFAULT_KEEP = 5
HELP = (
    "Exemples : COOPSOC_DEPLOY=ssh://coopsoc@serveur.example.net/var/www/coopsoc, "
    "sftp://compte@sftp.hebergeur.example/www ou ftps://compte@ftp.hebergeur.example/www "
    "(README.md, « Première mise en place d’un hébergement »)."
)


@dataclass(frozen=True)
class Target:
    """Where and how to publish: scheme, account, host, port, folder, and credentials."""

    scheme: str
    user: str
    host: str
    port: int
    path: str
    known_hosts: Path
    key: Path | None
    password: str | None
    keep: int

    def __str__(self):
        return f"{self.scheme}://{self.user}@{self.host}:{self.port}{self.path}"


def _positive(value: str, name: str) -> int:
    if not value.isdigit() or int(value) < 2:
        raise DeployError(f"{name} vaut « {value} » : indiquez un nombre entier, 2 ou plus.")
    return int(value)


def target_from_environment(environ=os.environ) -> Target:
    """Read and check the target; raise DeployError naming the variable to fix."""
    address = environ.get("COOPSOC_DEPLOY", "").strip()
    if not address:
        raise DeployError(f"COOPSOC_DEPLOY n’est pas réglé : indiquez l’hébergement. {HELP}")
    parts = urlsplit(address)
    if parts.scheme not in DEFAULT_PORTS:
        raise DeployError(
            f"COOPSOC_DEPLOY commence par « {parts.scheme or address} » : seuls ssh://, "
            f"sftp://, ftps:// et ftp:// sont possibles. {HELP}"
        )
    if parts.scheme == "ftp" and environ.get("COOPSOC_DEPLOY_FTP_EN_CLAIR") != "1":
        raise DeployError(
            "ftp:// envoie le mot de passe et le site en clair sur le réseau : utilisez "
            "sftp:// ou ftps:// si l’hébergeur les propose ; sinon, acceptez-le "
            "explicitement avec COOPSOC_DEPLOY_FTP_EN_CLAIR=1."
        )
    if parts.password is not None:
        raise DeployError(
            "COOPSOC_DEPLOY contient un mot de passe : retirez-le de l’adresse et donnez-le "
            "dans COOPSOC_DEPLOY_PASSWORD (un secret de la CI, jamais écrit dans un fichier)."
        )
    try:
        port = parts.port or DEFAULT_PORTS[parts.scheme]
    except ValueError:
        raise DeployError(f"COOPSOC_DEPLOY : le port n’est pas un nombre. {HELP}") from None
    path = unquote(parts.path).rstrip("/")
    if not parts.hostname or not parts.username or not path.startswith("/"):
        raise DeployError(
            "COOPSOC_DEPLOY doit nommer le compte, l’hébergement et le dossier du site "
            f"(chemin complet, commençant par « / »). {HELP}"
        )
    key = environ.get("COOPSOC_DEPLOY_KEY")
    return Target(
        scheme=parts.scheme,
        user=unquote(parts.username),
        host=parts.hostname,
        port=port,
        path=path,
        known_hosts=Path(
            environ.get("COOPSOC_DEPLOY_KNOWN_HOSTS") or Path.home() / ".ssh/known_hosts"
        ),
        key=Path(key) if key else None,
        password=environ.get("COOPSOC_DEPLOY_PASSWORD") or None,
        keep=_positive(
            environ.get("COOPSOC_DEPLOY_KEEP", f"{DEFAULT_KEEP}"), "COOPSOC_DEPLOY_KEEP"
        ),
    )


def ssh_options(target: Target) -> list[str]:
    """OpenSSH options: the host key must already be known (never trusted on first use)."""
    options = [
        "-p", str(target.port),
        "-o", "StrictHostKeyChecking=yes",
        "-o", f"UserKnownHostsFile={target.known_hosts}",
        "-o", "ConnectTimeout=20",
        "-o", "ServerAliveInterval=15",
        "-o", "ServerAliveCountMax=3",
    ]  # fmt: skip
    if target.password is None:
        options += ["-o", "BatchMode=yes"]
    if target.key:
        options += ["-i", str(target.key), "-o", "IdentitiesOnly=yes"]
    return options
