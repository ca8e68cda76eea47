"""The employment obligation's contribution (OETH), as the simulator computes it.

The reference implementation: the browser's simulator (theme/static/js/simulator.js)
follows the same steps on the same data/oeth.yaml, and tests/oeth_cases.py holds the
table both are checked against. Amounts are whole cents and rates whole percents or
basis points, so that Python and JavaScript round the same way (half up, at each step
the page shows).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

import yaml

# Inputs are capped so that every product stays exact in a JavaScript number.
MAX_AMOUNT_CENTS = 100_000_000_000  # 1 000 000 000 €
MAX_EMPLOYEES = 10_000_000
MAX_YEARS = 999
# Who the purchases are from: EA, ESAT, TIH or portage company (art. L5212-10-1), or a
# CHRS, which that article does not list: work bought from a CHRS deducts nothing.
SUPPLIERS = ("esat-ea", "chrs")
DEDUCTIBLE_SUPPLIERS = ("esat-ea",)
_DECIMAL = re.compile(r"\d+(?:[.,]\d{1,2})?\Z")
_INTEGER = re.compile(r"\d+\Z")
_SPACES = re.compile(r"[\s\u00a0\u202f]+")


class RulesError(Exception):
    """data/oeth.yaml is missing or wrong; the message lists every problem in French."""


@dataclass(frozen=True)
class Source:
    """A text a rule comes from: its title and address."""

    key: str
    titre: str
    url: str


@dataclass(frozen=True)
class Band:
    """A workforce band of the gross contribution (art. D5212-20)."""

    effectif_min: int
    heures_smic: int
    libelle: str


@dataclass(frozen=True)
class Cap:
    """A cap of the deduction, by direct employment rate (art. D5212-22)."""

    taux_emploi_direct_min: int
    plafond: int


@dataclass(frozen=True)
class Rules:
    """The rules of data/oeth.yaml, checked; amounts in cents."""

    verifie_le: date
    annee_obligation: int
    smic_cents: int
    smic_depuis: date
    smic_source: str
    smic_remarque: str
    seuil_effectif: int
    annees_consecutives: int
    annees_sources: tuple[str, ...]
    taux_obligation: int
    obligation_sources: tuple[str, ...]
    tranches: tuple[Band, ...]
    heures_smic_sans_action: int
    seuil_main_oeuvre_sans_action: int
    sans_action_sources: tuple[str, ...]
    contribution_sources: tuple[str, ...]
    taux_deduction: int
    plafonds: tuple[Cap, ...]
    deduction_sources: tuple[str, ...]
    exemple: dict
    sources: dict[str, Source] = field(repr=False)

    def for_browser(self) -> dict:
        """Return the rules as the simulator's script reads them (window.CoopsocOeth)."""
        return {
            "verifie_le": self.verifie_le.isoformat(),
            "annee_obligation": self.annee_obligation,
            "smic_horaire": {
                "centimes": self.smic_cents,
                "en_vigueur_depuis": self.smic_depuis.isoformat(),
                "source": self.smic_source,
            },
            "obligation": {
                "seuil_effectif": self.seuil_effectif,
                "annees_consecutives": self.annees_consecutives,
                "sources_annees": list(self.annees_sources),
                "taux": self.taux_obligation,
                "sources": list(self.obligation_sources),
            },
            "contribution": {
                "tranches": [vars(band) for band in self.tranches],
                "heures_smic_sans_action": self.heures_smic_sans_action,
                "seuil_main_oeuvre_sans_action": self.seuil_main_oeuvre_sans_action,
                "sources_sans_action": list(self.sans_action_sources),
                "sources": list(self.contribution_sources),
            },
            "deduction": {
                "taux": self.taux_deduction,
                "plafonds": [vars(cap) for cap in self.plafonds],
                "sources": list(self.deduction_sources),
            },
            "sources": {k: {"titre": s.titre, "url": s.url} for k, s in self.sources.items()},
        }


class _Checker:
    """Read values out of the YAML mapping, recording every problem."""

    def __init__(self, path: Path):
        self.path = path
        self.problems: list[str] = []

    def get(self, data, dotted: str, kind, minimum=None):
        value = data
        for part in dotted.split("."):
            if not isinstance(value, dict) or part not in value:
                self.problems.append(f"champ « {dotted} » manquant")
                return None
            value = value[part]
        if kind is int and (isinstance(value, bool) or not isinstance(value, int)):
            self.problems.append(f"champ « {dotted} » : nombre entier attendu, trouvé « {value} »")
            return None
        if kind is date and not isinstance(value, date):
            self.problems.append(f"champ « {dotted} » : date AAAA-MM-JJ attendue")
            return None
        if kind is str and (not isinstance(value, str) or not value.strip()):
            self.problems.append(f"champ « {dotted} » : texte attendu")
            return None
        if kind is list and (not isinstance(value, list) or not value):
            self.problems.append(f"champ « {dotted} » : liste non vide attendue")
            return None
        if minimum is not None and value is not None and value < minimum:
            self.problems.append(f"champ « {dotted} » : au moins {minimum} attendu")
        return value


def _smic_cents(value, checker: _Checker):
    if value is None:
        return None
    text = str(value)
    if isinstance(value, bool) or not _DECIMAL.match(text) or Decimal(text) <= 0:
        checker.problems.append(
            f"champ « smic_horaire.montant » : montant en euros attendu (12.02), trouvé « {value} »"
        )
        return None
    return int(Decimal(text) * 100)


def load_rules(path: Path) -> Rules:
    """Read and check data/oeth.yaml; raise RulesError listing every problem."""
    if not path.is_file():
        raise RulesError(f"{path} : fichier introuvable (règles du simulateur OETH)")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    check = _Checker(path)
    if not isinstance(data, dict):
        raise RulesError(f"{path} : le fichier doit contenir des champs « nom: valeur »")
    sources = {}
    for key, entry in (check.get(data, "sources", dict) or {}).items():
        titre = check.get(entry, "titre", str) if isinstance(entry, dict) else None
        url = check.get(entry, "url", str) if isinstance(entry, dict) else None
        if titre and url:
            sources[str(key)] = Source(str(key), titre, url)
        elif not isinstance(entry, dict):
            check.problems.append(f"source « {key} » : champs « titre » et « url » attendus")

    def source_keys(dotted):
        keys = check.get(data, dotted, list) or []
        for key in keys:
            if key not in sources:
                check.problems.append(f"champ « {dotted} » : source « {key} » inconnue")
        return tuple(keys)

    bands = []
    for i, entry in enumerate(check.get(data, "contribution.tranches", list) or []):
        values = [
            check.get(entry, k, t, 1) for k, t in (("effectif_min", int), ("heures_smic", int))
        ]
        libelle = check.get(entry, "libelle", str)
        if None not in values and libelle:
            bands.append(Band(values[0], values[1], libelle))
        elif not isinstance(entry, dict):
            check.problems.append(f"tranche n° {i + 1} : champs attendus")
    caps = []
    for entry in check.get(data, "deduction.plafonds", list) or []:
        minimum = check.get(entry, "taux_emploi_direct_min", int, 0)
        cap = check.get(entry, "plafond", int, 0)
        if minimum is not None and cap is not None:
            caps.append(Cap(minimum, cap))
    bands.sort(key=lambda b: b.effectif_min)
    caps.sort(key=lambda c: c.taux_emploi_direct_min)
    seuil = check.get(data, "obligation.seuil_effectif", int, 1)
    if bands and seuil is not None and bands[0].effectif_min != seuil:
        check.problems.append(
            "champ « contribution.tranches » : la première tranche doit commencer à "
            f"« obligation.seuil_effectif » ({seuil})"
        )
    if caps and caps[0].taux_emploi_direct_min != 0:
        check.problems.append("champ « deduction.plafonds » : le premier plafond doit partir de 0")
    exemple = {
        "effectif": check.get(data, "exemple.effectif", int, 1),
        "beneficiaires": check.get(data, "exemple.beneficiaires", int, 0),
        "achats_ht": check.get(data, "exemple.achats_ht", None),
        "part_main_oeuvre": check.get(data, "exemple.part_main_oeuvre", None),
    }
    rules = dict(
        verifie_le=check.get(data, "verifie_le", date),
        annee_obligation=check.get(data, "annee_obligation", int, 2020),
        smic_cents=_smic_cents(check.get(data, "smic_horaire.montant", None), check),
        smic_depuis=check.get(data, "smic_horaire.en_vigueur_depuis", date),
        smic_source=check.get(data, "smic_horaire.source", str),
        smic_remarque=check.get(data, "smic_horaire.remarque", str),
        seuil_effectif=seuil,
        annees_consecutives=check.get(data, "obligation.annees_consecutives", int, 1),
        annees_sources=source_keys("obligation.sources_annees"),
        taux_obligation=check.get(data, "obligation.taux", int, 1),
        obligation_sources=source_keys("obligation.sources"),
        tranches=tuple(bands),
        heures_smic_sans_action=check.get(data, "contribution.heures_smic_sans_action", int, 1),
        seuil_main_oeuvre_sans_action=check.get(
            data, "contribution.seuil_main_oeuvre_sans_action", int, 1
        ),
        sans_action_sources=source_keys("contribution.sources_sans_action"),
        contribution_sources=source_keys("contribution.sources"),
        taux_deduction=check.get(data, "deduction.taux", int, 0),
        plafonds=tuple(caps),
        deduction_sources=source_keys("deduction.sources"),
        exemple=exemple,
        sources=sources,
    )
    if rules["smic_source"] and rules["smic_source"] not in sources:
        check.problems.append(
            f"champ « smic_horaire.source » : source « {rules['smic_source']} » inconnue"
        )
    year = rules["annee_obligation"]
    if rules["smic_depuis"] and year and rules["smic_depuis"].year > year:
        check.problems.append(
            f"champ « annee_obligation » : le SMIC n'est en vigueur que depuis le "
            f"{rules['smic_depuis'].isoformat()}, après l'année {year}"
        )
    if check.problems:
        raise RulesError(
            f"{path} : {len(check.problems)} problème(s) :\n"
            + "\n".join(f"- {problem}" for problem in check.problems)
        )
    checked = Rules(**rules)
    try:
        simulate(checked, **exemple)
    except ValueError as error:
        raise RulesError(f"{path} : champ « exemple » : {error}") from None
    return checked


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
