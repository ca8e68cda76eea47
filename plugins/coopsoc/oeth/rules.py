"""Read and check data/oeth.yaml, the employment-obligation rules, like every data file.

A pure function: problems are reported all at once, in French, with the file, the line
and the field (« smic_horaire.montant »), and nothing is filled in by default.
"""

from __future__ import annotations

from pathlib import Path

from plugins.coopsoc.data.problems import DirectoryError, ProblemLog
from plugins.coopsoc.data.schema import Entry
from plugins.coopsoc.data.values import day, hundredths
from plugins.coopsoc.data.yamlnodes import Mapping, describe, read_root

from .model import MAX_AMOUNT_CENTS, MAX_EMPLOYEES, MAX_YEARS, Band, Cap, Rules, Source

# The fields of each part of the file, in the order the file writes them.
SECTIONS = {
    "smic_horaire": ("montant", "en_vigueur_depuis", "source", "remarque"),
    "obligation": ("seuil_effectif", "annees_consecutives", "sources_annees", "taux", "sources"),
    "contribution": (
        "tranches",
        "heures_smic_sans_action",
        "seuil_main_oeuvre_sans_action",
        "sources_sans_action",
        "sources",
    ),
    "deduction": ("taux", "plafonds", "part_main_oeuvre_supposee", "sources"),
    "exemple": ("effectif", "beneficiaires", "achats_ht", "part_main_oeuvre"),
}
TOP_FIELDS = ("verifie_le", "annee_obligation", *SECTIONS, "sources")
MAX_HOURS = 100_000


class RulesError(DirectoryError):
    """data/oeth.yaml cannot be used: every problem found, at once."""

    subject = "les règles de l'obligation d'emploi (OETH)"


def load_rules(path: Path) -> Rules:
    """Read and check a rules file; raise RulesError listing every problem."""
    path = Path(path)
    log = ProblemLog(path.resolve().parent.name)
    report = log.file(path.name)
    shape = "le fichier doit contenir des champs « nom: valeur », à commencer par « verifie_le: … »"
    root = read_root(path, report, Mapping, shape)
    rules = None if root is None else _read(Entry(root, None, report, required=TOP_FIELDS), report)
    if log.errors:
        raise RulesError(log.errors, log.warnings)
    return rules


def _read(top: Entry, report) -> Rules | None:
    part = {name: _part(top, name, SECTIONS[name], report) for name in SECTIONS}
    sources = _sources(top, report)
    # Keys are checked against the sources only when that list could be read.
    known = set(sources) if isinstance(top.node("sources"), Mapping) else None
    smic, obligation = part["smic_horaire"], part["obligation"]
    contribution, deduction = part["contribution"], part["deduction"]
    seuil = obligation.integer("seuil_effectif", 1, MAX_EMPLOYEES)
    values = dict(
        verifie_le=day(top, "verifie_le"),
        annee_obligation=top.integer("annee_obligation", 2020, 9999),
        smic_cents=hundredths(smic, "montant", MAX_AMOUNT_CENTS, minimum=1),
        smic_depuis=day(smic, "en_vigueur_depuis"),
        smic_source=_source_key(smic, "source", known),
        smic_remarque=smic.text("remarque"),
        seuil_effectif=seuil,
        annees_consecutives=obligation.integer("annees_consecutives", 1, MAX_YEARS),
        annees_sources=_source_keys(obligation, "sources_annees", known),
        taux_obligation=obligation.integer("taux", 1, 100),
        obligation_sources=_source_keys(obligation, "sources", known),
        tranches=_bands(contribution, seuil),
        heures_smic_sans_action=contribution.integer("heures_smic_sans_action", 1, MAX_HOURS),
        seuil_main_oeuvre_sans_action=contribution.integer(
            "seuil_main_oeuvre_sans_action", 1, MAX_HOURS
        ),
        sans_action_sources=_source_keys(contribution, "sources_sans_action", known),
        contribution_sources=_source_keys(contribution, "sources", known),
        taux_deduction=deduction.integer("taux", 0, 100),
        plafonds=_caps(deduction),
        part_supposee=_assumed_share(deduction, report),
        deduction_sources=_source_keys(deduction, "sources", known),
        exemple=_example(part["exemple"]),
        sources=sources,
    )
    year, since = values["annee_obligation"], values["smic_depuis"]
    if year is not None and since is not None and since.year > year:
        top.error(
            top.field_line("annee_obligation"),
            f"le SMIC n'est en vigueur que depuis le {since.isoformat()}, après l'année {year}",
            "annee_obligation",
        )
    if report.log.errors or None in values.values():
        return None
    return Rules(**values)


def _assumed_share(deduction: Entry, report) -> tuple[int, int] | None:
    """Return the low and high labour shares assumed when a buyer does not know it."""
    key = "part_main_oeuvre_supposee"
    entry = _part(deduction, key, ("basse", "haute"), report)
    low, high = entry.integer("basse", 0, 100), entry.integer("haute", 0, 100)
    if low is None or high is None:
        return None
    if low >= high:
        deduction.error(
            deduction.field_line(key),
            f"la part basse ({low}) doit être inférieure à la part haute ({high})",
            key,
        )
        return None
    return low, high


def _part(top: Entry, name: str, fields: tuple, report) -> Entry:
    """Return the entry of a part of the file (an empty one when it is missing or wrong)."""
    node = top.node(name)
    if node is not None and not isinstance(node, Mapping):
        top.error(
            top.field_line(name),
            f"attendu : des champs « nom: valeur » en retrait sous « {name}: » ; "
            f"trouvé : {describe(node)}",
            name,
        )
    if not isinstance(node, Mapping):
        node = Mapping({}, top.field_line(name), ())
        return Entry(node, None, report, required=(), prefix=f"{name}.")
    return Entry(node, None, report, required=fields, prefix=f"{name}.")


def _sources(top: Entry, report) -> dict[str, Source]:
    node = top.node("sources")
    if node is None:
        return {}
    if not isinstance(node, Mapping):
        top.error(
            top.field_line("sources"),
            f"attendu : une source par ligne, en retrait sous « sources: » (par exemple "
            f"« L5212-1: ») ; trouvé : {describe(node)}",
            "sources",
        )
        return {}
    for field, first_line in node.duplicates:
        top.error(
            field.line,
            f"source « {field.key} » écrite deux fois (première fois à la ligne {first_line}) : "
            "gardez-en une seule",
            "sources",
        )
    found = {}
    for key, field in node.fields.items():
        if not isinstance(field.node, Mapping):
            top.error(
                field.line,
                f"source « {key} » : champs « titre » et « url » attendus, en retrait ; "
                f"trouvé : {describe(field.node)}",
                "sources",
            )
            continue
        entry = Entry(field.node, None, report, required=("titre", "url"), prefix=f"sources.{key}.")
        titre, url = entry.text("titre"), entry.text("url")
        if titre and url:
            found[key] = Source(key, titre, url)
    return found


def _source_key(entry: Entry, name: str, known: set | None) -> str | None:
    key = entry.text(name)
    if key is not None and known is not None and key not in known:
        entry.error(entry.field_line(name), f"source « {key} » inconnue", name)
    return key


def _source_keys(entry: Entry, name: str, known: set | None) -> tuple[str, ...] | None:
    items = entry.text_list(name)
    if items is None:
        return None
    for item in items:
        if known is not None and item.value not in known:
            entry.error(item.line, f"source « {item.value} » inconnue", name)
    return tuple(item.value for item in items)


def _rows(entry: Entry, name: str, fields: tuple) -> list[Entry]:
    suffix = f" de « {entry.prefix}{name} »"
    rows = []
    for number, node in enumerate(entry.items(name, allow_empty=False) or (), start=1):
        row = Entry(node, number, entry.report, required=fields, suffix=suffix)
        if row.ok:
            rows.append(row)
    return rows


def _bands(entry: Entry, seuil: int | None) -> tuple[Band, ...] | None:
    bands = []
    for row in _rows(entry, "tranches", ("effectif_min", "heures_smic", "libelle")):
        values = (
            row.integer("effectif_min", 1, MAX_EMPLOYEES),
            row.integer("heures_smic", 1, MAX_HOURS),
            row.text("libelle"),
        )
        if None not in values:
            bands.append(Band(*values))
    if not bands:
        return None
    bands.sort(key=lambda band: band.effectif_min)
    if seuil is not None and bands[0].effectif_min != seuil:
        entry.error(
            entry.field_line("tranches"),
            f"la première tranche doit commencer à « obligation.seuil_effectif » ({seuil})",
            "tranches",
        )
    return tuple(bands)


def _caps(entry: Entry) -> tuple[Cap, ...] | None:
    caps = []
    for row in _rows(entry, "plafonds", ("taux_emploi_direct_min", "plafond")):
        values = (row.integer("taux_emploi_direct_min", 0, 100), row.integer("plafond", 0, 100))
        if None not in values:
            caps.append(Cap(*values))
    if not caps:
        return None
    caps.sort(key=lambda cap: cap.taux_emploi_direct_min)
    if caps[0].taux_emploi_direct_min != 0:
        entry.error(entry.field_line("plafonds"), "le premier plafond doit partir de 0", "plafonds")
    return tuple(caps)


def _example(entry: Entry) -> dict | None:
    """Return the worked example's inputs, checked as the simulator checks a visitor's."""
    effectif = entry.integer("effectif", 1, MAX_EMPLOYEES)
    beneficiaires = entry.integer("beneficiaires", 0, MAX_EMPLOYEES)
    achats = hundredths(entry, "achats_ht", MAX_AMOUNT_CENTS)
    part = hundredths(entry, "part_main_oeuvre", 100 * 100)
    if effectif is not None and beneficiaires is not None and beneficiaires > effectif:
        entry.error(
            entry.field_line("beneficiaires"),
            f"{beneficiaires} bénéficiaires pour un effectif de {effectif} : le nombre de "
            "bénéficiaires ne peut pas dépasser l'effectif",
            "beneficiaires",
        )
        return None
    if None in (effectif, beneficiaires, achats, part):
        return None
    return {
        "effectif": effectif,
        "beneficiaires": beneficiaires,
        # As written: the simulator reads them as it reads a visitor's figures.
        "achats_ht": entry.node("achats_ht").source,
        "part_main_oeuvre": entry.node("part_main_oeuvre").source,
    }
