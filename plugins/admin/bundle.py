"""The editor's code: bundled from node_modules by esbuild (editor/bundle.mjs), kept once.

The bundle depends only on the installed packages (package-lock.json) and on our
editor/ sources: it is kept in node_modules/.cache under a hash of both, so a build
bundles again only after `npm ci` or a change of those sources.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .settings import AdminError

EDITOR_SOURCES = Path(__file__).parent / "editor"
PACKAGE = "@sveltia/cms"


def _key(root: Path) -> str:
    """Return a hash of the lock file and of the editor's sources."""
    digest = hashlib.sha256((root / "package-lock.json").read_bytes())
    for source in sorted(EDITOR_SOURCES.glob("*.*js")):
        digest.update(source.name.encode() + source.read_bytes())
    return digest.hexdigest()[:16]


def editor_bundle(root: Path) -> Path:
    """Return the folder of the bundled editor, bundling it first if needed."""
    modules = root / "node_modules"
    if not (modules / PACKAGE / "package.json").is_file():
        raise AdminError(
            "Éditeur /admin/ : l’éditeur n’est pas installé (node_modules/@sveltia/cms "
            "manque) : lancez « npm ci --no-audit --no-fund » à la racine du projet."
        )
    folder = modules / ".cache" / "coopsoc-admin" / _key(root)
    if folder.is_dir():
        return folder
    folder.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(dir=folder.parent))
    try:
        result = subprocess.run(
            ["node", str(EDITOR_SOURCES / "bundle.mjs"), str(work / "bundle")],
            cwd=root,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise AdminError(
                "Éditeur /admin/ : la préparation du code de l’éditeur a échoué "
                f"(node plugins/admin/editor/bundle.mjs) :\n{result.stderr.strip()}"
            )
        # Two builds at once (tests) may both bundle: the first one in place wins.
        try:
            os.rename(work / "bundle", folder)
        except OSError:
            if not folder.is_dir():
                raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return folder


def bundle_files(folder: Path) -> list[Path]:
    """Return every file of the bundle, sorted."""
    return sorted(path for path in folder.rglob("*") if path.is_file())
