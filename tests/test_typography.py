"""French typography: the rules of sitekit.typography, then every built page and the brochure.

The page test reads the text a visitor sees (outside code, pre, script, style…), joined across
inline elements, and finds no breakable space where the Imprimerie nationale's rules want a
no-break one, and no straight apostrophe.
"""

import random
import re
from xml.etree import ElementTree

import pytest
from markupsafe import escape
from pypdf import PdfReader

from plugins.coopsoc.text import NARROW_NBSP, NBSP
from plugins.coopsoc.typography import (
    INLINE,
    RAW_TEXT,
    SKIPPED,
    prepare_piece,
    typeset_html,
    typeset_html_walk,
    typeset_text,
)
from plugins.coopsoc.typography.pages import _TOKENS
from tests.harness.html import flat_text, parse_html
from tests.harness.publish import production_site

F, N = NARROW_NBSP, NBSP

TEXT_RULES = [
    # (input, expected)
    ("Qui sommes-nous ?", f"Qui sommes-nous{F}?"),
    ("Pourquoi?", f"Pourquoi{F}?"),
    ("Quoi ?!", f"Quoi{F}?!"),
    ("vite ! et bien ; enfin", f"vite{F}! et bien{F}; enfin"),
    ("Adresse : Marseille", f"Adresse{N}: Marseille"),
    ("Adresse:", f"Adresse{N}:"),
    ("« Comment ça marche »", f"«{N}Comment ça marche{N}»"),
    ("«Comment»", f"«{N}Comment{N}»"),
    ("« Quoi ? »", f"«{N}Quoi{F}?{N}»"),
    ("mot\n: suite", f"mot{N}: suite"),
    ("1 500 travailleurs", f"1{F}500 travailleurs"),
    ("2 712 000 heures", f"2{F}712{F}000 heures"),
    (f"1{N}500", f"1{F}500"),
    ("1 234,50 €", f"1{F}234,50{N}€"),
    ("15 % et 4 808 €", f"15{N}% et 4{F}808{N}€"),
    ("50%", f"50{N}%"),
    ("de 14 h 30 à 17 h", f"de 14{N}h{N}30 à 17{N}h"),
    ("300 Ko, 3 km", f"300{N}Ko, 3{N}km"),
    ("n° 12 et N°7", f"n°{N}12 et N°{N}7"),
    ("l'association d'Aix", "l’association d’Aix"),
    # Unchanged: times, URLs, e-mail addresses, years beside numbers, words after a digit.
    ("à 10:30", "à 10:30"),
    ("https://example.org/a:b?x=1 ;", f"https://example.org/a:b?x=1{F};"),
    ("mailto:contact@example.org", "mailto:contact@example.org"),
    ("écrire à contact@example.org : merci", f"écrire à contact@example.org{N}: merci"),
    ("de 1965 à 2026", "de 1965 à 2026"),
    ("en 2025 120 entreprises", "en 2025 120 entreprises"),
    ("3 millions", "3 millions"),
    ("0,5 500", "0,5 500"),
    ("a:b", "a:b"),
    ("", ""),
]

HTML_RULES = [
    ("<p>l&#39;école &amp; Cie ; &lt;b&gt;</p>", f"<p>l’école &amp; Cie{F}; &lt;b&gt;</p>"),
    ("<p>Déjà&nbsp;: fait</p>", "<p>Déjà&nbsp;: fait</p>"),
    ("<p>le <em>mot </em>: suite</p>", f"<p>le <em>mot</em>{N}: suite</p>"),
    ('<p>«<a href="#x">lien</a>»</p>', f'<p>«{N}<a href="#x">lien</a>{N}»</p>'),
    ("<title>Qui ? – COOPSOC</title>", f"<title>Qui{F}? – COOPSOC</title>"),
    # Unchanged: attributes, code, scripts, styles (in SVG too), forms' text, comments.
    ('<a title="a : b" href="?q=1 ;">x</a>', '<a title="a : b" href="?q=1 ;">x</a>'),
    ("<p><code>a : b'</code></p>", "<p><code>a : b'</code></p>"),
    ("<pre>x ; y\n1 500</pre>", "<pre>x ; y\n1 500</pre>"),
    ('<script>var a = "x : y <p>";</script>', '<script>var a = "x : y <p>";</script>'),
    ("<style>a:hover { content: ' ! ' }</style>", "<style>a:hover { content: ' ! ' }</style>"),
    ("<textarea>Objet : l'offre</textarea>", "<textarea>Objet : l'offre</textarea>"),
    (
        "<svg><title>Carte : Aix</title><style>a:hover { fill: red; }</style></svg>",
        f"<svg><title>Carte{N}: Aix</title><style>a:hover {{ fill: red; }}</style></svg>",
    ),
    ("<!-- a : b --><p>x</p>", "<!-- a : b --><p>x</p>"),
    ("<p>a</p>\n<p>: b</p>", "<p>a</p>\n<p>: b</p>"),
]


@pytest.mark.parametrize(("text", "expected"), TEXT_RULES)
def test_text_rules(text, expected):
    assert typeset_text(text) == expected
    assert typeset_text(expected) == expected, "the pass is idempotent"


@pytest.mark.parametrize("typeset", [typeset_html, typeset_html_walk])
@pytest.mark.parametrize(("document", "expected"), HTML_RULES)
def test_html_rules(document, expected, typeset):
    assert typeset(document) == expected
    assert typeset(expected) == expected, "the pass is idempotent"


# Pieces of HTML that stress how text is read: elements left alone, raw text holding what
# looks like markup, inline runs before punctuation, entities, comments, upper case.
PIECES = [
    "<p>",
    "</p>",
    "<em>",
    "</em>",
    "<a href='x:y'>",
    "</a>",
    '<span class="a>b">',
    "</span>",
    "<code>",
    "</code>",
    "<pre>",
    "</pre>",
    "<PRE>",
    "</Pre>",
    "<kbd/>",
    "<template>",
    "</template>",
    "<script>",
    "</script>",
    "<script src='a.js'>",
    "<style>",
    "</style>",
    "<textarea>",
    "</textarea>",
    "<!-- « x » : -->",
    "<![CDATA[ a : b ]]>",
    "<!DOCTYPE html>",
    "<br>",
    "<li>",
    "mot ",
    " : ",
    ": suite",
    "Quoi ? ",
    "« cité »",
    "15 %",
    "1 500 €",
    "l'ESAT",
    "&#39;",
    "&laquo; a &raquo;",
    "&amp; ; ",
    " ",
    "\n",
    "10:30",
    "n° 4",
    "a<b",
    "if (a < b) {",
    "</scr",
    "14 h 30",
    "mailto:x@example.org",
    "»",
    "!",
]


def test_split_and_walk_agree_on_any_html():
    """typeset_html (one split) gives the bytes of typeset_html_walk (one tag at a time)."""
    rng = random.Random(2026)
    for _ in range(4000):
        document = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 30)))
        assert typeset_html(document) == typeset_html_walk(document), document


SLOT = "\ue000"
STAND_IN = '<coopsoc-piece n="0">'
VALUES = ["Atelier l'Étoile", "15", "Cité « A »", "ESAT 1 500", "x", " mot", "mot ", ": a", "&amp;"]


def test_a_piece_typeset_once_gives_the_bytes_of_its_page_typeset_whole():
    """A piece that many pages repeat (output.page_piece) is typeset once, apart from its
    page, value slot left for later: wherever prepare_piece and the page's pass accept it,
    the page comes out as if typeset whole, value written in."""
    rng = random.Random(1965)
    accepted = refused = 0
    for _ in range(12000):
        before, after = (
            "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 8))) for _ in "ab"
        )
        inner = [rng.choice(PIECES) for _ in range(rng.randint(0, 12))]
        for _ in range(rng.randint(0, 2)):
            inner.insert(rng.randint(0, len(inner)), rng.choice(["", " ", "« "]) + SLOT)
        piece_html = rng.choice(["", "\n  "]) + rng.choice(["<div>", "<p>", "<ul>"])
        piece_html += (
            "".join(inner) + rng.choice(["</div>", "</p>", "<br>"]) + rng.choice(["", "\n"])
        )
        value = str(escape(rng.choice(VALUES)))  # as a template writes it
        piece = prepare_piece(piece_html, SLOT)
        if piece is None or not piece.accepts(value):
            refused += 1
            continue
        page = before + piece.lead + STAND_IN + piece.trail + after
        try:
            typeset_page = typeset_html(page)
        except ValueError:  # placed where the page's text is not typeset: refused
            refused += 1
            continue
        whole = before + piece_html.replace(SLOT, value) + after
        # Precondition (the HTML checker's on every page): the piece's first and last tags
        # are tags of the page, not swallowed by a broken tag before them.
        start = len(before) + len(piece.lead)
        end = len(whole) - len(after) - len(piece.trail)
        spans = [m.span() for m in _TOKENS.finditer(whole)]
        if start not in {a for a, _ in spans} or end not in {b for _, b in spans}:
            refused += 1
            continue
        accepted += 1
        filled, _ = piece.fill(value)
        assert typeset_page.replace(STAND_IN, filled) == typeset_html(whole), whole
    assert accepted > 2000 and refused > 100


@pytest.mark.parametrize(
    "piece_html",
    [
        "<a href='x'>lien</a>",  # starts and ends inline: a line of text may run across it
        "texte <p>x</p>",  # starts with text
        "<p>x</p> : suite",  # ends with text
        "<pre>code",  # leaves an element open whose text is left alone
        "<p>x</p><script>",  # leaves raw text open
    ],
)
def test_a_piece_that_a_page_could_read_otherwise_is_typeset_in_each_page(piece_html):
    assert prepare_piece(piece_html, SLOT) is None


@pytest.mark.parametrize("page", [f"<pre>a {STAND_IN} b</pre>", f"<script>a {STAND_IN}</script>"])
def test_a_piece_placed_where_text_is_left_alone_is_refused(page):
    with pytest.raises(ValueError, match="fragment de gabarit"):
        typeset_html(page)


# Where a breakable space (or line break) stands but the rules want a no-break one.
BREAKABLE = "[ \t\r\n]"
FAULTS = {
    "espace avant ; : ! ?": re.compile(f"\\S{BREAKABLE}+[;:!?](?=\\s|$)"),
    "espace avant »": re.compile(f"{BREAKABLE}+»"),
    "espace après «": re.compile(f"«{BREAKABLE}"),
    "espace dans un nombre": re.compile(f"(?<![\\w,.])\\d{{1,3}}{BREAKABLE}\\d{{3}}(?!\\d)"),
    "espace avant % ou €": re.compile(f"\\d{BREAKABLE}+[%€]"),
    "espace après n°": re.compile(f"(?<!\\w)[nN]°{BREAKABLE}"),
    "apostrophe droite": re.compile("'"),
}
BLOCK_MARK = "¶"  # stands between blocks: text is joined only across inline elements
HIDDEN_MARK = "▯"  # stands for the content of code, pre, script…


def visible_text(document: str) -> str:
    """Return the text a visitor reads in an HTML document: outside SKIPPED and RAW_TEXT
    elements (each shown as HIDDEN_MARK), joined across inline elements only."""
    return flat_text(
        parse_html(document),
        hidden=SKIPPED | RAW_TEXT,
        hidden_mark=HIDDEN_MARK,
        inline=INLINE,
        block_mark=BLOCK_MARK,
    )


def faults(text: str) -> list[tuple[str, str]]:
    """Every place where the text breaks a rule, as (rule, snippet around the place)."""
    found = []
    for rule, pattern in FAULTS.items():
        for match in pattern.finditer(text):
            snippet = text[max(0, match.start() - 25) : match.end() + 25]
            found.append((rule, f"…{' '.join(snippet.split())}…"))
    return found


def test_the_checker_finds_what_the_pass_fixes():
    document = "<p>Qui ? « Oui » : 1 500 € et 5 %, n° 3 l'été</p><pre>a : b</pre>"
    found = faults(visible_text(document))
    assert {rule for rule, _ in found} == set(FAULTS)
    assert len(found) == 9
    assert faults(visible_text(typeset_html(document))) == []


def test_every_page_follows_french_typography(site):
    problems = []
    for path in sorted(site.rglob("*.html")):
        text = visible_text(path.read_text(encoding="utf-8"))
        page = path.relative_to(site).as_posix()
        problems += [f"{page} : {rule} : {snippet}" for rule, snippet in faults(text)]
    assert not problems, f"{len(problems)} faute(s) de typographie :\n" + "\n".join(problems)


def test_brochure_text_follows_french_typography(site):
    reader = PdfReader(site / "plaquette" / "coopsoc-plaquette.pdf")
    problems = []
    for number, pdf_page in enumerate(reader.pages, start=1):
        # Words cut at the end of a line (« établisse-\nments ») are joined first.
        text = re.sub(r"-\n", "-", pdf_page.extract_text())
        problems += [f"page {number} : {rule} : {snippet}" for rule, snippet in faults(text)]
    assert not problems, f"{len(problems)} faute(s) dans la plaquette :\n" + "\n".join(problems)


def test_news_feed_follows_french_typography():
    feed = ElementTree.parse(production_site() / "actualites/atom.xml").getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    entries = feed.findall(f"{atom}entry")
    assert entries, "the production feed lists the news"
    problems = []
    for entry in entries:
        title = entry.findtext(f"{atom}title")
        texts = [title] + [
            visible_text(entry.findtext(f"{atom}{name}") or "") for name in ("summary", "content")
        ]
        problems += [f"{title} : {rule} : {s}" for text in texts for rule, s in faults(text)]
    assert not problems, f"{len(problems)} faute(s) dans le flux :\n" + "\n".join(problems)
