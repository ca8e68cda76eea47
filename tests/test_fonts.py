"""The web fonts keep the characters the site shows, with a complement for the margin."""

import re
from pathlib import Path

from fontTools.ttLib import TTFont

from plugins.coopsoc.text import NBSP
from plugins.publishing.fonts import DATA_TEXT_SUFFIXES, MARGIN
from tests.harness.build import ROOT
from tests.harness.html import read_page

THEME_FONTS = ROOT / "theme" / "static" / "fonts"
FACE = re.compile(r"@font-face\s*\{[^}]*\}")


def drawn(path: Path) -> set[str]:
    return {chr(c) for c in TTFont(path).getBestCmap()}


def faces(site: Path) -> list[tuple[Path, set[str]]]:
    """(font file, characters of its unicode-range) of every @font-face of the stylesheet."""
    stylesheet = next((site / "theme" / "css").glob("site.*.css"))
    found = []
    for face in FACE.findall(stylesheet.read_text(encoding="utf-8")):
        address = re.search(r'url\("([^"]+)"\)', face).group(1)
        ranges = re.search(r"unicode-range: ([^;]+);", face).group(1)
        points = set()
        for part in ranges.split(", "):
            first, _, last = part.removeprefix("U+").partition("-")
            points.update(range(int(first, 16), int(last or first, 16) + 1))
        found.append(((stylesheet.parent / address).resolve(), {chr(p) for p in points}))
    return found


def source_font(path: Path) -> Path:
    """The theme's font a file of the output was cut from."""
    stem = re.sub(r"(-complement)?\.[0-9a-f]{8}$", "", path.stem)
    return THEME_FONTS / f"{stem}.woff2"


def test_every_page_character_is_in_the_font_it_loads_first(site):
    """Each character of a page that the theme's font draws is in the (small) first file."""
    shown = set()
    for page in site.rglob("*.html"):
        shown.update(read_page(page).shown_text)
    first = [(font, chars) for font, chars in faces(site) if "-complement" not in font.name]
    assert len(first) == 2
    for font, chars in first:
        # The theme's scripts add a few characters; fontTools may keep a glyph that a kept
        # one's layout features name (‹ beside ›), which no range sends to it.
        assert shown & drawn(source_font(font)) <= chars <= drawn(font), font.name
        assert font.stat().st_size < source_font(font).stat().st_size * 0.75


def test_complement_holds_the_margin_and_the_data(site):
    """Latin-1, the French set and every character of data/ are in one file or the other."""
    data = set()
    for path in (ROOT / "data").rglob("*"):
        if path.is_file() and path.suffix in DATA_TEXT_SUFFIXES:
            data.update(path.read_text(encoding="utf-8"))
    by_source: dict[Path, set[str]] = {}
    for font, chars in faces(site):
        assert chars <= drawn(font)
        assert not by_source.get(source_font(font), set()) & chars, "ranges overlap"
        by_source.setdefault(source_font(font), set()).update(chars)
    for source, chars in by_source.items():
        wanted = (MARGIN | data | set("«»’…–—œŒæ€") | {NBSP}) & drawn(source)
        assert wanted <= chars, "".join(sorted(wanted - chars))


def test_the_brochure_keeps_the_full_fonts():
    """The brochure embeds from theme/, whose fonts the build never rewrites."""
    for name in ("400-normal", "700-normal", "400-italic"):
        font = THEME_FONTS / f"atkinson-hyperlegible-next-latin-{name}.woff2"
        assert len(drawn(font)) > 200
