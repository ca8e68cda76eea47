"""« Déposer un besoin »: the form, its checks, the e-mail it prepares, its fallbacks."""

import csv
import json
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from pelican.settings import read_settings

from plugins.buyertools.settings import BuyerToolsError
from plugins.coopsoc.typography import typeset_text
from tests.conftest import NODE_MODULES
from tests.harness.browser import run_axe
from tests.harness.build import ROOT, build_into
from tests.harness.html import read_page

PAGE = "demande/index.html"
EMAIL = "contact@example.org"
LOCALE = json.loads((NODE_MODULES / "axe-core/locales/fr.json").read_text(encoding="utf-8"))
SUBMIT = "#demande button[type=submit]"
REQUIRED = ["metier", "description", "commune", "lieu", "entreprise", "nom", "email"]


def axe_violations(page, server) -> list:
    return run_axe(page, server.url("__outils__/"), LOCALE)


@dataclass(frozen=True)
class Form:
    """The request form's attributes, controls, labels, option groups; the page's links."""

    form: dict | None
    controls: list[tuple[str, dict]]
    labels: set[str]
    optgroups: list[tuple[str, list[str]]]
    datalist: list[str]
    links: list[str]


def parse(path) -> Form:
    page = read_page(path)
    forms = page.select('form[data-module="request-form"]')
    assert len(forms) <= 1, path
    return Form(
        form=forms[0].attrs if forms else None,
        controls=[
            (c.tag, c.attrs) for c in page.select("input, select, textarea") if c.get("name")
        ],
        labels={label.get("for") for label in page.select("label")},
        optgroups=[
            (group.get("label"), [option.get("value") for option in group.select("option")])
            for group in page.select('select[name="metier"] optgroup')
        ],
        datalist=[o.get("value") for o in page.select("option") if not o.within("select")],
        links=[a.get("href") for a in page.select("a[href]")],
    )


def test_trades_are_grouped_by_filiere_from_the_data(site, directory):
    form = parse(site / PAGE)
    expected = [(f.nom, [t.id for t in f.trades]) for f in directory.filieres]
    assert form.optgroups == [*expected, ("Autre", ["autre"])]


def test_communes_come_from_communes_csv(site):
    with (ROOT / "data/communes.csv").open(encoding="utf-8") as file:
        names = sorted(row["nom"] for row in csv.DictReader(file))
    assert sorted(parse(site / PAGE).datalist) == names


def test_every_control_is_labelled_and_required_ones_are_marked(site):
    """RGAA 11.1 and 11.10: a label per control, required fields carry `required`."""
    form = parse(site / PAGE)
    for _tag, control in form.controls:
        assert control["id"] in form.labels, control["name"]
    required = {c["name"] for _tag, c in form.controls if "required" in c}
    assert required == set(REQUIRED)
    html = (site / PAGE).read_text(encoding="utf-8")
    assert "Les champs marqués d’un astérisque (*) sont obligatoires" in html
    assert '<legend class="cs-field__label">Lieu de réalisation' in html


def test_contact_fields_have_autocomplete(site):
    """RGAA 11.13: the purpose of personal fields is given."""
    autocomplete = {c["name"]: c.get("autocomplete") for _tag, c in parse(site / PAGE).controls}
    assert autocomplete["entreprise"] == "organization"
    assert autocomplete["nom"] == "name"
    assert autocomplete["email"] == "email"
    assert autocomplete["telephone"] == "tel"


def test_without_a_form_service_the_page_sends_nothing_itself(site):
    """Default: the form posts to mailto: (no script needed); a plain address sits beside it."""
    form = parse(site / PAGE)
    assert form.form["action"] == f"mailto:{EMAIL}?subject=Demande%20de%20devis"
    assert form.form["method"] == "post"
    assert form.form["enctype"] == "text/plain"
    assert f"mailto:{EMAIL}?subject=Demande%20de%20devis" in form.links
    html = (site / PAGE).read_text(encoding="utf-8")
    assert "Ce formulaire n’envoie rien et n’enregistre rien" in html
    assert "ni transmises à qui que ce soit d’autre" in html
    privacy = (site / "donnees-personnelles/index.html").read_text(encoding="utf-8")
    assert "il prépare un courriel dans votre propre logiciel de messagerie" in privacy
    assert "sous-traitant" not in privacy


def test_a_form_service_receives_the_form_when_configured(tmp_path):
    endpoint = "https://formulaires.example.net/coopsoc"
    processor = "Formulaires en ligne SAS (France)"
    site = build_into(
        tmp_path / "output", BUYERTOOLS_FORM_ENDPOINT=endpoint, BUYERTOOLS_FORM_PROCESSOR=processor
    )
    form = parse(site / PAGE)
    assert form.form["action"] == endpoint
    assert form.form["method"] == "post"
    assert "enctype" not in form.form
    assert form.form["data-mode"] == "endpoint"
    html = (site / PAGE).read_text(encoding="utf-8")
    assert f"transmises à COOPSOC par {processor}" in html
    assert "ni envoyées ailleurs" in html
    # The privacy notice says who receives the answers (RGPD, article 13.1.e).
    privacy = (site / "donnees-personnelles/index.html").read_text(encoding="utf-8")
    assert f"transmises par une connexion chiffrée à {processor}" in privacy
    assert "sous-traitant, au sens de l’article 28 du RGPD" in privacy
    assert "prépare un courriel" not in privacy


def test_the_form_links_to_the_privacy_notice(site):
    """The notice beside the personal fields links to the page « Données personnelles »."""
    assert "../donnees-personnelles/index.html" in parse(site / PAGE).links


def test_a_form_service_must_be_https(tmp_path):
    with pytest.raises(BuyerToolsError, match="https://"):
        build_into(tmp_path / "output", BUYERTOOLS_FORM_ENDPOINT="http://example.net/f")


def test_trade_and_establishment_pages_open_the_form_prefilled(site, directory):
    """Each request box links to the form written prefilled with its trade or establishment
    (it needs no JavaScript); mail stays."""
    trade = next(iter(directory.trades.values()))
    links = parse(site / f"metiers/{trade.id}/index.html").links
    assert f"../../demande/metier-{trade.id}/index.html" in links
    assert any(link.startswith(f"mailto:{EMAIL}?subject=") for link in links)
    establishment = directory.establishments[0]
    links = parse(site / f"etablissements/{establishment.id}/index.html").links
    assert f"../../demande/etablissement-{establishment.id}/index.html" in links
    assert any(link.startswith(f"mailto:{EMAIL}?subject=") for link in links)


def test_query_preselects_trade_and_establishment(page, server, directory):
    trade = next(iter(directory.trades.values()))
    establishment = directory.establishments[-1]
    page.goto(server.url(f"{PAGE}?metier={trade.id}&etablissement={establishment.id}"))
    assert page.input_value("#demande-metier") == trade.id
    assert page.input_value("#demande-etablissement") == establishment.id
    shown = page.locator("#demande-etablissement option:checked").inner_text()
    assert typeset_text(establishment.nom) in shown


def test_links_from_a_trade_page_lead_to_the_prefilled_form(page, server, directory):
    trade = list(directory.trades.values())[3]
    page.goto(server.url(f"metiers/{trade.id}/index.html"))
    with page.expect_navigation():
        page.click("main a:has-text('Déposer un besoin')")
    assert page.input_value("#demande-metier") == trade.id


def test_empty_form_lists_every_missing_answer(page, server):
    """RGAA 11.10: the summary gets the focus and links to each field; fields say why."""
    page.goto(server.url(PAGE))
    page.click(SUBMIT)
    summary = page.locator("#demande-erreurs")
    assert page.evaluate("document.activeElement.id") == "demande-erreurs"
    assert summary.locator("a").count() == len(REQUIRED)
    assert page.title().startswith("Erreur\u00a0: ")
    for name in ("description", "email"):
        control = page.locator(f"#demande-{name}")
        assert control.get_attribute("aria-invalid") == "true"
        assert f"demande-{name}-erreur" in control.get_attribute("aria-describedby")
        assert page.is_visible(f"#demande-{name}-erreur")
    assert page.get_attribute("#demande-lieu", "aria-describedby").endswith("demande-lieu-erreur")
    assert page.get_attribute("#demande-lieu-site", "aria-invalid") == "true"
    assert page.get_attribute("#demande-volume", "aria-invalid") is None
    summary.locator("a", has_text="adresse électronique").click()
    assert page.evaluate("document.activeElement.id") == "demande-email"


def _fill(page, email="jeanne.martin@acme.fr", phone=""):
    page.select_option("#demande-metier", "manutention")
    page.fill("#demande-description", "Déménager vingt bureaux\nau 3e étage")
    page.fill("#demande-commune", "Marseille")
    page.check("#demande-lieu-site")
    page.fill("#demande-volume", "Une fois")
    page.fill("#demande-entreprise", "Martin & Fils")
    page.fill("#demande-nom", "Jeanne Martin")
    page.fill("#demande-email", email)
    page.fill("#demande-telephone", phone)


def test_wrong_email_and_phone_are_explained(page, server):
    page.goto(server.url(PAGE))
    _fill(page, email="jeanne.martin", phone="12")
    page.click(SUBMIT)
    assert page.locator("#demande-erreurs a").count() == 2
    assert "nom@entreprise.fr" in page.text_content("#demande-email-erreur")
    assert "04 91 00 00 00" in page.text_content("#demande-telephone-erreur")
    assert page.is_hidden("[data-request-done]")


def test_valid_answers_prepare_the_email(page, server, directory):
    """The script composes subject and body, opens them and shows them to copy."""
    page.goto(server.url(f"{PAGE}?etablissement={directory.establishments[0].id}"))
    _fill(page, phone="04 91 00 00 00")
    page.click(SUBMIT)
    done = page.locator("[data-request-done]")
    done.wait_for()
    assert page.evaluate("document.activeElement.id") == "demande-pret"
    assert not page.title().startswith("Erreur")
    url = urlsplit(page.get_attribute("[data-request-mailto]", "href"))
    assert url.scheme == "mailto" and unquote(url.path) == EMAIL
    query = parse_qs(url.query)
    assert query["subject"] == ["Demande de devis : Manutention, Marseille – Martin & Fils"]
    body = query["body"][0]
    for line in (
        "Métier ou prestation : Manutention (filière Conditionnement, logistique et transport)",
        f"Établissement souhaité : {directory.establishments[0].nom}",
        "Déménager vingt bureaux\nau 3e étage",
        "Lieu de réalisation : sur notre site",
        "Volume ou fréquence : Une fois",
        "Début souhaité : non précisé",
        "Entreprise : Martin & Fils",
        "Courriel : jeanne.martin@acme.fr",
        "Téléphone : 04 91 00 00 00",
    ):
        assert line in body.replace("\r\n", "\n")
    assert "Objet : Demande de devis" in page.input_value("#demande-message")


@pytest.mark.parametrize("state", ["vide", "erreurs", "prerempli", "pret"])
def test_axe_finds_no_violation_in_each_state(page, server, directory, state):
    query = f"?metier={next(iter(directory.trades))}" if state == "prerempli" else ""
    page.goto(server.url(PAGE + query))
    if state == "erreurs":
        page.click(SUBMIT)
    if state == "pret":
        _fill(page)
        page.click(SUBMIT)
        page.locator("[data-request-done]").wait_for()
    assert axe_violations(page, server) == []


def test_without_javascript_the_form_still_leads_somewhere(browser, server):
    """No script: the form is posted to a mailto: address; the plain address is beside it."""
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    try:
        page = context.new_page()
        page.goto(server.url(PAGE))
        form = page.locator("form[data-module=request-form]")
        assert form.is_visible()
        assert form.get_attribute("action").startswith(f"mailto:{EMAIL}")
        assert form.get_attribute("enctype") == "text/plain"
        fallback = page.locator("aside a[href^='mailto:']")
        assert fallback.get_attribute("href") == f"mailto:{EMAIL}?subject=Demande%20de%20devis"
        assert page.is_visible("text=en précisant")
        assert page.is_hidden("[data-request-done]")
    finally:
        context.close()


def test_a_chosen_chrs_is_said_not_to_reduce_the_contribution(site, page, server, directory):
    """L5212-10-1: without script, the field's hint and the CHRS's option say it; with the
    script, the full notice appears when the chosen establishment is a CHRS, and only then."""
    chrs = [e for e in directory.establishments if e.type == "CHRS"]
    assert chrs, "the real data has CHRS: the form is tested on them"
    html = (site / PAGE).read_text(encoding="utf-8")
    assert "Vos achats auprès d’un CHRS, eux, ne réduisent pas votre contribution OETH" in html
    for establishment in directory.establishments:
        marked = f'value="{establishment.id}" data-deductible="false">' in html
        assert marked is (not establishment.deductible), establishment.id
    notice = "#demande-non-deductible"
    page.goto(server.url(f"{PAGE}?etablissement={chrs[0].id}"))
    assert page.is_visible(notice)
    assert "L5212-10-1" in page.text_content(notice)
    esat = next(e for e in directory.establishments if e.type == "ESAT")
    page.select_option("#demande-etablissement", esat.id)
    assert page.is_hidden(notice)
    page.select_option("#demande-etablissement", chrs[-1].id)
    assert page.is_visible(notice)
    page.goto(server.url(f"{PAGE}?etablissement={esat.id}"))
    assert page.is_hidden(notice)


def test_the_top_says_how_the_form_works_and_when_coopsoc_answers(site):
    """The first lines name the e-mail the form prepares and the answer delay (a setting)."""
    page = read_page(site / PAGE)
    how = " ".join(page.one(".cs-request-form__how").text.split())
    assert how.startswith("Ce formulaire prépare un courriel à COOPSOC, que vous envoyez")
    delay = typeset_text(" ".join(read_settings_delay().split()))
    assert f"vous répondons sous {delay}" in how
    html = (site / PAGE).read_text(encoding="utf-8")
    assert "Joignez-les au courriel que prépare le formulaire" in html
    assert "Copier le message" in html


def read_settings_delay() -> str:
    """The answer delay of the development settings."""
    return read_settings(str(ROOT / "pelicanconf.py"))["COOPSOC"]["delai_reponse"]


def test_the_prepared_message_can_be_copied(browser, server):
    """« Copier le message » appears with the message, and puts it on the clipboard."""
    context = browser.new_context(locale="fr-FR")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.origin)
    try:
        page = context.new_page()
        page.goto(server.url(PAGE))
        _fill(page)
        page.click(SUBMIT)
        button = page.locator("[data-request-copy]")
        button.wait_for()
        button.click()
        page.wait_for_function("document.querySelector('[data-request-copied]').textContent !== ''")
        assert page.text_content("[data-request-copied]") == "Message copié."
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == page.input_value("#demande-message")
        assert copied.startswith("Objet : Demande de devis")
    finally:
        context.close()
