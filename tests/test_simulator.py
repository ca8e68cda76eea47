"""The contribution simulator: the Python reference, the browser's script, the page."""

import json
from decimal import Decimal

import pytest

from plugins.buyertools.oeth import RulesError, load_rules, simulate
from tests.conftest import NODE_MODULES
from tests.harness.browser import run_axe
from tests.harness.build import ROOT
from tests.oeth_cases import CASES, SMIC_CENTS

PAGE = "obligation-d-emploi/simulateur/index.html"
SCRIPT = "obligation-d-emploi/simulateur/regles-oeth.js"
LOCALE = json.loads((NODE_MODULES / "axe-core/locales/fr.json").read_text(encoding="utf-8"))
CASE_IDS = [case[0] for case in CASES]


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
    ],
)
def test_simulate_rejects_wrong_inputs(rules, inputs, message):
    with pytest.raises(ValueError, match=message):
        simulate(rules, *inputs)


def test_rules_name_their_sources_and_date(rules):
    """Every rule cites known sources with an https address; the SMIC has its text and date."""
    keys = rules.obligation_sources + rules.contribution_sources + rules.deduction_sources
    assert set(keys) <= set(rules.sources)
    assert {"D5212-2", "D5212-20", "D5212-22"} <= set(keys)
    assert all(source.url.startswith("https://") for source in rules.sources.values())
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
    assert "3 problème(s)" in message
    assert "smic_horaire.montant" in message
    assert "obligation.taux" in message
    assert "source « D9999 » inconnue" in message


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
    page.wait_for_selector("[data-results]:not([hidden])")
    return page.eval_on_selector_all(
        "[data-results] [data-result]",
        "cells => Object.fromEntries(cells.map(c => [c.dataset.result, c.dataset.value]))",
    )


@pytest.mark.parametrize(("case_id", "rule", "inputs", "expected"), CASES, ids=CASE_IDS)
def test_browser_matches_the_table(page, server, case_id, rule, inputs, expected):
    """The script, given the case in the address, shows the same figures on load."""
    query = "&".join(f"{k}={v.replace(' ', '+')}" for k, v in inputs.items())
    page.goto(server.url(f"{PAGE}?{query}"))
    values = _results(page)
    assert {k: values[k] for k in expected} == expected
    # The inputs are prefilled from the address.
    assert page.input_value("#simulateur-effectif") == inputs["effectif"]


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
        assert "«\u00a0arrondi à l’entier inférieur\u00a0»" in page.text_content("#methode + ol")
        example = simulate(rules, **rules.exemple)
        shown = page.eval_on_selector_all(
            "[data-example]", "cells => cells.map(c => [c.dataset.example, c.textContent])"
        )
        figures = {k: str(_number(v)) for k, v in shown}
        assert figures == example.data_values()
        assert page.is_visible("text=Simulation indicative")
    finally:
        context.close()
