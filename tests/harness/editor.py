"""The /admin/ editor in Chromium, working on a temporary copy of the repository.

The editor's local mode (the one `make edit` offers) asks the browser for the folder of
the repository (File System Access API). A headless browser has no folder picker: the
page's picker is replaced by one that returns a folder of the origin-private file system,
filled with the files of a temporary copy of the repository; what the editor writes
there is copied back into that copy, where git shows the difference.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.harness.build import ROOT

# The files the editor reads and writes.
EDITED = ("data/*.yaml", "content/pages/*.md", "content/articles/*.md")
FOLDER = "depot"
PICKER = f"""
window.showDirectoryPicker = async () => {{
  const root = await navigator.storage.getDirectory();
  return root.getDirectoryHandle('{FOLDER}', {{create: true}});
}};
"""
FILL = f"""async (files) => {{
  const root = await navigator.storage.getDirectory();
  const repository = await root.getDirectoryHandle('{FOLDER}', {{create: true}});
  await repository.getDirectoryHandle('.git', {{create: true}});
  for (const [path, text] of Object.entries(files)) {{
    let folder = repository;
    const parts = path.split('/');
    for (const part of parts.slice(0, -1)) {{
      folder = await folder.getDirectoryHandle(part, {{create: true}});
    }}
    const file = await folder.getFileHandle(parts.at(-1), {{create: true}});
    const writable = await file.createWritable();
    await writable.write(text);
    await writable.close();
  }}
}}"""
READ = f"""async (path) => {{
  let folder = await (await navigator.storage.getDirectory()).getDirectoryHandle('{FOLDER}');
  const parts = path.split('/');
  for (const part of parts.slice(0, -1)) folder = await folder.getDirectoryHandle(part);
  return (await (await folder.getFileHandle(parts.at(-1))).getFile()).text();
}}"""


def git(folder: Path, *args: str) -> str:
    """Run git in folder and return its output."""
    return subprocess.run(
        ["git", *args], cwd=folder, check=True, capture_output=True, text=True
    ).stdout


def repository_copy(target: Path) -> Path:
    """Copy the repository's tracked files as they are now into a new git repository."""
    tracked = git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")
    for name in filter(None, tracked):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    # The build bundles the editor from the installed packages.
    (target / "node_modules").symlink_to(ROOT / "node_modules")
    git(target, "init", "--quiet")
    git(target, "add", "--all")
    git(
        target,
        "-c",
        "user.name=Test",
        "-c",
        "user.email=test@coopsoc.test",
        "commit",
        "-qm",
        "copie",
    )
    return target


def edited_files(repository: Path) -> dict[str, str]:
    """Return the text of every file the editor works on, by path."""
    return {
        path.relative_to(repository).as_posix(): path.read_text(encoding="utf-8")
        for pattern in EDITED
        for path in sorted(repository.glob(pattern))
    }


def open_local_repository(page, url: str, repository: Path) -> None:
    """Open the editor at url and give it the copy of the repository as its local folder."""
    page.add_init_script(PICKER)
    page.goto(url)
    page.evaluate(FILL, edited_files(repository))
    page.get_by_role("button", name="Travailler avec un dépôt local").click()


def wait_for_file(page, path: str, text: str) -> str:
    """Wait until the editor has written text into path; return the file's content."""
    # A file being written cannot be read (NotReadableError): that is "not yet".
    page.wait_for_function(
        f"async ([path, text]) => ({READ})(path).then(c => c.includes(text), () => false)",
        arg=[path, text],
    )
    return page.evaluate(READ, path)


def read_file(page, path: str) -> str:
    """Return a file of the editor's folder."""
    return page.evaluate(READ, path)


def run(repository: Path, *module_args: str) -> subprocess.CompletedProcess:
    """Run a project command (python -m …) in the copy, as make does."""
    return subprocess.run(
        [sys.executable, "-m", *module_args],
        cwd=repository,
        capture_output=True,
        text=True,
        check=False,
    )
