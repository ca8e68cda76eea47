"""Put a hash of its content in the name of every file under output/theme/, and follow it.

site.css becomes site.1a2b3c4d.css: a new version has a new name, so hosts may tell
browsers to keep these files for a year. Every reference to a renamed file in the
output's text files (HTML, CSS, JavaScript, JSON, XML, SVG), relative or absolute, is
rewritten. A file that refers to others (a stylesheet naming its fonts) is renamed after
them, so its own hash changes when theirs do. The result depends only on the bytes:
two builds of the same sources give the same names.

A script that builds an asset's address from pieces ("theme/js/" + name) is not seen:
write the whole path in one string, or list the file in PUBLISHING_FINGERPRINT_EXCLUDE.
"""

import fnmatch
import hashlib
import os
import posixpath
import re
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

from plugins.coopsoc.forks import each_shared
from plugins.coopsoc.output import write_text

from .settings import absolute_siteurl, publishing_settings

# Files whose text may name an asset.
TEXT_SUFFIXES = frozenset({".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".webmanifest"})
# Already compressed copies follow their original, never the other way round.
SKIPPED_SUFFIXES = frozenset({".gz", ".br", ".zst"})
HASH_LENGTH = 8
# Characters that end an address in HTML, CSS, JS or JSON text.
_STOP = "\\s\"'`()<>,=\\\\"
_STOP_CHARACTERS = frozenset(" \t\r\n\f\v\"'`()<>,=\\")


def hashed_name(name: str, content: bytes) -> str:
    """Return name with the first hex digits of its content's SHA-256 before the extension."""
    digest = hashlib.sha256(content).hexdigest()[:HASH_LENGTH]
    stem, dot, suffix = name.rpartition(".")
    return f"{stem}.{digest}.{suffix}" if dot and stem else f"{name}.{digest}"


def _starts_name(text: str, position: int) -> bool:
    return position == 0 or text[position - 1] == "/" or text[position - 1] in _STOP_CHARACTERS


class _References:
    """Find and rewrite the addresses of assets in a text file."""

    def __init__(self, assets: list[str], siteurl: str | None):
        self.names = {posixpath.basename(a) for a in assets}
        # The names an address can end with (one holding a character that ends an address
        # is never read whole), and their lengths.
        self.whole = {n for n in self.names if not _STOP_CHARACTERS.intersection(n)}
        self.lengths = sorted({len(n) for n in self.whole}, reverse=True)
        # (folder an address climbs to, address) → the asset it points to: pages repeat
        # theirs ("../../theme/css/site.css" from every folder two levels down).
        self.resolved: dict[tuple[str, str], str | None] = {}
        suffixes = sorted({n.rpartition(".")[2] for n in self.names}, key=len, reverse=True)
        alternatives = "|".join(re.escape(s) for s in suffixes)
        # An asset's suffix at the end of an address; _addresses then reads the file name
        # back to the "/" or the quote before it. Scanning for the few suffixes keeps this
        # linear in the size of thousands of pages (an alternation of every asset's name
        # is not).
        self.pattern = re.compile(rf"\.(?:{alternatives})(?=[{_STOP}?#]|$)")
        self.assets = set(assets)
        self.prefixes = []
        if siteurl:
            self.prefixes.append(siteurl + "/")
            path = urlsplit(siteurl).path.rstrip("/")
            self.prefixes.append(path + "/")
        else:
            self.prefixes.append("/")

    def _target(self, source: str, address: str) -> str | None:
        """Return the asset an address written in source points to, if any."""
        folder = posixpath.dirname(source)
        up = 0
        while address.startswith("../", 3 * up):
            up += 1
        if up:  # the folders it climbs out of do not change where it leads
            parts = folder.split("/") if folder else []
            above = up - len(parts)
            folder = "/".join(parts[: len(parts) - up]) if above <= 0 else f"-{above}"
        key = (folder, address)
        if key not in self.resolved:
            self.resolved[key] = self._resolve(source, address)
        return self.resolved[key]

    def _resolve(self, source: str, address: str) -> str | None:
        for prefix in self.prefixes:
            if address.startswith(prefix) and not address.startswith("//"):
                candidates = [address[len(prefix) :]]
                break
        else:
            if urlsplit(address).scheme or address.startswith("//"):
                return None
            # Relative to the file itself (HTML, CSS); a script's strings are often relative
            # to the site root instead.
            candidates = [posixpath.join(posixpath.dirname(source), address), address]
        for candidate in candidates:
            path = posixpath.normpath(candidate)
            if path in self.assets:
                return path
        return None

    def _addresses(self, text: str):
        """Yield (start, name start, end) of each address that ends with an asset's name."""
        whole, lengths = self.whole, self.lengths
        for match in self.pattern.finditer(text):
            # A name that runs back to a "/", a character that ends an address, or the start.
            end = match.end()
            for length in lengths:
                name = end - length
                if name >= 0 and text[name:end] in whole and _starts_name(text, name):
                    break
            else:
                continue
            start = name
            while start > 0 and text[start - 1] not in _STOP_CHARACTERS:
                start -= 1
            yield start, name, match.end()

    def targets(self, source: str, text: str) -> set[str]:
        """Every asset that the text of source refers to."""
        found = {self._target(source, text[s:e]) for s, _, e in self._addresses(text)}
        return found - {None}

    def rewrite(self, source: str, text: str, renamed: dict[str, str]) -> str:
        """Return text with every reference to a renamed asset using its new name."""
        parts, position = [], 0
        for start, name, end in self._addresses(text):
            target = self._target(source, text[start:end])
            if target in renamed:
                parts += [text[position:name], posixpath.basename(renamed[target])]
                position = end
        return "".join(parts) + text[position:]


def _read(path: Path) -> str | None:
    """Return a file's text, line endings untouched, or None if it is not UTF-8."""
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return None


def _suffix(name: str) -> str:
    """The suffix of a file name, as Path.suffix reads it."""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def text_files(output: Path) -> list[str]:
    """Every file of output with a suffix of TEXT_SUFFIXES, from the root, in order."""
    found = []
    root = os.path.abspath(output)
    for folder, _, names in os.walk(root):
        # os.walk names every folder from the root it was given.
        prefix = folder[len(root) + 1 :].replace(os.sep, "/") + "/" if folder != root else ""
        found += (prefix + n for n in names if _suffix(n) in TEXT_SUFFIXES)
    return sorted(found)


def fingerprint(
    output: Path, folder: str, siteurl: str | None, exclude=(), listing=None
) -> dict[str, str]:
    """Rename the assets under output/folder and rewrite references; return old → new paths.

    listing: text_files(output) if the caller has it (the same files, assets unrenamed).
    """
    root = output / folder
    assets = sorted(
        p.relative_to(output).as_posix()
        for p in root.rglob("*")
        if p.is_file()
        and p.suffix not in SKIPPED_SUFFIXES
        # A folder's page (folders.py) is found by its address: it keeps its name.
        and p.name != "index.html"
        and not any(fnmatch.fnmatch(p.relative_to(output).as_posix(), x) for x in exclude)
    )
    if not assets:
        return {}
    references = _References(assets, siteurl)
    texts = {a: _read(output / a) for a in assets if Path(a).suffix in TEXT_SUFFIXES}
    texts = {a: t for a, t in texts.items() if t is not None}
    needs = {a: references.targets(a, texts[a]) - {a} if a in texts else set() for a in assets}
    renamed: dict[str, str] = {}
    pending = set(assets)
    while pending:
        ready = sorted(a for a in pending if not needs[a] & pending)
        cycle = not ready
        if cycle:  # files naming each other: hash them as they are, then rewrite them
            ready = sorted(pending)
        for asset in ready:
            if asset in texts and not cycle:
                texts[asset] = references.rewrite(asset, texts[asset], renamed)
                write_text(output, asset, texts[asset])
            new = posixpath.join(
                posixpath.dirname(asset),
                hashed_name(posixpath.basename(asset), (output / asset).read_bytes()),
            )
            (output / asset).rename(output / new)
            renamed[asset] = new
        if cycle:
            for asset in ready:
                if asset in texts:
                    text = references.rewrite(asset, texts[asset], renamed)
                    write_text(output, renamed[asset], text)
        pending -= set(ready)
    done = set(renamed.values())
    listed = text_files(output) if listing is None else listing
    others = [r for r in listed if r not in done and r not in renamed]
    each_shared(partial(_follow, output, references, renamed), others)
    return renamed


def _follow(output: Path, references: _References, renamed: dict, relative: str) -> None:
    """Rewrite a text file's references to the renamed assets, if it has any."""
    text = _read(output / relative)
    if text is not None:
        rewritten = references.rewrite(relative, text, renamed)
        if rewritten != text:
            write_text(output, relative, rewritten)


def run(pelican, listing=None):
    """Fingerprint the theme's files once every page and file of the site is written
    (listing: as for fingerprint)."""
    options = publishing_settings(pelican.settings)
    folder = options["PUBLISHING_FINGERPRINT_FOLDER"]
    if folder:
        fingerprint(
            Path(pelican.output_path),
            folder.strip("/"),
            absolute_siteurl(pelican.settings),
            options["PUBLISHING_FINGERPRINT_EXCLUDE"],
            listing,
        )
