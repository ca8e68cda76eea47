"""Every component macro of theme/templates/components/ renders on its own.

Each macro is imported as the pages import it (`from … import … with context`), in a Jinja
environment set up like the site's: the theme's templates, pelicanconf.JINJA_ENVIRONMENT
(autoescape on), and the filters and globals the plugins install. It is rendered with small
hand-made arguments, and the test reads the result as HTML. A component file without a
render test here fails test_every_component_has_a_render_test.
"""

import functools
import re
from collections import namedtuple
from datetime import datetime
from types import SimpleNamespace

import cssselect2
import jinja2
import pytest
import tinyhtml5
from pelican.settings import read_settings

from plugins.coopsoc.directory.badges import badges_for
from plugins.coopsoc.urls import (
    ESTABLISHMENTS,
    TRADES,
    commune_path,
    establishment_path,
    trade_path,
)
from plugins.publishing import templating
from plugins.sitekit import filters
from tests.harness.build import ROOT

TEMPLATES = ROOT / "theme" / "templates"
COMPONENTS = TEMPLATES / "components"
HOSTILE = '<script>alert("x")</script>'
ESCAPED = "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;"
NNBSP = "\u202f"
NBSP = "\u00a0"

# Component file name → the render tests that cover it (filled in by @renders).
TESTED: dict[str, list[str]] = {}


def renders(component: str):
    """Record that the decorated test renders a component file of components/."""

    def record(test):
        TESTED.setdefault(component, []).append(test.__name__)
        return test

    return record


@functools.cache
def settings() -> dict:
    """The development settings (pelicanconf.py)."""
    return read_settings(str(ROOT / "pelicanconf.py"))


@functools.cache
def environment() -> jinja2.Environment:
    """A Jinja environment like the one Pelican gives the theme, plugins' additions included."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)), **settings()["JINJA_ENVIRONMENT"]
    )
    generator = SimpleNamespace(env=env, settings=settings())
    filters.install(generator)
    templating.install(generator)
    return env


def render(component: str, macro: str, *args, context: dict | None = None, **kwargs) -> str:
    """Render one macro of components/<component> with the site's settings as context."""
    page = environment().from_string(
        f'{{% from "components/{component}" import {macro} with context %}}'
        f"{{{{ {macro}(*args, **kwargs) }}}}"
    )
    sections = {"etablissements": ESTABLISHMENTS, "metiers": TRADES}
    return page.render(
        {**settings(), "SECTIONS": sections, **(context or {}), "args": args, "kwargs": kwargs}
    )


class Html:
    """An HTML fragment, queried with CSS selectors."""

    def __init__(self, markup: str):
        self.markup = markup
        root = tinyhtml5.parse(markup, namespace_html_elements=False)
        self.root = cssselect2.ElementWrapper.from_html_root(root)

    def all(self, selector: str) -> list:
        return [wrapper.etree_element for wrapper in self.root.query_all(selector)]

    def one(self, selector: str):
        found = self.all(selector)
        assert len(found) == 1, (selector, len(found), self.markup)
        return found[0]

    def text(self, selector: str) -> str:
        return text(self.one(selector))


def text(element) -> str:
    """The text of an element, runs of spaces and line breaks collapsed (no-break spaces kept)."""
    return re.sub(r"[ \t\r\n]+", " ", "".join(element.itertext())).strip()


class Commune(namedtuple("Commune", "nom slug")):
    """A commune by hand: hashable, as the keys of the directory's dictionaries are."""

    @property
    def path(self) -> str:
        return commune_path(self.slug)


def trade(id_, nom):
    return SimpleNamespace(id=id_, nom=nom, path=trade_path(id_))


def establishment(**fields):
    """An establishment as the templates read it (directory's Establishment), by hand."""
    values = {
        "id": "esat-les-restanques",
        "nom": "ESAT Les Restanques",
        "designation": "ESAT Les Restanques",
        "type": "ESAT",
        "type_label": "Établissement et service d’accompagnement par le travail",
        "type_feminine": False,
        "commune": Commune("Aubagne", "aubagne"),
        "travailleurs": 2712,
        "deductible": True,
        "intervention_sur_site": False,
        "trades": (trade("menuiserie", "Menuiserie"), trade("soudure", "Soudure")),
    }
    values.update(fields)
    return SimpleNamespace(**values, path=establishment_path(values["id"]))


def article(slug, title, day, summary):
    return SimpleNamespace(
        url=f"actualites/{slug}/index.html",
        title=title,
        date=datetime(2026, 3, day),
        summary=summary,
    )


@renders("breadcrumb.html")
def test_breadcrumb_lists_home_the_trail_and_the_current_page():
    html = Html(render("breadcrumb.html", "breadcrumb", HOSTILE, [("Métiers", "metiers/")]))
    assert html.one("nav").get("aria-label") == "Fil d’Ariane"
    items = html.all("li.cs-breadcrumb__item")
    assert [text(item) for item in items] == ["Accueil", "Métiers", HOSTILE]
    assert [a.get("href") for a in html.all("li a")] == ["index.html", "metiers/index.html"]
    assert items[-1].get("aria-current") == "page"
    assert ESCAPED in html.markup and HOSTILE not in html.markup


@renders("button_link.html")
def test_button_link_is_a_link_with_its_variant():
    html = Html(render("button_link.html", "button_link", HOSTILE, "metiers/", "secondary"))
    link = html.one("a")
    assert link.get("class") == "cs-button cs-button--secondary"
    assert link.get("href") == "metiers/index.html"
    assert text(link) == HOSTILE and ESCAPED in html.markup
    primary = Html(render("button_link.html", "button_link", "Voir", "etablissements/"))
    assert primary.one("a").get("class") == "cs-button cs-button--primary"


@renders("deduction_notice.html")
def test_deduction_notice_names_the_chrs_and_can_start_hidden():
    general = Html(render("deduction_notice.html", "deduction_notice"))
    notice = general.one("div.cs-notice--caution")
    assert notice.get("role") == "note" and "hidden" not in notice.attrib
    assert "auprès d’un centre d’hébergement et de réinsertion sociale (CHRS)" in text(notice)
    assert "L5212-10-1" in text(notice)
    assert "achats non déductibles" not in text(notice)

    chrs = establishment(nom=HOSTILE, designation="CHRS " + HOSTILE, type="CHRS")
    named = Html(
        render(
            "deduction_notice.html",
            "deduction_notice",
            chrs,
            marked=True,
            id="avis",
            hidden=True,
        )
    )
    notice = named.one("div.cs-notice--caution")
    assert notice.get("id") == "avis" and "hidden" in notice.attrib
    assert f"Vos achats auprès du CHRS {HOSTILE} ne réduisent pas" in text(notice)
    assert f"les CHRS portent la mention «{NBSP}achats non déductibles{NBSP}»" in text(notice)
    assert HOSTILE not in named.markup


@renders("easy_read_link.html")
def test_easy_read_link_goes_both_ways():
    easy = Html(render("easy_read_link.html", "easy_read_link", "facile-a-lire/contact/"))
    assert easy.one("a").get("href") == "facile-a-lire/contact/index.html"
    assert easy.text("a") == "Lire cette page en version facile à lire"
    back = Html(render("easy_read_link.html", "easy_read_link", "", easy=False))
    assert back.one("a").get("href") == "index.html"
    assert back.text("a") == "Lire la version complète de cette page"


@renders("error_summary.html")
def test_error_summary_is_an_empty_hidden_region_named_by_its_title():
    html = Html(render("error_summary.html", "error_summary", "demande-erreurs"))
    summary = html.one("div.cs-error-summary")
    assert summary.get("id") == "demande-erreurs" and "hidden" in summary.attrib
    assert summary.get("role") == "region" and summary.get("tabindex") == "-1"
    assert summary.get("aria-labelledby") == html.one("h2").get("id") == "demande-erreurs-titre"
    assert html.all("ul.cs-error-summary__list li") == []


@renders("establishment_card.html")
def test_establishment_card_shows_type_commune_headcount_and_trades():
    card = establishment(nom=HOSTILE, intervention_sur_site=True)
    html = Html(render("establishment_card.html", "establishment_card", card, 2, "soudure"))
    link = html.one("h2.cs-card__title a")
    assert link.get("href") == "etablissements/esat-les-restanques/index.html"
    assert text(link) == HOSTILE and ESCAPED in html.markup
    assert html.text(".cs-card__meta") == (
        f"ESAT · Aubagne · 2{NNBSP}712 travailleurs · intervient sur site"
    )
    assert html.one(".cs-card__meta abbr").get("title") == card.type_label
    assert html.text(".cs-card__trades") == "Métiers : Menuiserie, Soudure"
    assert html.text(".cs-card__trades strong") == "Soudure"
    assert html.all(".cs-card__mark") == []


@renders("establishment_card.html")
def test_establishment_card_marks_a_chrs_purchases_as_not_deductible():
    chrs = establishment(type="CHRS", travailleurs=1, deductible=False)
    html = Html(render("establishment_card.html", "establishment_card", chrs))
    assert html.all("h3.cs-card__title") and not html.all("strong")
    assert html.text(".cs-card__meta").endswith("1 personne accueillie en atelier")
    assert html.text(".cs-card__mark") == "Achats non déductibles"


@renders("form_field.html")
def test_form_field_labels_its_control_and_hands_over_the_hint_id():
    page = environment().from_string(
        '{% from "components/form_field.html" import form_field with context %}'
        '{% call(describedby) form_field("f-nom", label, hint, required=True) %}'
        '<input id="f-nom" aria-describedby="{{ describedby }}">{% endcall %}'
        '{% call(describedby) form_field("f-tel", "Téléphone") %}'
        '<input id="f-tel" data-described="{{ describedby }}">{% endcall %}'
    )
    html = Html(page.render(label=HOSTILE, hint="Format : " + HOSTILE))
    first, second = html.all("div.cs-field")
    assert html.text("label[for=f-nom]") == HOSTILE + " *"
    assert html.one("label[for=f-nom] .cs-field__required").get("aria-hidden") == "true"
    assert html.text("#f-nom-aide") == "Format : " + HOSTILE
    assert "hidden" in html.one("#f-nom-erreur").attrib
    assert html.one("input#f-nom").get("aria-describedby") == "f-nom-aide"
    assert HOSTILE not in html.markup
    assert html.all("label[for=f-tel] .cs-field__required") == []
    assert html.all("#f-tel-aide") == []
    assert html.one("input#f-tel").get("data-described") == ""


FIGURES = {
    "etablissements": 37,
    "esat": 25,
    "ea": 9,
    "chrs": 3,
    "travailleurs": 2712,
    "personnes_accueillies": 64,
    "metiers": 36,
    "filieres": 11,
    "associations": 18,
    "communes": 21,
    "annees": 60,
}


@renders("key_figures.html")
def test_key_figures_writes_each_figure_the_french_way():
    html = Html(render("key_figures.html", "key_figures", FIGURES, "chiffres"))
    assert html.one("section").get("aria-labelledby") == html.one("h2").get("id") == "chiffres"
    values = [text(value) for value in html.all(".cs-figures__value")]
    assert values == ["37", f"2{NNBSP}712", "36", "18", "21", "60"]
    assert text(html.all(".cs-figures__item")[0]) == (
        "37 établissements membres : 25 ESAT, 9 EA et 3 CHRS"
    )


NEWS = [
    article("nouveau-site", "Un <em>nouveau</em> site", 1, "<p>Le site est en ligne.</p>"),
    article("salon", "Le salon " + "&lt;achats&gt;", 12, "Rendez-vous au salon."),
]


@renders("latest_news.html")
def test_latest_news_lists_articles_under_a_titled_section():
    html = Html(render("latest_news.html", "latest_news", NEWS))
    assert html.one("section").get("aria-labelledby") == html.one("h2").get("id")
    assert [text(title) for title in html.all("h3.cs-news__title")] == [
        "Un nouveau site",
        "Le salon <achats>",
    ]
    assert html.all("a")[-1].get("href") == "actualites/index.html"
    assert text(html.all("a")[-1]) == "Toutes les actualités"


@renders("news_list.html")
def test_news_list_gives_title_date_and_summary():
    html = Html(render("news_list.html", "news_list", NEWS))
    first = html.all("li.cs-news__item")[0]
    assert [a.get("href") for a in html.all("h2.cs-news__title a")] == [
        "actualites/nouveau-site/index.html",
        "actualites/salon/index.html",
    ]
    time = html.all("time")[0]
    assert time.get("datetime") == "2026-03-01" and time.text == "1er mars 2026"
    assert text(first).endswith("Le site est en ligne.")
    assert "<em>" not in html.markup


def map_context():
    """A two-commune map (BUYERTOOLS_MAP) and the directory it is drawn from, by hand."""
    aubagne, arles = Commune("Aubagne", "aubagne"), Commune("Arles", "arles")
    lone = establishment(id="esat-arles", nom=HOSTILE, commune=arles)
    pair = (establishment(commune=aubagne), establishment(id="ea-b", nom="EA B", commune=aubagne))
    markers = (
        SimpleNamespace(
            commune=aubagne,
            x=300,
            y=200,
            count=2,
            establishments=pair,
            path="etablissements/commune/aubagne/",
        ),
        SimpleNamespace(
            commune=arles,
            x=100,
            y=100,
            count=1,
            establishments=(lone,),
            path="etablissements/esat-arles/",
        ),
    )
    drawing = SimpleNamespace(
        width=600,
        height=400,
        outline="M0 0H600V400H0Z",
        markers=markers,
        marker_radius=12,
        credit="Contours : IGN",
        commune_outline=lambda commune: "M1 1",
        marker_for=lambda e: next(m for m in markers if m.commune is e.commune),
        label_for=lambda marker: (marker.x + 20, marker.y, "start"),
    )
    directory = SimpleNamespace(
        establishments=(*pair, lone),
        establishments_by_commune=lambda: {aubagne: pair, arles: (lone,)},
    )
    return {
        "BUYERTOOLS_MAP": drawing,
        "DIRECTORY": directory,
        "FIGURES": FIGURES,
        "LIST_PAGE_SIZE": 100,
    }, lone


@renders("list_download.html")
def test_list_download_links_the_csv_with_its_count_size_and_sample_warning():
    export = SimpleNamespace(path="metiers/menuiserie/coopsoc-metier-menuiserie.csv", count=1)
    export.size_label = f"3{NBSP}Ko"
    html = Html(
        render("list_download.html", "list_download", export, context={"SAMPLE_DATA": True})
    )
    link = html.one("p.cs-list-download a")
    assert link.get("href") == export.path and link.get("type") == "text/csv"
    assert "download" in link.attrib
    assert text(link) == (
        f"Télécharger cette liste pour un tableur (CSV, 1 établissement, 3{NBSP}Ko)"
    )
    assert html.text("p").endswith("données d’exemple, fictives")
    real = Html(render("list_download.html", "list_download", export, context={}))
    assert "exemple" not in real.text("p")


@renders("selection_button.html")
def test_selection_button_is_hidden_until_the_script_and_names_its_establishment():
    card = establishment(nom=HOSTILE)
    html = Html(render("selection_button.html", "selection_button", card))
    button = html.one("button.cs-selection-button")
    assert button.get("type") == "button" and "hidden" in button.attrib
    assert button.get("data-selection-id") == "esat-les-restanques"
    assert button.get("data-selection-name") == HOSTILE and ESCAPED in html.markup
    assert button.get("aria-pressed") == "false"
    assert text(button) == f"Ma sélection : {HOSTILE}"
    assert html.one(".cs-selection-button__icon").get("aria-hidden") == "true"


@renders("selection_link.html")
def test_selection_link_leads_to_the_page_with_a_count_and_a_status_region():
    html = Html(
        render(
            "selection_link.html",
            "selection_link",
            "ma-selection/",
            "etablissements/etablissements.js",
        )
    )
    holder = html.one("p.cs-selection-link")
    assert "hidden" in holder.attrib
    assert holder.get("data-selection-data") == "etablissements/etablissements.js"
    assert html.one("a").get("href") == "ma-selection/index.html"
    assert html.text("a") == "Ma sélection (0)"
    assert html.one("[data-selection-status]").get("role") == "status"


@renders("establishment_card.html")
def test_establishment_card_carries_its_selection_button():
    html = Html(render("establishment_card.html", "establishment_card", establishment()))
    assert html.one("li.cs-card button").get("data-selection-id") == "esat-les-restanques"


@renders("map.html")
def test_map_draws_a_named_link_per_commune_and_lists_them():
    context, _ = map_context()
    html = Html(render("map.html", "establishment_map", context=context))
    assert html.text("h2.cs-map__title") == "Carte des établissements"
    svg = html.one("svg")
    assert svg.get("role") == "group" and svg.get("viewBox") == "0 0 600 400"
    links = html.all("a.cs-map__link")
    assert [link.get("href") for link in links] == [
        "etablissements/commune/aubagne/index.html",
        "etablissements/esat-arles/index.html",
    ]
    titles = [text(link) for link in links]
    assert titles[0].startswith("Aubagne : 2 établissements")
    assert titles[1].startswith(f"Arles : 1 établissement, {HOSTILE}")
    assert html.text("h3.cs-map__list-title") == "Liste par commune"
    assert [a.get("href") for a in html.all(".cs-map__list li > a")][:2] == [
        "etablissements/commune/aubagne/index.html",
        "etablissements/esat-les-restanques/index.html",
    ]
    assert HOSTILE not in html.markup


@renders("map.html")
def test_map_list_names_only_the_communes_beyond_a_page_of_establishments():
    context, _ = map_context()
    html = Html(render("map.html", "establishment_map", context={**context, "LIST_PAGE_SIZE": 2}))
    items = html.all(".cs-map__list > li")
    assert [text(item).split() for item in items] == [["Aubagne", "(2)"], ["Arles", "(1)"]]
    assert [a.get("href") for item in items for a in item.iter("a")] == [
        "etablissements/commune/aubagne/index.html",
        "etablissements/commune/arles/index.html",
    ]


@renders("list_pages.html")
def test_list_pages_link_the_others_around_the_current_one():
    from plugins.directory.pagination import paginate

    pages = paginate("metiers/x/", list(range(95)), 10)
    html = Html(render("list_pages.html", "list_pages", pages[4][2], "Menuiserie"))
    nav = html.one("nav.cs-pagination")
    assert nav.get("aria-label") == "Pages de la liste : Menuiserie"
    links = html.all("nav a")
    assert [a.get("href") for a in links] == [
        "metiers/x/page-4/index.html",
        "metiers/x/index.html",
        "metiers/x/page-2/index.html",
        "metiers/x/page-3/index.html",
        "metiers/x/page-4/index.html",
        "metiers/x/page-6/index.html",
        "metiers/x/page-7/index.html",
        "metiers/x/page-10/index.html",
        "metiers/x/page-6/index.html",
    ]
    assert [a.get("rel") for a in links if a.get("rel")] == ["prev", "next"]
    assert text(html.one("[aria-current=page]")).split() == ["Page", "5", "sur", "10"]
    assert text(links[1]).split() == ["Page", "1"]
    assert "…" in text(nav)
    one_page = paginate("metiers/x/", list(range(3)), 10)[0][2]
    assert render("list_pages.html", "list_pages", one_page, "Menuiserie").strip() == ""


@renders("map.html")
def test_map_of_an_establishment_marks_its_commune_and_draws_nothing_without_data():
    context, lone = map_context()
    html = Html(render("map.html", "establishment_map", lone, 3, context=context))
    assert "cs-map--compact" in html.one("section").get("class")
    assert html.text("h3.cs-map__title") == "Sur la carte"
    current = html.one("a.cs-map__link--current")
    assert current.get("aria-current") == "page"
    assert text(current).startswith(f"Arles : 1 établissement, {HOSTILE} (cette page)")
    assert html.all(".cs-map__alternative") == []
    assert render("map.html", "establishment_map", context={"BUYERTOOLS_MAP": None}) == ""


@renders("page_meta.html")
def test_page_meta_describes_the_page_without_markup():
    markup = render(
        "page_meta.html",
        "page_meta",
        "<b>Contact</b> & plan",
        "Écrire à <i>COOPSOC</i>",
        context={"output_file": "contact/index.html"},
    )
    html = Html(markup)
    meta = {m.get("property"): m.get("content") for m in html.all("meta[property]")}
    assert meta["og:title"] == "Contact & plan"
    assert meta["og:description"] == "Écrire à COOPSOC"
    assert meta["og:type"] == "website" and meta["og:locale"] == "fr_FR"
    assert meta["og:image"] == "theme/images/partage.png"
    assert html.all("link[rel=canonical]") == [] and html.all("meta[name=robots]") == []


@renders("page_meta.html")
def test_page_meta_in_production_gives_the_canonical_address_and_keeps_404_out():
    production = {"SITEURL": "https://coopsoc.example", "output_file": "contact/index.html"}
    html = Html(render("page_meta.html", "page_meta", "Contact", "Écrire", context=production))
    canonical = html.one("link[rel=canonical]").get("href")
    assert canonical == "https://coopsoc.example/contact/"
    assert html.one("meta[property='og:url']").get("content") == canonical
    error = Html(
        render(
            "page_meta.html", "page_meta", "Introuvable", "", context={"output_file": "404.html"}
        )
    )
    assert error.one("meta[name=robots]").get("content") == "noindex"


@renders("pitch.html")
def test_pitch_is_one_sentence_with_the_figures():
    sentence = render("pitch.html", "pitch", FIGURES)
    assert sentence.startswith("Une seule demande à COOPSOC, et 37 établissements")
    assert f"2{NNBSP}712 travailleurs en situation de handicap" in sentence
    assert "64 personnes accueillies en atelier de CHRS" in sentence
    assert sentence.endswith("une réponse rapide sur la faisabilité.") and "<" not in sentence


REQUEST_CONTEXT = {
    "BUYERTOOLS": {
        "form_path": "demande/",
        "prefilled": {("metier", "menuiserie"): "demande/metier-menuiserie/"},
    },
    "COOPSOC": {"email": "contact@coopsoc.example"},
}


@renders("request_box.html")
def test_request_box_offers_the_form_the_email_and_the_contact_page():
    html = Html(
        render(
            "request_box.html",
            "request_box",
            "Demande de devis en menuiserie",
            "en " + HOSTILE,
            ("metier", "menuiserie"),
            context=REQUEST_CONTEXT,
        )
    )
    assert html.text("h2.cs-request__title") == f"Un besoin en {HOSTILE}{NNBSP}?"
    form, email, contact = html.all("a.cs-button")
    # The form prefilled for the trade: a page of its own, which works without JavaScript.
    assert form.get("href") == "demande/metier-menuiserie/index.html"
    assert form.get("class") == "cs-button cs-button--primary"
    assert email.get("href") == (
        "mailto:contact@coopsoc.example?subject=Demande%20de%20devis%20en%20menuiserie"
    )
    assert email.get("class") == "cs-button cs-button--secondary"
    # The visible words first, the hidden ones after: the name starts with what is shown
    # (WCAG 2.5.3, RGAA 6.1).
    assert 'Écrire à COOPSOC (courriel)<span class="cs-visually-hidden"> pour un besoin' in (
        html.markup
    )
    assert contact.get("href") == "contact/index.html"
    assert HOSTILE not in html.markup


@renders("request_box.html")
def test_compact_request_box_is_shorter_and_unknown_prefill_leads_to_the_form():
    args = ("Demande", "ici", ("metier", "inconnu"))
    long = Html(render("request_box.html", "request_box", *args, context=REQUEST_CONTEXT))
    short = Html(
        render("request_box.html", "request_box", *args, compact=True, context=REQUEST_CONTEXT)
    )
    assert short.one("aside").get("class") == "cs-request cs-request--compact"
    assert len(short.text("aside > p:first-of-type")) < len(long.text("aside > p:first-of-type"))
    assert short.all("a.cs-button")[0].get("href") == "demande/index.html"


@renders("request_card.html")
def test_request_card_is_a_list_item_leading_to_the_form():
    card = Html(render("request_card.html", "request_card", "demande/metier-menuiserie/"))
    item = card.one("li")
    assert item.get("class") == "cs-request-card"
    assert item.get("data-search-request-card") is None
    assert card.one("a").get("href") == "demande/metier-menuiserie/index.html"
    assert card.text("a") == "Déposer un besoin"
    # The search's model: its link keeps the form's address, the visitor's words are added.
    model = Html(render("request_card.html", "request_card", "demande/", search=True))
    assert model.one("li").get("data-search-request-card") == ""
    assert model.one("a").get("data-base") == "demande/index.html"


@renders("request_box.html")
def test_request_box_without_the_form_makes_the_email_primary():
    context = {**REQUEST_CONTEXT, "BUYERTOOLS": None}
    html = Html(render("request_box.html", "request_box", "Demande", "ici", context=context))
    email, contact = html.all("a.cs-button")
    assert email.get("href").startswith("mailto:") and "primary" in email.get("class")


@renders("sample_notice.html")
def test_sample_notice_says_so_in_words_with_a_way_to_reach_coopsoc():
    context = {"COOPSOC": {"email": "contact@coopsoc.example"}}
    web = Html(render("sample_notice.html", "sample_notice", "contact/index.html", context=context))
    assert web.one("div").get("class") == "cs-sample-notice"
    assert web.text("p").startswith(f"Site de démonstration{NBSP}: les établissements")
    assert web.one("a").get("href") == "contact/index.html"
    printed = Html(render("sample_notice.html", "sample_notice", "", "cover", context=context))
    assert printed.one("div").get("class") == "cs-sample-notice cs-sample-notice--cover"
    assert printed.all("a") == []
    assert printed.text("p").endswith(f"écrivez à COOPSOC{NBSP}: contact@coopsoc.example.")


def test_every_component_has_a_render_test():
    """A component file added to components/ comes with its render test here."""
    components = sorted(path.name for path in COMPONENTS.glob("*.html"))
    assert components, COMPONENTS
    assert sorted(TESTED) == components, {
        "sans test": sorted(set(components) - set(TESTED)),
        "test d’un fichier absent": sorted(set(TESTED) - set(components)),
    }


@pytest.mark.parametrize("component", sorted(path.name for path in COMPONENTS.glob("*.html")))
def test_component_documents_its_parameters(component):
    """Each component opens with a comment listing its parameters (house style)."""
    source = (COMPONENTS / component).read_text(encoding="utf-8")
    assert source.startswith("{#-") and "Paramètre" in source.split("#}", 1)[0], component


@renders("trade_tiles.html")
def test_trade_tiles_link_each_trade_with_its_establishment_count():
    trades = (trade("menuiserie", HOSTILE), trade("soudure", "Soudure"))
    counts = {"menuiserie": (establishment(),) * 1_500, "soudure": ()}
    directory = SimpleNamespace(establishments_for_trade=lambda trade_id: counts[trade_id])
    html = Html(render("trade_tiles.html", "trade_tiles", trades, context={"DIRECTORY": directory}))
    links = html.all("li.cs-tiles__item a.cs-tiles__link")
    assert [a.get("href") for a in links] == [
        "metiers/menuiserie/index.html",
        "metiers/soudure/index.html",
    ]
    assert text(links[0]) == HOSTILE and ESCAPED in html.markup
    # French plurals: 0 and 1 are singular; thousands grouped with a narrow no-break space.
    assert [text(span) for span in html.all(".cs-tiles__meta")] == [
        f"1{NNBSP}500 établissements",
        "0 établissement",
    ]


@renders("link_list.html")
def test_link_list_links_each_object_by_its_path_and_name():
    items = (trade("menuiserie", HOSTILE), Commune("Aubagne", "aubagne"))
    html = Html(render("link_list.html", "link_list", items))
    assert [(a.get("href"), text(a)) for a in html.all("ul > li > a")] == [
        ("metiers/menuiserie/index.html", HOSTILE),
        ("etablissements/commune/aubagne/index.html", "Aubagne"),
    ]
    assert ESCAPED in html.markup
    assert Html(render("link_list.html", "link_list", ())).all("li") == []


@renders("near_selector.html")
def test_near_selector_leads_to_the_search_with_the_place_and_the_filter():
    communes = (
        SimpleNamespace(nom="La Ciotat", slug="la-ciotat", latitude=43.1926, longitude=5.6132),
        SimpleNamespace(nom="Aubagne", slug="aubagne", latitude=43.2935, longitude=5.5633),
    )
    context = {"DIRECTORY": SimpleNamespace(communes=communes), "SEARCH_PAGE_PATH": "recherche/"}
    html = Html(
        render(
            "near_selector.html",
            "near_selector",
            "liste",
            HOSTILE,
            ("metier", "menuiserie"),
            context=context,
        )
    )
    form = html.one("form")
    assert (form.get("action"), form.get("method")) == ("recherche/index.html", "get")
    assert form.get("data-near-list") == "liste"
    hidden = {field.get("name"): field.get("value") for field in html.all("input[type=hidden]")}
    assert hidden == {"q": HOSTILE, "metier": "menuiserie"}
    assert html.one("label").get("for") == html.one("select").get("id") == "liste-pres"
    assert html.one("select").get("name") == "pres"
    options = [(o.get("value"), o.get("data-position"), text(o)) for o in html.all("option")]
    assert options == [
        ("", None, "Choisissez une commune"),
        ("aubagne", "43.2935 5.5633", "Aubagne"),
        ("la-ciotat", "43.1926 5.6132", "La Ciotat"),
    ]
    assert html.one("[data-near-status]").get("role") == "status"
    assert ESCAPED in html.markup


@renders("picture.html")
def test_picture_offers_modern_formats_with_size_alternative_and_lazy_loading():
    photo = SimpleNamespace(
        alt=HOSTILE,
        sources=(SimpleNamespace(media_type="image/avif", srcset="p-480.avif 480w"),),
        srcset="p-480.jpg 480w, p-960.jpg 960w",
        src="p-480.jpg",
        width=960,
        height=640,
        sizes="100vw",
    )
    html = Html(render("picture.html", "picture", photo, "cs-photo"))
    source = html.one("picture source")
    assert (source.get("type"), source.get("srcset"), source.get("sizes")) == (
        "image/avif",
        "p-480.avif 480w",
        "100vw",
    )
    image = html.one("picture img")
    assert image.get("alt") == HOSTILE and ESCAPED in html.markup
    assert (image.get("width"), image.get("height")) == ("960", "640")
    assert (image.get("loading"), image.get("src"), image.get("class")) == (
        "lazy",
        "p-480.jpg",
        "cs-photo",
    )
    assert image.get("srcset") == photo.srcset


@renders("buyer_gains.html")
def test_buyer_gains_show_the_badges_of_the_type_and_the_simulator():
    esat = establishment(badges=badges_for("ESAT"))
    chrs = establishment(type="CHRS", badges=badges_for("CHRS"))
    context = {
        "BUYERTOOLS": {"simulator_path": "obligation-d-emploi/simulateur/"},
        "OETH": SimpleNamespace(taux_deduction=30),
    }
    html = Html(render("buyer_gains.html", "buyer_gains", [esat], context=context))
    assert html.text("h2") == "Ce que votre entreprise y gagne"
    assert [text(b) for b in html.all(".cs-gains__badge")] == [
        "Achats déductibles de la contribution OETH",
        "Éligible aux marchés réservés",
    ]
    assert f"30{NBSP}% du coût de la main-d’œuvre" in html.text("[data-badge=oeth]")
    assert "L2113-12 du Code de la commande publique" in html.text("[data-badge=marches-reserves]")
    assert html.one("p a").get("href") == "obligation-d-emploi/simulateur/index.html"
    assert len(html.all("p")) == 1, "no « pas aux CHRS » for one establishment"
    mixed = Html(render("buyer_gains.html", "buyer_gains", [chrs, esat], context=context))
    assert "pas aux CHRS" in text(mixed.all("section > p")[0])
    assert len(mixed.all(".cs-gains__badge")) == 2
    nothing = render("buyer_gains.html", "buyer_gains", [chrs], context=context)
    assert nothing.strip() == ""
