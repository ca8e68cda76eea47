"""Text typed in data/*.yaml is shown as text on every page and in every export, never run.

Each example copies data/, writes hostile text (markup, quotes, template syntax, a
`javascript:` link, unicode) into every text field of one establishment, its association,
one of its trades, that trade's filière and one history event, builds the site, then
parses every page and every open data file of the build.

The PDF brochure refuses a character its fonts cannot draw (a blank box would be
printed): the full build gets the characters of the site's fonts; any other unicode is
tried on a build without the brochure, in a fresh process (Pelican's signals are global:
a plugin registered by an earlier build of the same process stays connected).
"""

import csv
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from fontTools.ttLib import TTFont
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from plugins.coopsoc.directory.loader import load_directory
from plugins.coopsoc.markup import MarkdownRenderer
from plugins.coopsoc.text import lowercase_initial
from plugins.coopsoc.typography import typeset_html, typeset_text
from tests.harness.build import ROOT, build_into
from tests.harness.html import parse_html, text_pieces

FONTS = sorted((ROOT / "theme/static/fonts").glob("*.woff2"))
BROCHURE_PLUGIN = "plugins.brochure"
OPEN_DATA = "donnees"
KNOWN_EXPORTS = ("etablissements.json", "etablissements.csv", "etablissements.geojson")

FRAGMENTS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "' onmouseover='alert(1)",
    '"',
    "'",
    "</script>",
    "</title><script>alert(1)</script>",
    "&amp;",
    "&lt;b&gt;",
    "{{ 7*7 }}",
    "{% if true %}oui{% endif %}",
    "${7*7}",
    "]]>",
    "<![CDATA[x]]>",
    "<!-- commentaire -->",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "![x](javascript:alert(1))",
    "<javascript:alert(1)>",
    '{: onclick="alert(1)" }',
    # Markdown reads these at the start of a line only.
    '\n{: onclick="alert(1)" style="color: red" }\n',
    "\n# Titre {: onmouseover=alert(1) }\n",
    "\n\n[x][r]\n\n[r]: javascript:alert(1)\n\n",
    "\n\n<div onclick=alert(1)>bloc</div>\n\n",
    "`<b>code</b>`",
    "<http://exemple.org> <mailto:a@exemple.org>",
    "Œuvre n° 3 — « Provence » l’été… 1 000 € ½",
)
WIDE_FRAGMENTS = ("☀️ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ١٢٣ 漢字 \u202eRTL\u202c e\u0301 \u200b\ufeff",)


def font_characters() -> str:
    """Return the printable characters every font of the site can draw."""
    covered = set.intersection(*(set(TTFont(path).getBestCmap()) for path in FONTS))
    return "".join(chr(code) for code in sorted(covered) if chr(code).isprintable())


def hostile_text(characters) -> st.SearchStrategy[str]:
    """Fixed hostile fragments mixed with free text drawn from characters."""
    free = st.text(characters, min_size=1, max_size=12)
    return st.lists(st.one_of(st.sampled_from(FRAGMENTS), free), min_size=1, max_size=5).map(
        " ".join
    )


# Text an editor can type: no control character, surrogate, unassigned code point or
# line separator (YAML reads U+2028 and U+2029 as line breaks); ⟦ ⟧ mark the fields.
ANY_CHARACTER = st.characters(
    exclude_categories=("Cc", "Cs", "Cn", "Zl", "Zp"), exclude_characters="⟦⟧"
)
ALL_FRAGMENTS = " ".join(FRAGMENTS)

# Tags Markdown may write in a rendered text; any other tag must be exactly as numerous as
# in the build of the real data (an injected script, iframe or style would add one).
MARKDOWN_TAGS = frozenset(
    {"p", "em", "strong", "code", "pre", "a", "ul", "ol", "li", "blockquote", "hr", "br"}
    | {"h1", "h2", "h3", "h4", "h5", "h6", "abbr", "dl", "dt", "dd", "sup", "div", "span", "img"}
    | {"table", "thead", "tbody", "tr", "th", "td"}
)
URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "poster", "data", "xlink:href", "background"}
)
EXPORT_SUFFIXES = (".json", ".geojson", ".csv")
JSON_LD = "application/ld+json"


@dataclass
class Parsed:
    """What a page shows (text, attributes) and which elements it has."""

    texts: list = field(default_factory=list)
    attributes: list = field(default_factory=list)  # (tag, name, value)
    elements: list = field(default_factory=list)  # (tag, {name: value})
    tags: Counter = field(default_factory=Counter)
    scripts: list = field(default_factory=list)  # [{name: value}, body]

    @property
    def text(self) -> str:
        return "\x00".join(self.texts)


def parse(path: Path) -> Parsed:
    page = parse_html(path.read_text(encoding="utf-8"))
    result = Parsed(texts=list(text_pieces(page, hidden={"script"})))
    for element in page.iter():
        attributes = element.attrs
        result.tags[element.tag] += 1
        result.elements.append((element.tag, attributes))
        result.attributes += [(element.tag, name, value) for name, value in attributes.items()]
        if element.tag == "script":
            result.scripts.append([attributes, element.text])
    return result


@dataclass(frozen=True)
class Targets:
    """The entries that receive hostile text, chosen from the real data."""

    establishment: str
    association: str
    trade: str
    filiere: str


def choose_targets(data: Path) -> Targets:
    """The first establishment, its association, its first trade and that trade's filière."""
    establishments = yaml.safe_load((data / "establishments.yaml").read_text(encoding="utf-8"))
    chosen = establishments[0]
    trades = yaml.safe_load((data / "trades.yaml").read_text(encoding="utf-8"))
    trade = chosen["metiers"][0]
    filiere = next(f for f in trades["filieres"] if trade in [t["id"] for t in f["metiers"]])
    return Targets(chosen["id"], chosen["association"], trade, filiere["id"])


def write_hostile(data: Path, targets: Targets, hostile: str) -> dict[str, str]:
    """Put hostile text in every text field of the targets; return the values by field."""
    values = {}

    def value(key: str) -> str:
        # A marker per field tells where each value went; list items stay distinct.
        values[key] = f"{hostile} ⟦{key}⟧"
        return values[key]

    def rewrite(name: str, change) -> None:
        path = data / name
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(content)
        path.write_text(
            yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )

    def establishments(entries):
        entry = next(e for e in entries if e["id"] == targets.establishment)
        entry["nom"] = value("etablissement-nom")
        entry["presentation"] = value("etablissement-presentation")
        entry["zone_intervention"] = value("etablissement-zone")
        entry["moyens"] = [value(f"moyen-{n}") for n in range(len(entry["moyens"]))]
        # The sample data hold no certification: two are written, so that every field of
        # the page is shown.
        entry["certifications"] = [value(f"certification-{n}") for n in range(2)]

    def associations(entries):
        entry = next(a for a in entries if a["id"] == targets.association)
        entry["nom"] = value("association-nom")
        entry["presentation"] = value("association-presentation")

    def trades(content):
        filiere = next(f for f in content["filieres"] if f["id"] == targets.filiere)
        filiere["nom"] = value("filiere-nom")
        filiere["description"] = value("filiere-description")
        trade = next(t for t in filiere["metiers"] if t["id"] == targets.trade)
        trade["nom"] = value("metier-nom")
        trade["description"] = value("metier-description")

    def history(events):
        events[0]["titre"] = value("histoire-titre")
        events[0]["texte"] = value("histoire-texte")

    rewrite("establishments.yaml", establishments)
    rewrite("associations.yaml", associations)
    rewrite("trades.yaml", trades)
    rewrite("history.yaml", history)
    return values


def shown_fields(targets: Targets) -> dict[str, tuple[str, ...]]:
    """Plain text fields each page must show, exactly as written (or lowercased)."""
    trade_and_filiere = ("metier-nom", "filiere-nom")
    return {
        f"etablissements/{targets.establishment}/index.html": (
            "etablissement-nom",
            "etablissement-zone",
            "moyen-0",
            "certification-0",
            "association-nom",
            *trade_and_filiere,
        ),
        f"metiers/{targets.trade}/index.html": ("etablissement-nom", *trade_and_filiere),
        f"filieres/{targets.filiere}/index.html": ("etablissement-nom", *trade_and_filiere),
        "metiers/index.html": trade_and_filiere,
        "etablissements/index.html": ("etablissement-nom", *trade_and_filiere),
        "plan-du-site/index.html": ("etablissement-nom", *trade_and_filiere),
        "index.html": ("filiere-nom",),
        "histoire/index.html": ("histoire-titre",),
    }


def markdown_fields(targets: Targets) -> dict[str, tuple[tuple[str, int], ...]]:
    """Markdown fields each page must show rendered once: (field, headings shift)."""
    return {
        f"etablissements/{targets.establishment}/index.html": (("etablissement-presentation", 2),),
        f"metiers/{targets.trade}/index.html": (("metier-description", 2),),
        f"filieres/{targets.filiere}/index.html": (("filiere-description", 2),),
        "metiers/index.html": (("filiere-description", 2),),
        "histoire/index.html": (("histoire-texte", 3),),
    }


def script_kinds(page: Parsed) -> list[tuple[str | None, str | None]]:
    """The (src, type) of each script element of a page."""
    return [(attributes.get("src"), attributes.get("type")) for attributes, _ in page.scripts]


def check_page(relative: str, page: Parsed, pristine: Parsed) -> None:
    """No element or attribute was injected, and no link runs script."""
    where = f"{relative} :"
    for tag, name, value in page.attributes:
        assert not name.startswith("on"), f"{where} attribut {name} sur <{tag}>"
        assert name not in ("style", "srcdoc"), f"{where} attribut {name} sur <{tag}>"
        if name in URL_ATTRIBUTES:
            # Browsers ignore ASCII whitespace and control characters inside a scheme.
            squeezed = "".join(c for c in value if ord(c) > 0x20).lower()
            assert "javascript:" not in squeezed, f"{where} {name}={value!r}"
            assert not squeezed.startswith(("data:", "vbscript:")), f"{where} {name}={value!r}"
        if name == "src":
            assert ":" not in value, f"{where} ressource externe {value!r}"
    for attributes, body in page.scripts:
        if attributes.get("type") == JSON_LD:
            # A "</script>" in the data would end the element early: the JSON would break.
            json.loads(body)
        else:
            assert attributes.get("src") and not body.strip(), f"{where} script en ligne"
    assert script_kinds(page) == script_kinds(pristine), f"{where} scripts ajoutés"
    other = {tag: n for tag, n in page.tags.items() if tag not in MARKDOWN_TAGS}
    expected = {tag: n for tag, n in pristine.tags.items() if tag not in MARKDOWN_TAGS}
    assert other == expected, f"{where} éléments ajoutés ou retirés"


def contains(text: str, wanted: str, squeeze: bool = False) -> bool:
    """Whether text holds wanted unchanged, lowercased (`|lower`), or with its first letter
    lowercased inside a sentence (`|minuscule`: « Un besoin en œuvre… ? »)."""
    if squeeze:  # `striptags` (meta and JSON-LD descriptions) collapses white space.
        text, wanted = " ".join(text.split()), " ".join(wanted.split())
    shown = (wanted, wanted.lower(), lowercase_initial(wanted))
    return any(form in text for form in shown)


def shows(text: str, wanted: str) -> bool:
    """Whether a page's text holds wanted, with the French typography every page gets."""
    return contains(text, typeset_text(wanted)) or typeset_text(wanted.lower()) in text


def check_marked_text(relative: str, page: Parsed, values: dict[str, str], plain) -> None:
    """Wherever a plain field's marker shows, the whole value shows, unchanged."""
    for key in plain:
        marker, wanted = f"⟦{key}⟧", values[key]
        for chunk in page.texts:
            if marker in chunk:
                assert shows(chunk, wanted), f"{relative} : {key}"
        for _tag, name, value in page.attributes:
            if name == "href":
                value = urllib.parse.unquote(value)
            if marker in value:
                assert contains(value, wanted, squeeze=True), f"{relative} : {name}"
        for attributes, body in page.scripts:
            if attributes.get("type") == JSON_LD:
                for text in strings(json.loads(body)):
                    if marker in text:
                        assert contains(text, wanted, squeeze=True), f"{relative} : JSON-LD"


def exported_records(site: Path) -> dict:
    """The open data files, parsed: {file: {id: record}}."""
    records = {}
    for name in (*KNOWN_EXPORTS, "metiers.json"):
        path = site / OPEN_DATA / name
        content = path.read_text(encoding="utf-8")
        if path.suffix == ".csv":
            rows = csv.DictReader(io.StringIO(content, newline=""))
            records[path.name] = {row["id"]: row for row in rows}
        elif path.suffix == ".geojson":
            features = json.loads(content)["features"]
            records[path.name] = {f["properties"]["id"]: f for f in features}
        elif path.suffix == ".json":
            records[path.name] = {record["id"]: record for record in json.loads(content)}
    return records


def expected_records(pristine: dict, targets: Targets, values: dict[str, str]) -> dict:
    """The real data's open data files, with the hostile values where they must appear."""
    expected = json.loads(json.dumps(pristine))
    changes = {
        "nom": values["etablissement-nom"],
        "association": values["association-nom"],
    }
    for name in ("etablissements.json", "etablissements.csv"):
        expected[name][targets.establishment].update(changes)
    expected["etablissements.geojson"][targets.establishment]["properties"].update(changes)
    for name in ("etablissements.json", "etablissements.csv"):
        for record in expected[name].values():
            if record["association"] == pristine[name][targets.establishment]["association"]:
                record["association"] = values["association-nom"]
    for feature in expected["etablissements.geojson"].values():
        old = pristine["etablissements.geojson"][targets.establishment]["properties"]
        if feature["properties"]["association"] == old["association"]:
            feature["properties"]["association"] = values["association-nom"]
    for record in expected["metiers.json"].values():
        if record["filiere"] == targets.filiere:
            record["filiere_nom"] = values["filiere-nom"]
    expected["metiers.json"][targets.trade]["nom"] = values["metier-nom"]
    return expected


def strings(value):
    """Every string in a parsed JSON document."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


# The search index's folder is named after its content (recherche/index-<hash>/), and has
# its page like every folder: pages of two builds are compared under one name.
INDEX_FOLDER = re.compile(r"/index-[0-9a-f]+/")


def page_key(site: Path, page: Path) -> str:
    """A page's path from the site's root, the search index's hash left out."""
    return INDEX_FOLDER.sub("/index-*/", page.relative_to(site).as_posix())


class Reference:
    """A build of the real data: every page parsed, and its open data files."""

    def __init__(self, site: Path):
        self.pages = {page_key(site, p): parse(p) for p in site.rglob("*.html")}
        self.exports = exported_records(site)

    def __repr__(self) -> str:  # Hypothesis prints the arguments of a failing example.
        return f"Reference({len(self.pages)} pages)"


def data_copy(folder: Path) -> Path:
    """Copy the real data outside the repository, as the hostile builds read them.

    Outside git, a fiche's update day comes from its « mise_a_jour » only (no commit to
    read it from): the reference and the hostile build must be made alike.
    """
    data = folder / "data"
    shutil.copytree(ROOT / "data", data)
    return data


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    """The build of a copy of the real data, with every plugin."""
    folder = tmp_path_factory.mktemp("reference")
    output = folder / "output"
    build_into(output, DIRECTORY_PATH=str(data_copy(folder)))
    return Reference(output)


@pytest.fixture(scope="module")
def pristine_without_brochure(tmp_path_factory):
    """The build of a copy of the real data without the brochure."""
    folder = tmp_path_factory.mktemp("sans-plaquette")
    return Reference(build_without_brochure(folder / "output", data_copy(folder)))


def build_without_brochure(output: Path, data: Path) -> Path:
    """Build in a new process, every plugin but the brochure; return the output folder."""
    code = (
        "import sys\n"
        "from pelican.settings import read_settings\n"
        "from tests.harness.build import ROOT, build_into\n"
        "plugins = read_settings(str(ROOT / 'pelicanconf.py'))['PLUGINS']\n"
        f"assert {BROCHURE_PLUGIN!r} in plugins, plugins\n"
        "build_into(sys.argv[1], DIRECTORY_PATH=sys.argv[2],\n"
        f"           PLUGINS=[p for p in plugins if p != {BROCHURE_PLUGIN!r}])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(output), str(data)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return output


def check_hostile_build(pristine: Reference, hostile: str, build=None) -> None:
    """Build the site with hostile text in the data; check every page and export."""
    with tempfile.TemporaryDirectory(prefix="coopsoc-hostile-") as base:
        data = Path(base) / "data"
        shutil.copytree(ROOT / "data", data)
        targets = choose_targets(data)
        values = write_hostile(data, targets, hostile)
        loaded = load_directory(data).establishment(targets.establishment)
        assert (loaded.nom, loaded.presentation, loaded.moyens[0]) == (
            values["etablissement-nom"],
            values["etablissement-presentation"],
            values["moyen-0"],
        ), "les valeurs écrites dans le YAML doivent se relire à l'identique"
        output = Path(base) / "output"
        if build is None:
            build_into(output, DIRECTORY_PATH=str(data))
        else:
            build(output, data)

        pages = {page_key(output, p): p for p in output.rglob("*.html")}
        assert sorted(pages) == sorted(pristine.pages)
        plain = [key for key in values if not key.endswith(("presentation", "description"))]
        plain.remove("histoire-texte")
        shown, rendered = shown_fields(targets), markdown_fields(targets)
        for relative, path in pages.items():
            page = parse(path)
            check_page(relative, page, pristine.pages[relative])
            check_marked_text(relative, page, values, plain)
            for key in shown.get(relative, ()):
                assert shows(page.text, values[key]), f"{relative} : {key}"
            source = path.read_text(encoding="utf-8")
            for key, shift in rendered.get(relative, ()):
                html = typeset_html(str(MarkdownRenderer(shift_headings=shift)(values[key])))
                assert html in source, f"{relative} : {key} doit être rendu une seule fois"
        page = parse(pages[f"etablissements/{targets.establishment}/index.html"])
        metas = {a.get("name"): a.get("content") for tag, a in page.elements if tag == "meta"}
        assert contains(metas["description"], values["etablissement-nom"], squeeze=True)

        assert exported_records(output) == expected_records(pristine.exports, targets, values)
        for path in (output / OPEN_DATA).iterdir():
            if path.suffix in EXPORT_SUFFIXES:
                text = path.read_text(encoding="utf-8")
                found = (
                    [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]
                    if path.suffix == ".csv"
                    else list(strings(json.loads(text)))
                )
                for item in found:
                    if "⟦" in item:
                        assert item in values.values(), f"{path.name} : {item!r}"


# Each example builds the whole site: a handful of examples, no deadline.
FEW = settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FEW
@example(hostile=ALL_FRAGMENTS)
@given(hostile=hostile_text(font_characters()))
def test_hostile_text_is_shown_never_run(pristine, hostile):
    check_hostile_build(pristine, hostile)


@FEW
@example(hostile=" ".join(FRAGMENTS + WIDE_FRAGMENTS))
@given(hostile=hostile_text(ANY_CHARACTER))
def test_any_unicode_is_shown_never_run(pristine_without_brochure, hostile):
    check_hostile_build(pristine_without_brochure, hostile, build_without_brochure)
