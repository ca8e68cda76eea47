"""A page for every folder of the output: no address of the site shows a folder listing.

The pages of the site's own folders (directory lists, request forms…) are written by their
plugins. Once every file is written, each folder still without an index.html (the theme's
files, the search index) gets a short page saying what the folder holds, with the way back
to the site; it is kept out of search engines and of sitemap.xml (noindex).
"""

import os
import posixpath
from pathlib import Path

from pelican import signals
from pelican.utils import get_relative_path

from plugins.coopsoc.output import write_text

# Output folder → a generator of this build, whose templates render the folders' pages.
_GENERATORS: dict[str, object] = {}


def remember(generator):
    """Keep the first generator of a build that renders templates."""
    if hasattr(generator, "get_template"):
        _GENERATORS.setdefault(os.path.realpath(generator.output_path), generator)


def bare_folders(output: Path) -> list[str]:
    """Every folder of output (output included) without an index.html, from the root."""
    root = os.path.abspath(output)
    bare = []
    for folder, folders, names in os.walk(root):
        # os.walk names every folder from the root it was given.
        relative = folder[len(root) + 1 :].replace(os.sep, "/") if folder != root else "."
        if "index.html" not in names or not _has_page(folder):
            bare.append(relative)
        # A link to a folder is one of the folders, not walked into (as Path.rglob).
        for name in folders:
            path = os.path.join(folder, name)
            if os.path.islink(path) and not _has_page(path):
                bare.append(posixpath.join(relative, name) if relative != "." else name)
    return sorted(bare)


def _has_page(folder: str) -> bool:
    return os.path.isfile(os.path.join(folder, "index.html"))


def write(pelican):
    """Write the page of every folder without one."""
    output = Path(pelican.output_path)
    generator = _GENERATORS.pop(os.path.realpath(output), None)
    if generator is None:
        return
    template = generator.get_template("folder")
    for folder in bare_folders(output):
        name = f"{folder}/index.html"
        # Links relative to the page, as Pelican's writer makes them (RELATIVE_URLS).
        relative = pelican.settings["RELATIVE_URLS"]
        siteurl = get_relative_path(name) if relative else pelican.settings["SITEURL"]
        context = {**generator.context, "output_file": name, "noindex": True, "SITEURL": siteurl}
        path = write_text(output, name, template.render(context))
        signals.content_written.send(str(path), context=context)
