"""The brochure (plaquette): a tagged PDF that agrees with the site, built reproducibly."""

import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml
from pelican.settings import read_settings
from pypdf import PdfReader

from plugins.brochure.render import render_pdf, theme_fetcher
from plugins.brochure.settings import (
    BROCHURE_PATH,
    DEFAULTS,
    BrochureError,
    brochure_settings,
)
from plugins.coopsoc.directory.loader import load_directory
from plugins.coopsoc.text import french_date
from tests.harness.build import ROOT, build_into, html_pages
from tests.harness.html import headings, links, read_page, texts_by_class

THEME = ROOT / "theme"
MAX_BYTES = 1_000_000
SECTION_TITLES = (
    "Qui sommes-nous ?",
    "COOPSOC en chiffres",
    "filières",
    "établissements membres",
    "Travailler avec COOPSOC",
    "Ce que votre entreprise y gagne",
    "Vos achats et l’obligation d’emploi",
    "Parlons de votre projet",
)


def normalize(text: str) -> str:
    """Collapse every kind of space and line break; join words cut after a hyphen; read
    curly apostrophes (French typography, tests/test_typography.py) as straight ones."""
    text = text.replace("\u202f", " ").replace("\u00a0", " ").replace("’", "'")
    return re.sub(r"\s+", " ", text).replace("- ", "-")


def in_order(text: str, parts) -> None:
    """Assert that every part is in text, each after the previous one."""
    position = 0
    for part in parts:
        found = text.find(part, position)
        assert found >= 0, f"« {part} » absent après la position {position}"
        position = found + len(part)


@pytest.fixture(scope="module")
def pdf_path(site) -> Path:
    return site / BROCHURE_PATH


@pytest.fixture(scope="module")
def reader(pdf_path) -> PdfReader:
    return PdfReader(pdf_path)


@pytest.fixture(scope="module")
def pdf_text(reader) -> str:
    return normalize("\n".join(page.extract_text() for page in reader.pages))


def test_pdf_shows_the_home_page_key_figures(site, pdf_text):
    """Each key figure of the home page, value and label, is in the PDF text."""
    home = read_page(site / "index.html")
    values = texts_by_class(home, "cs-figures__value")
    labels = texts_by_class(home, "cs-figures__label")
    assert len(values) == len(labels) >= 6
    for value, label in zip(values, labels, strict=True):
        pattern = rf"(?<!\d)(?<!\d ){re.escape(normalize(value))} ?{re.escape(normalize(label))}"
        assert re.search(pattern, pdf_text), f"{value} {label}"


def test_pdf_says_its_data_are_a_sample(reader, pdf_text):
    """While data/annuaire.yaml declares a sample: both covers and every inner page say so."""
    if not load_directory(ROOT / "data").sample:
        assert normalize("données d’exemple") not in pdf_text
        return
    notice = "Site de démonstration : les établissements, associations et effectifs présentés"
    assert pdf_text.count(notice) == 2
    pages = [normalize(page.extract_text()) for page in reader.pages]
    running = normalize("COOPSOC – données d’exemple : établissements et effectifs fictifs")
    assert all(running in text for text in pages[1:-1])


def test_pdf_names_every_establishment(pdf_text):
    """Every establishment of data/ is named in the brochure, with its type."""
    directory = load_directory(ROOT / "data")
    assert directory.establishments
    for establishment in directory.establishments:
        pattern = rf"{re.escape(normalize(establishment.nom))} {establishment.type} ·"
        assert re.search(pattern, pdf_text), establishment.nom


def test_pdf_lists_the_steps_of_the_home_page(site, pdf_text):
    """The steps of « Comment ça marche » (content/pages/accueil.md) are in the PDF, numbered."""
    home = (site / "index.html").read_text(encoding="utf-8")
    section = home[home.index('id="comment-ca-marche"') :]
    steps = re.findall(r"<li><strong>(.*?)</strong>", section[: section.index("</ol>")])
    assert len(steps) >= 2
    for number, title in enumerate(steps, start=1):
        assert f"{number} {normalize(title)}" in pdf_text


def test_pdf_states_the_obligation_rules_of_the_site(site, pdf_text):
    """The rates and check date of data/oeth.yaml, also shown by the Obligation d'emploi page."""
    rules = yaml.safe_load((ROOT / "data" / "oeth.yaml").read_text(encoding="utf-8"))
    rates = {
        rules["obligation"]["taux"],
        rules["deduction"]["taux"],
        *(cap["plafond"] for cap in rules["deduction"]["plafonds"]),
        *(cap["taux_emploi_direct_min"] for cap in rules["deduction"]["plafonds"][1:]),
    }
    page_path = site / "obligation-d-emploi" / "index.html"
    page = normalize(re.sub(r"<[^>]+>", "", page_path.read_text(encoding="utf-8")))
    for rate in rates:
        assert re.search(rf"(?<!\d){rate} %", pdf_text), rate
        assert re.search(rf"(?<!\d){rate} %", page), rate
    assert f"au moins {rules['obligation']['seuil_effectif']} salariés" in pdf_text
    checked = re.search(r"vérifiées le (\d+e?r? \w+ \d{4})", page).group(1)
    assert f"vérifiées le {checked}" in pdf_text
    assert french_date(rules["verifie_le"]) == checked


def test_pdf_states_the_five_year_rule_and_what_is_not_deducted(pdf_text):
    """L5212-1 with L130-1 CSS, the CHRS exclusion, the cap on this deduction only."""
    rules = yaml.safe_load((ROOT / "data" / "oeth.yaml").read_text(encoding="utf-8"))
    years = rules["obligation"]["annees_consecutives"]
    assert f"atteint pendant {years} années civiles consécutives" in pdf_text
    assert "L5212-1" in pdf_text and "L130-1 du Code de la sécurité sociale" in pdf_text
    assert "Les achats à un CHRS ne sont pas déductibles" in pdf_text
    assert "Cette déduction, et elle seule, est plafonnée" in pdf_text
    assert "dépenses déductibles" in pdf_text and "accord agréé" in pdf_text


def test_pdf_reading_order_follows_the_sections(pdf_text):
    """Extracted text comes in reading order: the cover, then the sections in sequence."""
    parts = ("Édition du", *SECTION_TITLES, "Plaquette éditée le")
    in_order(pdf_text, [normalize(part) for part in parts])


def test_html_version_has_the_sections_of_the_pdf(site, pdf_text):
    """/plaquette/ shows the PDF's section headings, in the same order, and links the PDF."""
    page = read_page(site / "plaquette" / "index.html")
    titles = [text for level, text in headings(page, "h2, h3") if level == "h2"]
    in_order(" | ".join(titles), SECTION_TITLES)
    in_order(pdf_text, [normalize(title) for title in titles])
    targets = {(site / "plaquette" / href).resolve() for href, _ in links(page) if href}
    assert (site / BROCHURE_PATH).resolve() in targets


def test_pdf_is_tagged_and_french(reader):
    """PDF/UA basics: marked content, a structure tree, French, a title shown by viewers."""
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "fr"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert reader.metadata.title == DEFAULTS["BROCHURE_TITLE"]
    assert reader.metadata.author == DEFAULTS["BROCHURE_AUTHOR"]


def structure_tags(reader) -> list[str]:
    """The tags of the PDF's structure tree, in its reading order (depth first)."""
    tags = []

    def walk(node):
        node = node.get_object()
        if not hasattr(node, "get"):
            return
        if "/S" in node:
            tags.append(str(node["/S"])[1:])
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return tags


def test_pdf_tags_follow_the_sections(reader):
    """RGAA 9.1, 9.3 (PDF/UA): one H1 first, an H2 per section, no level skipped in the
    reading order of the tags, and lists tagged as lists (L, LI, LBody)."""
    headings = [int(tag[1]) for tag in structure_tags(reader) if tag in ("H1", "H2", "H3")]
    assert headings[0] == 1 and headings.count(1) == 1
    assert headings.count(2) == len(SECTION_TITLES)
    assert all(b <= a + 1 for a, b in zip(headings, headings[1:], strict=False))
    tags = set(structure_tags(reader))
    assert {"L", "LI", "LBody", "P"} <= tags


def test_pdf_embeds_only_the_theme_font(reader):
    """Every glyph comes from the self-hosted font: no system font filled in."""
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert fonts
    assert all("Atkinson-Hyperlegible-Next" in name for name in fonts), fonts


def test_pdf_page_count_and_size_budget(reader, pdf_path):
    """4 to 8 A4 pages, under 1 MB."""
    assert 4 <= len(reader.pages) <= 8
    assert pdf_path.stat().st_size < MAX_BYTES
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (595, 842)


def test_two_builds_give_the_same_bytes(tmp_path, pdf_path, reader):
    """Dates come from BUILD_DATE, not the clock, and the file identifier from the content."""
    first = build_into(tmp_path / "a") / BROCHURE_PATH
    second = build_into(tmp_path / "b") / BROCHURE_PATH
    assert first.read_bytes() == second.read_bytes() == pdf_path.read_bytes()
    # BUILD_DATE is the date of the last commit (pelicanconf._source_date), not a fixed day.
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    assert reader.metadata["/CreationDate"].startswith(
        "D:" + settings["BUILD_DATE"].strftime("%Y%m%d")
    )


def test_footer_links_the_pdf_with_its_real_size(site, pdf_path):
    """Every page's footer links the PDF and states its format and size, measured on disk."""
    size = pdf_path.stat().st_size
    for page_path in html_pages(site):
        page = site / page_path
        pdf_links = [
            (href, text)
            for href, text in links(read_page(page))
            if href and href.endswith("coopsoc-plaquette.pdf")
        ]
        assert pdf_links, page_path
        for href, text in pdf_links:
            assert (page.parent / href).resolve() == pdf_path.resolve(), page_path
            match = re.match(r"Télécharger la plaquette \(PDF, (\d+)\u00a0Ko[,)]", text)
            assert match, text
            assert abs(int(match.group(1)) * 1024 - size) <= 512, (text, size)


def test_fetcher_refuses_a_remote_url():
    """A remote resource is refused, with a French message naming it."""
    from weasyprint.urls import FatalURLFetchingError

    fetcher = theme_fetcher(THEME)
    with pytest.raises(FatalURLFetchingError, match="distante") as error:
        fetcher("https://example.org/police.woff2")
    assert "https://example.org/police.woff2" in str(error.value)
    with pytest.raises(FatalURLFetchingError, match="en dehors du dossier du thème"):
        fetcher((ROOT / "pelicanconf.py").as_uri())
    assert fetcher((THEME / "brochure" / "brochure.css").as_uri()).read()


def test_remote_resource_fails_the_rendering():
    """A remote image stops the rendering: it is not silently left out of the PDF."""
    html = '<html lang="fr"><body><img src="https://example.org/logo.png" alt="Logo"></body>'
    with pytest.raises(BrochureError, match="distante"):
        render_pdf(
            html, THEME, theme_fetcher(THEME), title="Essai", author="Essai", when=date.today()
        )


def test_unknown_setting_is_refused():
    """A misspelt BROCHURE_ setting is an error that lists the right names."""
    with pytest.raises(BrochureError, match="BROCHURE_PAHT.*BROCHURE_PATH"):
        brochure_settings({"BROCHURE_PAHT": "plaquette.pdf"})
    assert brochure_settings({})["BROCHURE_PATH"] == BROCHURE_PATH


def test_a_layout_warning_fails_the_rendering_but_not_a_machine_notice():
    """A CSS rule WeasyPrint ignores fails the build; its fontTools fallback does not."""
    page = '<html lang="fr"><head><style>p {{ {} }}</style></head><body><p>Texte</p></body></html>'
    when = date(2026, 1, 1)
    render_pdf(
        page.format("color: red"), THEME, theme_fetcher(THEME), title="t", author="a", when=when
    )
    with pytest.raises(BrochureError, match="WeasyPrint signale des problèmes"):
        render_pdf(
            page.format("colour: red"),
            THEME,
            theme_fetcher(THEME),
            title="t",
            author="a",
            when=when,
        )


def test_the_harfbuzz_fallback_notice_is_not_collected():
    """Without libharfbuzz-subset0, WeasyPrint's notice about fontTools is not a problem."""
    import logging

    from plugins.brochure.render import _weasyprint_warnings

    notice = 'Using fontTools instead of HarfBuzz-Subset for font "Atkinson Hyperlegible Next".'
    with _weasyprint_warnings() as warnings:
        logging.getLogger("weasyprint").warning(notice)
        logging.getLogger("weasyprint").warning("Ignored `colour: red` at 1:5, unknown property.")
    assert warnings == ["Ignored `colour: red` at 1:5, unknown property."]


def run_script(script: str, *args, timeout=None) -> subprocess.CompletedProcess:
    """Run a Python script in a fresh process (which may fork: it runs no other thread)."""
    command = [sys.executable, "-c", script, *map(str, args)]
    return subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, check=True, timeout=timeout
    )


# Builds the site in a fresh process (as `make html` does) and says whether WeasyPrint was
# loaded there, and which process rendered the brochure.
WARM_SCRIPT = """
import json, os, sys
from pelican import Pelican
from pelican.settings import read_settings
from plugins.brochure import render, warm

original = render.render_document
def recorded(*inputs):
    with open(sys.argv[2], "a") as renderers:  # from whichever process renders
        renderers.write(f"{os.getpid()}\\n")
    return original(*inputs)
render.render_document = warm.render_document = recorded
Pelican(read_settings("pelicanconf.py", override={"OUTPUT_PATH": sys.argv[1]})).run()
print(json.dumps({"pid": os.getpid(), "loaded": "weasyprint" in sys.modules}))
"""


def test_a_fresh_build_renders_the_brochure_beside_it_with_the_same_bytes(tmp_path, pdf_path):
    """WeasyPrint loads in a forked process while the build reads its data: the build never
    loads it, and the PDF is the one rendered in the build's own process."""
    renderers = tmp_path / "renderers.txt"
    result = run_script(WARM_SCRIPT, tmp_path / "site", renderers)
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert not report["loaded"]
    rendered_by = renderers.read_text().split()
    assert len(rendered_by) == 1 and rendered_by[0] != str(report["pid"])
    assert (tmp_path / "site" / BROCHURE_PATH).read_bytes() == pdf_path.read_bytes()


FAILING_SCRIPT = """
import sys
from datetime import date
from plugins.brochure import warm
from plugins.brochure.settings import BrochureError

warm.start()
html = '<html lang="fr"><body><img src="https://example.org/logo.png" alt="Logo"></body>'
try:
    warm.render(html, sys.argv[1], "Essai", "Essai", date(2026, 1, 1))
except BrochureError as error:
    print("refusé :", error)
"""


def test_an_error_of_the_renderer_process_stops_the_build_with_its_message():
    result = run_script(FAILING_SCRIPT, THEME)
    assert result.stdout.startswith("refusé : Plaquette : la ressource")
    assert "distante" in result.stdout


ABANDONED_SCRIPT = """
import multiprocessing
from plugins.brochure import warm

warm.start()  # a build that stops before its brochure (an error in its data)…
first = warm._renderer.process
warm.start()  # …then the next build: the first renderer has ended, not been left waiting
print(first.exitcode, len(multiprocessing.active_children()))
"""


def test_a_build_stopped_before_its_brochure_leaves_no_process_waiting():
    # The timeout only turns a process left waiting for ever into a failure.
    result = run_script(ABANDONED_SCRIPT, timeout=120)
    assert result.stdout.split() == ["0", "1"]
