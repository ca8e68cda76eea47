"""Command line: `deploy` puts output/ online, `rollback` puts the previous version back.

Usage: python -m plugins.publishing.deploy deploy [--site output] | rollback
"""

import argparse
import datetime
import os
import sys
import time
from pathlib import Path

from plugins.coopsoc.text import format_number_fr

from . import check
from .errors import DeployError
from .ftp import FtpHost
from .ssh import SshHost
from .target import Target, target_from_environment

UNCHANGED = "Le site en ligne n’a pas changé."


def _check_url(site: Path) -> str:
    """Where the check fetches: COOPSOC_DEPLOY_CHECK_URL, or the address of the build."""
    return os.environ.get("COOPSOC_DEPLOY_CHECK_URL", "").rstrip("/") or check.public_address(site)


def _verify(site: Path, stamp: str, undo, had_previous: bool) -> None:
    """Compare the public address with the build; put the previous version back if not."""
    problems = check.differences(site, _check_url(site), stamp)
    if not problems:
        return
    listed = "\n  - ".join(problems)
    if had_previous:
        undo()
        raise DeployError(
            f"après la mise en ligne, l’adresse publique ne sert pas la construction :\n"
            f"  - {listed}\nLa version précédente a été remise en ligne. Vérifiez que le "
            "serveur web sert bien le dossier de COOPSOC_DEPLOY (README.md), puis relancez "
            "make deploy."
        )
    raise DeployError(
        f"après la première mise en ligne, l’adresse publique ne sert pas la construction :"
        f"\n  - {listed}\nIl n’y a pas de version précédente à remettre : vérifiez que le "
        "serveur web sert bien le dossier de COOPSOC_DEPLOY (README.md).",
        unchanged=False,
    )


def deploy_ssh(target: Target, site: Path, stamp: str) -> str:
    """Upload a release, switch to it, check it, prune old ones; return rsync's stats."""
    host = SshHost(target)
    state = host.state()
    needed = sum(path.stat().st_size for path in site.rglob("*") if path.is_file())
    if needed > state.free_bytes:
        raise DeployError(
            f"l’hébergement n’a que {format_number_fr(state.free_bytes // 1024)} Ko libres pour "
            f"un site de {format_number_fr(needed // 1024)} Ko : supprimez-y des fichiers ou "
            "demandez plus d’espace à l’hébergeur, puis relancez make deploy."
        )
    stats = host.upload(site, stamp, state.current)
    host.finish(site, stamp, state.current)
    _verify(site, stamp, lambda: host.switch(state.current), state.current is not None)
    host.prune(target.keep)
    return stats


def deploy_ftp(target: Target, site: Path, stamp: str) -> str:
    """Mirror into the side folder, swap it in, check it; return lftp's report."""
    host = FtpHost(target)
    report = host.upload(site)
    names = host.names()
    host.swap(names)
    _verify(site, stamp, host.rollback, host.name in names)
    return report


def rollback(target: Target) -> str:
    """Put the previous version back online; return its name."""
    if target.scheme != "ssh":
        FtpHost(target).rollback()
        return f"{target.path}.prev"
    host = SshHost(target)
    state = host.state()
    older = [r for r in state.releases if state.current and r < state.current]
    if not older:
        raise DeployError("il n’y a pas de version antérieure à celle en ligne sur l’hébergement.")
    host.switch(older[-1])
    return older[-1]


def main(argv=None) -> int:
    """Deploy or roll back, or explain in French why not."""
    parser = argparse.ArgumentParser(description="Met en ligne le site COOPSOC.")
    parser.add_argument("action", choices=["deploy", "rollback"])
    parser.add_argument("--site", default="output", type=Path)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        target = target_from_environment()
        if args.action == "rollback":
            name = rollback(target)
            print(f"Version précédente remise en ligne sur {target} : {name}.")
            return 0
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M%S-%f")
        deploy = deploy_ssh if target.scheme == "ssh" else deploy_ftp
        report = deploy(target, args.site.resolve(), stamp)
    except DeployError as error:
        print(f"\nÉchec de la mise en ligne : {error}", file=sys.stderr)
        if error.detail:
            print(f"\nMessage de l’outil :\n{error.detail}", file=sys.stderr)
        if error.unchanged:
            print(UNCHANGED, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"\nMise en ligne interrompue. {UNCHANGED} Relancez make deploy.", file=sys.stderr)
        return 130
    if os.environ.get("COOPSOC_DEPLOY_STATS") == "1":
        print(report)
    elapsed = time.perf_counter() - started
    print(f"Site mis en ligne sur {target} (version {stamp}) en {elapsed:.1f} s, vérifié.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
