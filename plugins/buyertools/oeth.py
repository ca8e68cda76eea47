"""The employment obligation's contribution (OETH), as the simulator computes it.

The reference implementation: the browser's simulator (theme/static/js/simulator.js)
follows the same steps on the same data/oeth.yaml (read and checked by the core, in
plugins/coopsoc/oeth/rules.py), and tests/oeth_cases.py holds the table both are checked
against. Amounts are whole cents and rates whole percents or basis points, so that
Python and JavaScript round the same way (half up, at each step the page shows).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from plugins.coopsoc.oeth.model import MAX_AMOUNT_CENTS, MAX_EMPLOYEES, MAX_YEARS, Band, Rules
from plugins.coopsoc.text import NARROW_NBSP, NBSP

# Who the purchases are from: EA, ESAT, TIH or portage company (art. L5212-10-1), or a
# CHRS, which that article does not list: work bought from a CHRS deducts nothing.
SUPPLIERS = ("esat-ea", "chrs")
DEDUCTIBLE_SUPPLIERS = ("esat-ea",)
_DECIMAL = re.compile(r"\d+(?:[.,]\d{1,2})?\Z")
_INTEGER = re.compile(r"\d+\Z")
_SPACES = re.compile(rf"[\s{NBSP}{NARROW_NBSP}]+")


def _round_div(numerator: int, denominator: int) -> int:
    """Divide non-negative integers, rounding half up (as the page and the script do)."""
    return (2 * numerator + denominator) // (2 * denominator)


def parse_count(value) -> int:
    """Read a whole number of people (« 120 »)."""
    text = _SPACES.sub("", str(value))
    if not _INTEGER.match(text):
        raise ValueError(f"nombre entier attendu, trouvé « {value} »")
    return int(text)


def parse_hundredths(value) -> int:
    """Read a number with at most two decimals as hundredths (« 25 000,50 » → 2500050)."""
    text = _SPACES.sub("", str(value))
    if not _DECIMAL.match(text):
        raise ValueError(f"nombre avec deux décimales au plus attendu, trouvé « {value} »")
    return int(Decimal(text.replace(",", ".")) * 100)


def parse_years(value) -> int | None:
    """Read the number of consecutive years at 20 or more; None when not given."""
    if value is None or not _SPACES.sub("", str(value)):
        return None
    years = parse_count(value)
    if years > MAX_YEARS:
        raise ValueError(f"le nombre d'années doit être au plus {MAX_YEARS}")
    return years


def parse_supplier(value) -> str:
    """Read who the purchases are from; EA, ESAT, TIH or portage when not given."""
    text = "" if value is None else str(value).strip()
    if not text:
        return SUPPLIERS[0]
    if text not in SUPPLIERS:
        raise ValueError(f"fournisseur attendu parmi {', '.join(SUPPLIERS)}, trouvé « {value} »")
    return text


@dataclass(frozen=True)
class Simulation:
    """Every step of one simulation; amounts in cents, the part in basis points."""

    effectif: int
    beneficiaires: int
    achats_cents: int
    part_bp: int
    annees_20: int | None
    fournisseur: str
    sous_seuil: bool
    annees_suffisantes: bool
    assujetti: bool
    obligation: int
    manquants: int
    tranche: Band | None
    contribution_brute: int
    main_oeuvre: int
    deduction_calculee: int
    taux_emploi_direct_bp: int
    plafond_taux: int
    plafond: int
    deduction: int
    reste_a_payer: int
    surcontribution: int | None

    @property
    def deductible(self) -> bool:
        """Whether the supplier is one of art. L5212-10-1."""
        return self.fournisseur in DEDUCTIBLE_SUPPLIERS

    def notices(self) -> list[str]:
        """Return the statements the result adds, by name, in a fixed order."""
        shown = []
        if not self.sous_seuil and self.annees_20 is None:
            shown.append("annees-supposees")
        if not self.sous_seuil and not self.annees_suffisantes:
            shown.append("moins-de-cinq-ans")
        if not self.deductible:
            shown.append("chrs")
        return shown

    def amounts(self) -> dict[str, int]:
        """Return the amounts the page shows, in cents, by result name."""
        return {
            "contribution-brute": self.contribution_brute,
            "main-oeuvre": self.main_oeuvre,
            "deduction-calculee": self.deduction_calculee,
            "plafond": self.plafond,
            "deduction": self.deduction,
            "reste-a-payer": self.reste_a_payer,
        }

    def data_values(self) -> dict[str, str]:
        """Return the plain values the page shows in data-value attributes, and its notices.

        « alerte-surcontribution » is empty when the warning is not shown.
        """
        counts = {"obligation": str(self.obligation), "manquants": str(self.manquants)}
        warning = "" if self.surcontribution is None else euros_plain(self.surcontribution)
        return (
            counts
            | {key: euros_plain(c) for key, c in self.amounts().items()}
            | {"alerte-surcontribution": warning, "avis": " ".join(self.notices())}
        )


def euros_plain(cents: int) -> str:
    """Return an amount in cents as a plain decimal number of euros: « 19232.00 »."""
    return f"{cents // 100}.{cents % 100:02d}"


def simulate(
    rules: Rules,
    effectif,
    beneficiaires,
    achats_ht,
    part_main_oeuvre,
    annees_20=None,
    fournisseur=None,
) -> Simulation:
    """Compute the contribution and what purchases deduct from it, step by step."""
    effectif, beneficiaires = parse_count(effectif), parse_count(beneficiaires)
    achats, part = parse_hundredths(achats_ht), parse_hundredths(part_main_oeuvre)
    annees, supplier = parse_years(annees_20), parse_supplier(fournisseur)
    if not 1 <= effectif <= MAX_EMPLOYEES:
        raise ValueError(f"l'effectif doit être compris entre 1 et {MAX_EMPLOYEES}")
    if beneficiaires > effectif:
        raise ValueError("le nombre de bénéficiaires ne peut pas dépasser l'effectif")
    if achats > MAX_AMOUNT_CENTS:
        raise ValueError("le montant des achats doit être inférieur à 1 milliard d'euros")
    if part > 10_000:
        raise ValueError("la part de main-d'œuvre doit être comprise entre 0 et 100 %")
    sous_seuil = effectif < rules.seuil_effectif
    if annees == 0 and not sous_seuil:
        raise ValueError("avec au moins 20 salariés, l'année simulée compte : 1 année au moins")
    # Art. L5212-1 with L130-1 CSS: the threshold counts once reached for five consecutive
    # calendar years; not given, the simulator assumes it is (and says so).
    suffisantes = annees is None or annees >= rules.annees_consecutives
    assujetti = not sous_seuil and suffisantes
    # Art. D5212-2: 6 % of the workforce, « arrondi à l'entier inférieur ».
    obligation = effectif * rules.taux_obligation // 100 if assujetti else 0
    manquants = max(0, obligation - beneficiaires)
    tranche = None
    for band in rules.tranches:
        if effectif >= band.effectif_min:
            tranche = band
    brute = manquants * tranche.heures_smic * rules.smic_cents if tranche and assujetti else 0
    # Art. D5212-22: 30 % of the labour cost included in the price excluding VAT. Before
    # the fifth year there is nothing to reduce: every amount is 0.
    main_oeuvre = _round_div(achats * part, 10_000) if suffisantes or sous_seuil else 0
    deductible = supplier in DEDUCTIBLE_SUPPLIERS
    calculee = _round_div(main_oeuvre * rules.taux_deduction, 100) if deductible else 0
    # The cap depends on the direct employment rate: compare in integers, no rounding.
    plafond_taux = rules.plafonds[0].plafond
    for cap in rules.plafonds:
        if beneficiaires * 100 >= cap.taux_emploi_direct_min * effectif:
            plafond_taux = cap.plafond
    plafond = _round_div(brute * plafond_taux, 100)
    deduction = min(calculee, plafond)
    # Art. D5212-21: 1 500 × SMIC when, among other conditions, no beneficiary is employed
    # and the contracts' labour cost is not above 600 × SMIC. One year's purchases cannot
    # tell: warn when they do not rule it out.
    qualifying = main_oeuvre if deductible else 0
    threshold = rules.seuil_main_oeuvre_sans_action * rules.smic_cents
    surcontribution = (
        manquants * rules.heures_smic_sans_action * rules.smic_cents
        if assujetti and beneficiaires == 0 and manquants > 0 and qualifying <= threshold
        else None
    )
    return Simulation(
        effectif=effectif,
        beneficiaires=beneficiaires,
        achats_cents=achats,
        part_bp=part,
        annees_20=annees,
        fournisseur=supplier,
        sous_seuil=sous_seuil,
        annees_suffisantes=suffisantes,
        assujetti=assujetti,
        obligation=obligation,
        manquants=manquants,
        tranche=tranche if assujetti else None,
        contribution_brute=brute,
        main_oeuvre=main_oeuvre,
        deduction_calculee=calculee,
        taux_emploi_direct_bp=_round_div(beneficiaires * 10_000, effectif),
        plafond_taux=plafond_taux,
        plafond=plafond,
        deduction=deduction,
        reste_a_payer=brute - deduction,
        surcontribution=surcontribution,
    )


@dataclass(frozen=True)
class Estimate:
    """A simulation for a buyer who does not know the labour share: the same inputs at the
    low and the high share of Rules.part_supposee, each figure a range when they differ."""

    basse: Simulation
    haute: Simulation

    def notices(self) -> list[str]:
        """Return the statements of the low simulation, then that the share is assumed."""
        return [*self.basse.notices(), "part-supposee"]

    def data_values(self) -> dict[str, str]:
        """Return the page's data-value of each figure: « low..high » when they differ.

        The warning of D5212-21 is the low share's: the one a higher share might rule out.
        """
        low, high = self.basse.data_values(), self.haute.data_values()
        values = {
            key: low[key] if low[key] == high[key] else f"{low[key]}..{high[key]}" for key in low
        }
        values["alerte-surcontribution"] = low["alerte-surcontribution"]
        values["avis"] = " ".join(self.notices())
        return values


def estimate(rules: Rules, effectif, beneficiaires, achats_ht, annees_20=None, fournisseur=None):
    """Simulate without the labour share, over the two shares the rules assume."""
    low, high = rules.part_supposee
    inputs = dict(annees_20=annees_20, fournisseur=fournisseur)
    return Estimate(
        simulate(rules, effectif, beneficiaires, achats_ht, low, **inputs),
        simulate(rules, effectif, beneficiaires, achats_ht, high, **inputs),
    )
