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
    smic_cents: int
    smic_depuis: date
    smic_source: str
    smic_remarque: str
    seuil_effectif: int
    taux_obligation: int
    obligation_sources: tuple[str, ...]
    tranches: tuple[Band, ...]
    heures_smic_sans_action: int
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
            "smic_horaire": {
                "centimes": self.smic_cents,
                "en_vigueur_depuis": self.smic_depuis.isoformat(),
                "source": self.smic_source,
            },
            "obligation": {
                "seuil_effectif": self.seuil_effectif,
                "taux": self.taux_obligation,
                "sources": list(self.obligation_sources),
            },
            "contribution": {
                "tranches": [vars(band) for band in self.tranches],
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
        smic_cents=_smic_cents(check.get(data, "smic_horaire.montant", None), check),
        smic_depuis=check.get(data, "smic_horaire.en_vigueur_depuis", date),
        smic_source=check.get(data, "smic_horaire.source", str),
        smic_remarque=check.get(data, "smic_horaire.remarque", str),
        seuil_effectif=seuil,
        taux_obligation=check.get(data, "obligation.taux", int, 1),
        obligation_sources=source_keys("obligation.sources"),
        tranches=tuple(bands),
        heures_smic_sans_action=check.get(data, "contribution.heures_smic_sans_action", int, 1),
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


@dataclass(frozen=True)
class Simulation:
    """Every step of one simulation; amounts in cents, the part in basis points."""

    effectif: int
    beneficiaires: int
    achats_cents: int
    part_bp: int
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
        """Return the plain numbers the page shows in data-value attributes."""
        counts = {"obligation": str(self.obligation), "manquants": str(self.manquants)}
        return counts | {key: euros_plain(c) for key, c in self.amounts().items()}


def euros_plain(cents: int) -> str:
    """Return an amount in cents as a plain decimal number of euros: « 19232.00 »."""
    return f"{cents // 100}.{cents % 100:02d}"


def simulate(rules: Rules, effectif, beneficiaires, achats_ht, part_main_oeuvre) -> Simulation:
    """Compute the contribution and what purchases deduct from it, step by step."""
    effectif, beneficiaires = parse_count(effectif), parse_count(beneficiaires)
    achats, part = parse_hundredths(achats_ht), parse_hundredths(part_main_oeuvre)
    if not 1 <= effectif <= MAX_EMPLOYEES:
        raise ValueError(f"l'effectif doit être compris entre 1 et {MAX_EMPLOYEES}")
    if beneficiaires > effectif:
        raise ValueError("le nombre de bénéficiaires ne peut pas dépasser l'effectif")
    if achats > MAX_AMOUNT_CENTS:
        raise ValueError("le montant des achats doit être inférieur à 1 milliard d'euros")
    if part > 10_000:
        raise ValueError("la part de main-d'œuvre doit être comprise entre 0 et 100 %")
    assujetti = effectif >= rules.seuil_effectif
    # Art. D5212-2: 6 % of the workforce, « arrondi à l'entier inférieur ».
    obligation = effectif * rules.taux_obligation // 100 if assujetti else 0
    manquants = max(0, obligation - beneficiaires)
    tranche = None
    for band in rules.tranches:
        if effectif >= band.effectif_min:
            tranche = band
    brute = manquants * tranche.heures_smic * rules.smic_cents if tranche and assujetti else 0
    # Art. D5212-22: 30 % of the labour cost included in the price excluding VAT.
    main_oeuvre = _round_div(achats * part, 10_000)
    calculee = _round_div(main_oeuvre * rules.taux_deduction, 100)
    # The cap depends on the direct employment rate: compare in integers, no rounding.
    plafond_taux = rules.plafonds[0].plafond
    for cap in rules.plafonds:
        if beneficiaires * 100 >= cap.taux_emploi_direct_min * effectif:
            plafond_taux = cap.plafond
    plafond = _round_div(brute * plafond_taux, 100)
    deduction = min(calculee, plafond)
    return Simulation(
        effectif=effectif,
        beneficiaires=beneficiaires,
        achats_cents=achats,
        part_bp=part,
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
    )
