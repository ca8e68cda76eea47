"""Cut the web fonts down to the characters the site shows, once every page is written.

The theme's fonts hold every Latin letter; a page of this site uses about 130 characters.
At the end of the build, each font a stylesheet of the output declares (@font-face) is
rewritten in two files:

- the font itself, same name: the characters the pages show (their text, not their
  markup) and those the theme's scripts and stylesheets write on screen, in the font;
- a complement (« -complement » before the extension): the margin for text the pages do
  not hold yet but a script may show (search results' names come from the data, a visitor
  may type anything): every character of the data folder, Latin-1 and the French
  typographic set, less what the font file already holds.

Each @font-face gets its unicode-range, and the complement a second @font-face with the
rest: a browser downloads the complement only for a page (or a result) that shows one of
its characters. Kerning and the other layout features are kept for the characters kept.
The brochure embeds its own fonts from theme/ (brochure/render.py): untouched.

fontTools writes the same bytes from the same characters (the font's timestamp is kept):
two builds give the same files.
"""

import functools
import io
import os
import posixpath
import re
from functools import partial
from pathlib import Path

from plugins.coopsoc.datafiles import data_folder
from plugins.coopsoc.forks import each_shared
from plugins.coopsoc.output import write_bytes, write_text
from plugins.coopsoc.text import NARROW_NBSP, NBSP

from . import characters, fingerprint
from .scripts import tokens
from .settings import publishing_settings

# Latin-1 (printable), and the French typographic characters outside it: quotes,
# apostrophe, ellipsis, dashes, ligatures, euro sign, no-break and narrow no-break spaces.
MARGIN = frozenset(
    [chr(c) for c in range(0x20, 0x7F)]
    + [chr(c) for c in range(0xA0, 0x100)]
    + list("«»‘’“”…–—œŒæÆ€")
    + [NBSP, NARROW_NBSP]
)
COMPLEMENT_SUFFIX = "-complement"
# The data folder's text files (its photos are not read).
DATA_TEXT_SUFFIXES = frozenset({".yaml", ".yml", ".csv", ".md", ".txt", ".json", ".geojson"})
_FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}")
_CSS_STRING = re.compile(r"""(["'])((?:(?!\1).)*)\1""")
_ESCAPE = re.compile(r"\\u\{([0-9a-fA-F]+)\}|\\u([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})")
_WOFF2_URL = re.compile(r"""url\(\s*(["']?)([^"')]+\.woff2)\1\s*\)""")


def _text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return ""


def _unescaped(literal: str) -> str:
    """The text of a JavaScript string literal, its \\u and \\x escapes read."""
    return _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2) or m.group(3), 16)), literal)


def shown_characters(output: Path, theme_folder: str, pages=None, texts=None) -> set[str]:
    """Characters of the pages, of the stylesheets' strings (content: "›") and, beyond
    ASCII, of the theme scripts' strings (their French; their ASCII is code as often as
    text, and the pages hold the ASCII of their messages).

    pages (characters.PAGES) holds the characters of the pages write_page wrote, and their
    files: only the other pages are read here. texts: the output's text files, from its
    root (fingerprint.text_files), if the caller has listed them.
    """
    shown = characters.Shown()
    read = set()
    if pages is not None:
        shown.merge(pages.shown.found)
        read = {os.path.abspath(p) for p in pages.files}
    root = os.path.abspath(output)
    for relative in fingerprint.text_files(output) if texts is None else texts:
        path = os.path.join(root, *relative.split("/"))
        if relative.endswith(".html") and path not in read:
            shown.read(_text(Path(path)))
    found = set(shown.found)
    for path in sorted((output / theme_folder).rglob("*")):
        if path.suffix == ".js":
            for token in tokens(_text(path)):
                if token.kind == "string":
                    found.update(c for c in _unescaped(token.text[1:-1]) if ord(c) > 0x7E)
        elif path.suffix == ".css":
            for match in _CSS_STRING.finditer(_text(path)):
                found.update(match.group(2))
    return found


def margin_characters(folder: Path) -> set[str]:
    """MARGIN and every character of the data files (names the search may show)."""
    found = set(MARGIN)
    for path in folder.rglob("*"):
        if path.is_file() and path.suffix in DATA_TEXT_SUFFIXES:
            found.update(_text(path))
    return found


def unicode_range(code_points) -> str:
    """Return a CSS unicode-range covering exactly the given code points, runs merged."""
    runs: list[list[int]] = []
    for point in sorted(code_points):
        if runs and point == runs[-1][1] + 1:
            runs[-1][1] = point
        else:
            runs.append([point, point])
    return ", ".join(f"U+{a:X}" if a == b else f"U+{a:X}-{b:X}" for a, b in runs)


def subset(data: bytes, code_points) -> bytes:
    """Return a WOFF2 font keeping only code_points (and their layout features)."""
    return _subset(data, tuple(sorted(code_points)))


# The preview (make serve) rebuilds in one process: the same font and characters, the same
# bytes, computed once.
@functools.lru_cache(maxsize=8)
def _subset(data: bytes, code_points: tuple) -> bytes:
    from fontTools import subset as fontsubset
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(data), recalcTimestamp=False)
    options = fontsubset.Options()
    options.flavor = "woff2"
    # STAT names the axes of a variable font's family: nothing a static web face needs.
    options.drop_tables = [*options.drop_tables, "STAT"]
    subsetter = fontsubset.Subsetter(options)
    subsetter.populate(unicodes=code_points)
    subsetter.subset(font)
    result = io.BytesIO()
    font.save(result)
    return result.getvalue()


def cmap_points(data: bytes) -> set[int]:
    """The code points a font draws."""
    from fontTools.ttLib import TTFont

    return set(TTFont(io.BytesIO(data), lazy=True).getBestCmap())


def complement_name(name: str) -> str:
    """atkinson-400-normal.woff2 → atkinson-400-normal-complement.woff2."""
    stem, _, suffix = name.rpartition(".")
    return f"{stem}{COMPLEMENT_SUFFIX}.{suffix}"


def _split_face(
    output: Path, stylesheet: str, face: str, shown, margin, done: dict, jobs: list
) -> str:
    """Plan the subsets of the font of one @font-face rule (jobs: (font, file, code points)
    for _write_subset); return the rule(s) that replace it."""
    match = _WOFF2_URL.search(face)
    if not match or "unicode-range" in face:
        return face
    address = match.group(2)
    font = posixpath.normpath(posixpath.join(posixpath.dirname(stylesheet), address))
    if font not in done:
        data = (output / font).read_bytes()
        drawn = cmap_points(data)
        first = {ord(c) for c in shown} & drawn
        rest = ({ord(c) for c in margin} & drawn) - first
        jobs.append((data, font, first))
        if rest:
            jobs.append((data, complement_name(font), rest))
        done[font] = (first, rest)
    first, rest = done[font]
    rules = [face[:-1].rstrip() + f"\n  unicode-range: {unicode_range(first)};\n}}"]
    if rest:
        other = face.replace(address, complement_name(address))
        rules.append(other[:-1].rstrip() + f"\n  unicode-range: {unicode_range(rest)};\n}}")
    return "\n".join(rules)


def subset_fonts(output: Path, theme_folder: str, data: Path, pages=None, texts=None) -> dict:
    """Subset every WOFF2 font the output's stylesheets declare; return font → (first, rest)
    (texts: as for shown_characters)."""
    shown = shown_characters(output, theme_folder, pages, texts)
    margin = margin_characters(data)
    done: dict = {}
    jobs: list = []
    stylesheets = []
    for path in sorted((output / theme_folder).rglob("*.css")):
        stylesheet = path.relative_to(output).as_posix()
        text = _text(path)
        pieces, position = [], 0
        for match in _FONT_FACE.finditer(text):
            face = _split_face(output, stylesheet, match.group(), shown, margin, done, jobs)
            pieces += [text[position : match.start()], face]
            position = match.end()
        stylesheets.append((stylesheet, text, "".join(pieces) + text[position:]))
    # Each subset takes a few tenths of a second: they are cut on every processor.
    each_shared(partial(_write_subset, output), jobs, per_process=1)
    for stylesheet, text, rewritten in stylesheets:
        if rewritten != text:
            write_text(output, stylesheet, rewritten)
    return done


def _write_subset(output: Path, job) -> None:
    data, font, code_points = job
    write_bytes(output, font, subset(data, code_points))


def run(pelican, texts=None):
    """Subset the web fonts once every page is written (texts: as for shown_characters)."""
    options = publishing_settings(pelican.settings)
    if options["PUBLISHING_SUBSET_FONTS"]:
        theme = pelican.settings.get("THEME_STATIC_DIR", "theme")
        output, data = Path(pelican.output_path), data_folder(pelican.settings)
        subset_fonts(output, theme, data, characters.PAGES, texts)


def subset_then_fingerprint(pelican):
    """Receiver of "optimize": subset the fonts, then fingerprint (which hashes their bytes).

    One receiver, because blinker calls the receivers of a signal in no fixed order. The
    output's text files are listed once for both: subsetting writes fonts, not text.
    """
    texts = fingerprint.text_files(Path(pelican.output_path))
    run(pelican, texts)
    fingerprint.run(pelican, texts)
