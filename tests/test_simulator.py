"""The contribution simulator: the Python reference, the browser's script, the page."""

import json
from decimal import Decimal

import pytest

from plugins.buyertools.oeth import estimate, simulate
from plugins.coopsoc.oeth.rules import RulesError, load_rules
from tests.conftest import NODE_MODULES
from tests.harness.browser import run_axe
from tests.harness.build import ROOT
from tests.oeth_cases import ASSUMED_SHARES, CASES, ESTIMATE_CASES, SMIC_CENTS

PAGE = "obligation-d-emploi/simulateur/index.html"
SCRIPT = "obligation-d-emploi/simulateur/regles-oeth.js"
LOCALE = json.loads((NODE_MODULES / "axe-core/locales/fr.json").read_text(encoding="utf-8"))
CASE_IDS = [case[0] for case in CASES]
ESTIMATE_IDS = [case[0] for case in ESTIMATE_CASES]


def axe_violations(page, server) -> list:
    return run_axe(page, server.url("__outils__/"), LOCALE)


@pytest.fixture(scope="module")
def rules():
    return load_rules(ROOT / "data/oeth.yaml")


def test_case_table_uses_the_smic_of_the_data(rules):
    """The hand-computed table assumes the data's SMIC: recompute it when the SMIC changes."""
    assert rules.smic_cents == SMIC_CENTS


def test_case_table_covers_every_band_and_cap(rules):
    """At least ten cases: each band, each cap reached, under 20, no purchase, no one missing."""
    simulations = [simulate(rules, **inputs) for _id, _rule, inputs, _expected in CASES]
    assert len(CASES) >= 10
    assert {s.tranche.heures_smic for s in simulations if s.tranche} == {400, 500, 600}
    reached = {s.plafond_taux for s in simulations if s.deduction_calculee > s.plafond > 0}
    assert reached == {50, 75}
    assert any(not s.assujetti for s in simulations)
    assert any(s.achats_cents == 0 and s.assujetti for s in simulations)
    assert any(s.beneficiaires > s.obligation > 0 for s in simulations)


def test_case_table_covers_the_five_years_the_warning_and_the_chrs(rules):
    """Five-year rule below, at and assumed; the warning shown and not; a CHRS supplier."""
    simulations = [simulate(rules, **inputs) for _id, _rule, inputs, _expected in CASES]
    years = {s.annees_20 for s in simulations if not s.sous_seuil}
    assert {None, rules.annees_consecutives} <= years
    assert any(y is not None and y < rules.annees_consecutives for y in years)
    assert any(s.surcontribution for s in simulations)
    assert any(s.beneficiaires == 0 and s.assujetti and not s.surcontribution for s in simulations)
    assert any(s.fournisseur == "chrs" and s.main_oeuvre > 0 for s in simulations)
    assert any(s.achats_cents > 0 and s.part_bp == 0 and s.assujetti for s in simulations)


def test_below_five_years_every_amount_is_zero(rules):
    """L5212-1 with L130-1 CSS: at 20 or more for fewer than five years, nothing is owed."""
    for years in range(1, rules.annees_consecutives):
        s = simulate(rules, 400, 0, 100000, 80, annees_20=years)
        assert not s.assujetti and set(s.amounts().values()) == {0}
        assert s.surcontribution is None and s.notices() == ["moins-de-cinq-ans"]
    given = simulate(rules, 400, 0, 100000, 80, annees_20=rules.annees_consecutives)
    assumed = simulate(rules, 400, 0, 100000, 80)
    assert given.amounts() == assumed.amounts() and given.contribution_brute > 0
    assert assumed.notices() == ["annees-supposees"] and given.notices() == []


def test_chrs_purchases_deduct_nothing(rules):
    """L5212-10-1 lists EA, ESAT, TIH and portage, not CHRS: the same purchases deduct 0."""
    esat = simulate(rules, 120, 3, 25000, 60, fournisseur="esat-ea")
    chrs = simulate(rules, 120, 3, 25000, 60, fournisseur="chrs")
    assert esat.deduction > 0 and chrs.deduction == chrs.deduction_calculee == 0
    assert chrs.reste_a_payer == chrs.contribution_brute == esat.contribution_brute


@pytest.mark.parametrize(("case_id", "rule", "inputs", "expected"), CASES, ids=CASE_IDS)
def test_python_reference_matches_the_table(rules, case_id, rule, inputs, expected):
    """plugins/buyertools/oeth.py gives the hand-computed figures."""
    assert simulate(rules, **inputs).data_values() == expected


def test_obligation_is_rounded_down(rules):
    """Art. D5212-2: 6 % of the workforce « arrondi à l'entier inférieur »."""
    assert [simulate(rules, n, 0, 0, 0).obligation for n in (20, 33, 34, 99, 100)] == [
        1,
        1,
        2,
        5,
        6,
    ]


@pytest.mark.parametrize(
    ("inputs", "message"),
    [
        ((0, 0, 0, 0), "l'effectif doit être compris entre 1"),
        ((10, 11, 0, 0), "ne peut pas dépasser l'effectif"),
        ((100, 0, "abc", 0), "nombre avec deux décimales au plus attendu"),
        ((100, 0, 1000, "100,5"), "entre 0 et 100"),
        ((100, "2,5", 0, 0), "nombre entier attendu"),
        ((100, 0, 0, 0, "deux"), "nombre entier attendu"),
        ((100, 0, 0, 0, 0), "1 année au moins"),
        ((100, 0, 0, 0, 1000), "au plus 999"),
        ((100, 0, 0, 0, None, "cat"), "fournisseur attendu parmi esat-ea, chrs"),
    ],
)
def test_simulate_rejects_wrong_inputs(rules, inputs, message):
    with pytest.raises(ValueError, match=message):
        simulate(rules, *inputs)


def test_rules_name_their_sources_and_date(rules):
    """Every rule cites known sources with an https address; the SMIC has its text and date."""
    keys = rules.obligation_sources + rules.contribution_sources + rules.deduction_sources
    assert set(keys) <= set(rules.sources)
    assert {"L5212-1", "D5212-2", "D5212-20", "D5212-22"} <= set(keys)
    assert {"L5212-1", "L130-1-CSS"} == set(rules.annees_sources)
    assert rules.sans_action_sources == ("D5212-21",)
    assert all(source.url.startswith("https://") for source in rules.sources.values())
    # Each source is one article or one text on Légifrance, never a whole code or a home page:
    # the article's own address, or Légifrance's search for it by number.
    for source in rules.sources.values():
        url = source.url
        assert url.startswith("https://www.legifrance.gouv.fr/"), source.key
        by_id = url.startswith("https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI")
        by_search = "/search/" in url and "query=" in url
        assert by_id or by_search, source.key
    assert rules.smic_depuis.year <= rules.annee_obligation
    assert rules.smic_source in rules.sources
    assert rules.smic_depuis <= rules.verifie_le


def test_wrong_rules_file_lists_every_problem(tmp_path):
    """A broken data/oeth.yaml fails the build with every problem named, in French."""
    text = (ROOT / "data/oeth.yaml").read_text(encoding="utf-8")
    broken = (
        text.replace("montant: 12.02", "montant: douze")
        .replace("taux: 6", "taux: six")
        .replace("sources: [D5212-20]", "sources: [D9999]")
    )
    path = tmp_path / "oeth.yaml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(RulesError) as error:
        load_rules(path)
    message = str(error.value)
    assert "3 erreurs dans les règles de l'obligation d'emploi (OETH) :" in message
    assert "smic_horaire.montant" in message
    assert "obligation.taux" in message
    assert "source « D9999 » inconnue" in message
    # Each problem names the file, the line and the field, as the directory's do.
    assert "/oeth.yaml, ligne 21, champ « smic_horaire.montant » : " in message
    assert "/oeth.yaml, ligne 39, champ « obligation.taux » : " in message
    assert "/oeth.yaml, ligne 62, champ « contribution.sources » : source « D9999 »" in message


def test_browser_reads_the_rules_of_the_data_file(site, rules):
    """The script the simulator loads is data/oeth.yaml, as the build read it."""
    text = (site / SCRIPT).read_text(encoding="utf-8")
    prefix = "window.CoopsocOeth = "
    body = text[text.index(prefix) + len(prefix) :].strip().removesuffix(";")
    assert json.loads(body) == rules.for_browser()
    html = (site / PAGE).read_text(encoding="utf-8")
    assert '<script defer src="../../obligation-d-emploi/simulateur/regles-oeth.js">' in html


def _number(text: str) -> Decimal:
    """Read a figure as the page writes it: « 19 232,00 € » → 19232.00."""
    return Decimal(text.replace("\u202f", "").replace("\u00a0€", "").replace(",", "."))


def _results(page) -> dict:
    """The data-value of each result, and « avis »: the statements shown, in page order."""
    page.wait_for_selector("[data-results]:not([hidden])")
    values = page.eval_on_selector_all(
        "[data-results] [data-result]",
        "cells => Object.fromEntries(cells.map(c => [c.dataset.result, c.dataset.value]))",
    )
    notices = page.eval_on_selector_all(
        "[data-results] [data-notice]:not([hidden])", "notes => notes.map(n => n.dataset.notice)"
    )
    return values | {"avis": " ".join(notices)}


def _query(inputs: dict) -> str:
    return "&".join(f"{k}={v.replace(' ', '+')}" for k, v in inputs.items())


@pytest.mark.parametrize(("case_id", "rule", "inputs", "expected"), CASES, ids=CASE_IDS)
def test_browser_matches_the_table(page, server, case_id, rule, inputs, expected):
    """The script, given the case in the address, shows the same figures on load."""
    page.goto(server.url(f"{PAGE}?{_query(inputs)}"))
    values = _results(page)
    assert {k: values[k] for k in expected} == expected
    # The warning is on screen exactly when it has an amount.
    warning = '[data-result="alerte-surcontribution"]'
    assert page.is_visible(warning) == bool(expected["alerte-surcontribution"])
    # The inputs are prefilled from the address.
    assert page.input_value("#simulateur-effectif") == inputs["effectif"]
    assert page.input_value("#simulateur-annees") == inputs.get("annees_20", "")
    supplier = inputs.get("fournisseur", "esat-ea")
    assert page.is_checked(f"#simulateur-fournisseur-{supplier}")


def test_results_name_their_rules(page, server):
    """Each figure comes with the rule it follows, rounding and article included."""
    page.goto(
        server.url(f"{PAGE}?effectif=120&beneficiaires=3&achats_ht=25000&part_main_oeuvre=60")
    )
    _results(page)
    rule = page.text_content('[data-rule="obligation"]')
    assert "7,2" in rule and "arrondi à l’entier inférieur" in rule and "D5212-2" in rule
    assert "400 × SMIC horaire de 12,02" in page.text_content('[data-rule="contribution-brute"]')
    assert "moins de 3" in page.text_content('[data-rule="plafond"]')
    assert "4\u202f500,00\u00a0€" in page.text_content("[data-result-summary]")


def test_under_20_employees_says_there_is_no_obligation(page, server):
    page.goto(server.url(f"{PAGE}?effectif=12&beneficiaires=0&achats_ht=5000&part_main_oeuvre=50"))
    _results(page)
    assert "pas d’obligation d’emploi" in page.text_content("[data-result-summary]")
    assert "Moins de 20 salariés" in page.text_content('[data-rule="obligation"]')


def test_submitting_shows_results_and_keeps_them_in_the_address(page, server):
    page.goto(server.url(PAGE))
    assert page.is_hidden("[data-results]")
    page.fill("#simulateur-effectif", "250")
    page.fill("#simulateur-beneficiaires", "5")
    page.fill("#simulateur-achats", "20 000")
    page.fill("#simulateur-part", "50")
    page.click("button:has-text('Calculer')")
    assert _results(page)["reste-a-payer"] == "57100.00"
    assert page.evaluate("document.activeElement.id") == "resultats-titre"
    assert "effectif=250" in page.url and "achats_ht=20+000" in page.url


def test_wrong_inputs_are_explained(page, server):
    """Messages in French next to each field, in a focused summary, with aria-invalid."""
    page.goto(server.url(PAGE))
    page.fill("#simulateur-effectif", "douze")
    page.fill("#simulateur-beneficiaires", "")
    page.fill("#simulateur-achats", "1000")
    page.fill("#simulateur-part", "120")
    page.click("button:has-text('Calculer')")
    assert page.evaluate("document.activeElement.id") == "simulateur-erreurs"
    links = page.locator("#simulateur-erreurs a")
    assert links.count() == 3
    assert page.get_attribute("#simulateur-effectif", "aria-invalid") == "true"
    assert "simulateur-effectif-erreur" in page.get_attribute(
        "#simulateur-effectif", "aria-describedby"
    )
    assert "nombre entier" in page.text_content("#simulateur-effectif-erreur")
    assert "entre 0 et 100" in page.text_content("#simulateur-part-erreur")
    assert page.get_attribute("#simulateur-achats", "aria-invalid") is None
    assert page.title().startswith("Erreur\u00a0: ")
    links.first.click()
    assert page.evaluate("document.activeElement.id") == "simulateur-effectif"
    assert page.is_hidden("[data-results]")


@pytest.mark.parametrize(
    "query",
    ["", "?effectif=120&beneficiaires=3&achats_ht=25000&part_main_oeuvre=60", "?effectif=x"],
    ids=["vide", "resultats", "erreurs"],
)
def test_axe_finds_no_violation_in_each_state(page, server, query):
    page.goto(server.url(PAGE + query))
    page.wait_for_selector("#simulateur:not([hidden])")
    assert axe_violations(page, server) == []


def test_without_javascript_the_method_and_example_remain(browser, server, rules):
    """No script: no form that cannot compute, but the formula and a worked example."""
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    try:
        page = context.new_page()
        page.goto(server.url(f"{PAGE}?effectif=10"))
        assert page.is_hidden("#simulateur")
        # Playwright's text selectors skip <noscript>: address its paragraph directly.
        assert page.is_visible("noscript p")
        assert "a besoin de JavaScript" in page.text_content("noscript p")
        method = page.text_content("#methode + ol")
        # The quotation of D5212-2 is a q element: CSS draws its quotation marks (RGAA 9.4).
        assert page.text_content("#methode + ol q") == "arrondi à l’entier inférieur"
        assert "5 années civiles consécutives" in method and "L130-1" in method
        example = simulate(rules, **rules.exemple)
        shown = page.eval_on_selector_all(
            "[data-example]", "cells => cells.map(c => [c.dataset.example, c.textContent])"
        )
        figures = {k: str(_number(v)) for k, v in shown}
        table = example.data_values()
        # The example shows neither the warning nor a statement: it is the plain case.
        assert (table.pop("alerte-surcontribution"), table.pop("avis")) == ("", "annees-supposees")
        assert figures == table
        assert page.is_visible("text=Simulation indicative")
        intro = page.text_content("#exemple + p")
        assert f"Année d’obligation {rules.annee_obligation}, SMIC horaire de 12,02" in intro
        assert "depuis au moins 5 années civiles consécutives" in intro
    finally:
        context.close()


def _simulate_in_browser(page, server, **inputs) -> dict:
    """Open the simulator with these GET parameters and return its results."""
    page.goto(server.url(f"{PAGE}?{_query(inputs)}"))
    return _results(page)


def test_result_states_the_year_the_smic_and_the_assumption(page, server, rules):
    """The obligation year and its SMIC are stated; without annees_20, five years assumed."""
    _simulate_in_browser(
        page, server, effectif="120", beneficiaires="3", achats_ht="25000", part_main_oeuvre="60"
    )
    notes = page.text_content(".cs-simulator__notes")
    assert f"Année d’obligation simulée\u00a0: {rules.annee_obligation}" in notes
    assert "12,02\u00a0€" in notes
    assumed = page.text_content('[data-notice="annees-supposees"]')
    assert "suppose 5 années civiles consécutives ou plus" in assumed
    assert "L5212-1" in assumed and "L130-1" in assumed
    assert "ne calcule pas les autres réductions" in notes and "ECAP" in notes


def test_fewer_than_five_years_says_why_nothing_is_owed(page, server):
    values = _simulate_in_browser(
        page,
        server,
        effectif="120",
        beneficiaires="3",
        annees_20="4",
        achats_ht="25000",
        part_main_oeuvre="60",
    )
    assert values["reste-a-payer"] == "0.00"
    summary = page.text_content("[data-result-summary]")
    assert "depuis 4 années civiles consécutives seulement" in summary
    assert "après 5 années civiles consécutives" in summary and "L5212-1" in summary
    assert page.is_hidden('[data-notice="annees-supposees"]')


def test_surcontribution_warning_gives_its_amount(page, server):
    """D5212-21: no beneficiary, little labour bought: the 1 500 × SMIC amount, in French."""
    _simulate_in_browser(
        page,
        server,
        effectif="200",
        beneficiaires="0",
        annees_20="6",
        achats_ht="10000",
        part_main_oeuvre="50",
    )
    warning = page.text_content('[data-result="alerte-surcontribution"]')
    assert "216\u202f360,00\u00a0€ au lieu de 57\u202f696,00\u00a0€" in warning
    assert "plus de trois ans" in warning and "sur quatre ans" in warning
    assert "600 fois le SMIC horaire (7\u202f212,00\u00a0€)" in warning


def test_chrs_purchases_are_explained(page, server):
    _simulate_in_browser(
        page,
        server,
        effectif="120",
        beneficiaires="3",
        achats_ht="25000",
        part_main_oeuvre="60",
        fournisseur="chrs",
    )
    summary = page.text_content("[data-result-summary]")
    assert summary.startswith("Les achats à un CHRS ne réduisent pas la contribution")
    assert "la réduire de 9\u202f616,00\u00a0€ au plus" in summary
    assert "CHRS" in page.text_content('[data-rule="deduction-calculee"]')
    assert page.is_visible('[data-notice="chrs"]')


def test_headline_says_at_most_and_tells_no_purchase_from_no_labour(page, server):
    """« de X € au plus », never « jusqu’à »; a 0 % labour share is not « sans achats »."""
    _simulate_in_browser(
        page, server, effectif="50", beneficiaires="0", achats_ht="30000", part_main_oeuvre="0"
    )
    summary = page.text_content("[data-result-summary]")
    assert summary.startswith("Sans main-d’œuvre comprise dans vos achats")
    assert "la réduire de 7\u202f212,00\u00a0€ au plus" in summary
    _simulate_in_browser(
        page, server, effectif="50", beneficiaires="0", achats_ht="0", part_main_oeuvre="0"
    )
    summary = page.text_content("[data-result-summary]")
    assert summary.startswith("Sans achats au secteur protégé et adapté")
    assert "jusqu’à" not in page.text_content("main")


def test_supplier_and_years_questions_are_accessible(page, server):
    """Radio buttons in a fieldset with a legend and a hint that states the CHRS rule."""
    page.goto(server.url(PAGE))
    group = page.locator("fieldset#simulateur-fournisseur")
    assert "Auprès de qui" in group.locator("legend").text_content()
    assert group.get_attribute("aria-describedby") == "simulateur-fournisseur-aide"
    assert "L5212-10-1" in page.text_content("#simulateur-fournisseur-aide")
    assert page.is_checked("#simulateur-fournisseur-esat-ea")
    assert page.locator('label[for="simulateur-fournisseur-chrs"]').count() == 1
    assert page.get_attribute("#simulateur-annees", "aria-describedby") == "simulateur-annees-aide"


def test_wrong_years_and_supplier_are_explained(page, server):
    inputs = dict(effectif="120", beneficiaires="3", annees_20="0", achats_ht="0")
    page.goto(server.url(f"{PAGE}?{_query(inputs | dict(part_main_oeuvre='0', fournisseur='x'))}"))
    page.wait_for_selector("#simulateur-erreurs:not([hidden])")
    assert "au moins 1" in page.text_content("#simulateur-annees-erreur")
    assert "auprès de qui" in page.text_content("#simulateur-fournisseur-erreur")
    assert page.is_hidden("[data-results]")


# « Je ne sais pas » for the labour share


def test_estimate_table_uses_the_shares_of_the_data(rules):
    """The hand-computed ranges assume the data's shares: recompute them when they change."""
    assert rules.part_supposee == ASSUMED_SHARES


@pytest.mark.parametrize(
    ("case_id", "rule", "inputs", "expected"), ESTIMATE_CASES, ids=ESTIMATE_IDS
)
def test_python_estimate_matches_the_table(rules, case_id, rule, inputs, expected):
    """plugins/buyertools/oeth.py gives the hand-computed ranges."""
    assert estimate(rules, **inputs).data_values() == expected


@pytest.mark.parametrize(
    ("case_id", "rule", "inputs", "expected"), ESTIMATE_CASES, ids=ESTIMATE_IDS
)
def test_browser_estimate_matches_the_table(page, server, case_id, rule, inputs, expected):
    """« Je ne sais pas » in the address: the script shows the same ranges on load."""
    page.goto(server.url(f"{PAGE}?{_query(inputs)}&part_inconnue=1"))
    values = _results(page)
    assert {k: values[k] for k in expected} == expected
    assert page.is_checked("#simulateur-part-inconnue")


def test_i_do_not_know_gives_a_labelled_range_and_explains_the_certificate(page, server):
    """Ticking « Je ne sais pas » needs no share, and says the range rests on assumptions."""
    page.goto(server.url(PAGE))
    page.fill("#simulateur-effectif", "120")
    page.fill("#simulateur-beneficiaires", "3")
    page.fill("#simulateur-achats", "25 000")
    page.check("#simulateur-part-inconnue")
    page.click("button:has-text('Calculer')")
    _results(page)
    assert "part_inconnue=1" in page.url
    deduction = page.text_content('[data-result="deduction"]')
    assert deduction == "de 2\u202f250,00\u00a0€ à 6\u202f000,00\u00a0€"
    assert "hypothèses" in page.text_content('[data-rule="main-oeuvre"]')
    summary = page.text_content("[data-result-summary]")
    assert (
        "une hypothèse" in summary and "de 2\u202f250,00\u00a0€ à 6\u202f000,00\u00a0€" in summary
    )
    note = page.text_content('[data-notice="part-supposee"]')
    assert "deux hypothèses de COOPSOC, et non des règles" in note
    assert "arrêté du 19 novembre 2020" in note and "montant 3" in note
    assert axe_violations(page, server) == []


def test_the_share_is_asked_for_unless_unknown(page, server):
    page.goto(server.url(f"{PAGE}?effectif=120&beneficiaires=3&achats_ht=25000"))
    page.wait_for_selector("#simulateur-part-erreur:not([hidden])")
    assert "ou cochez" in page.text_content("#simulateur-part-erreur")


@pytest.mark.parametrize("viewport", [(1350, 940), (412, 823)], ids=["bureau", "mobile"])
def test_results_typed_in_the_address_appear_without_moving_the_page(page, server, viewport):
    """Nothing the script draws moves what is already shown (Lighthouse's layout shift):
    the form and the results' room are laid out before the script runs (simulator-early.js).
    Web fonts are left out: their swap is the browser's own."""
    width, height = viewport
    page.set_viewport_size({"width": width, "height": height})
    page.route("**/*.woff2", lambda route: route.abort())
    page.add_init_script(
        """window.coopsocShifts = [];
        new PerformanceObserver(list => {
            for (const entry of list.getEntries()) window.coopsocShifts.push(entry.value);
        }).observe({type: 'layout-shift', buffered: true});"""
    )
    page.goto(
        server.url(f"{PAGE}?effectif=120&beneficiaires=3&achats_ht=25000&part_main_oeuvre=60")
    )
    page.wait_for_selector("[data-results]:not([hidden])")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.coopsocShifts") == []
