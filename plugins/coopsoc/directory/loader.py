"""Load the directory's data folder: a pure function that reports every problem at once."""

from __future__ import annotations

import gc
from pathlib import Path

from plugins.coopsoc.data.hints import did_you_mean
from plugins.coopsoc.data.problems import DirectoryError, ProblemLog

from .communes import read_communes
from .declaration import check_sample_counts, read_declaration
from .entries import Draft, read_associations, read_establishments, read_trades
from .model import (
    ESTABLISHMENT_TYPES,
    Association,
    Commune,
    Directory,
    Establishment,
    Filiere,
    Trade,
)

COMMUNES_FILE = "communes.csv"
ASSOCIATIONS_FILE = "associations.yaml"
TRADES_FILE = "trades.yaml"
ESTABLISHMENTS_FILE = "establishments.yaml"
# Whether the data are a sample (« exemple »), and the figures the association publishes.
DECLARATION_FILE = "annuaire.yaml"

__all__ = ["DirectoryError", "load_directory"]


def load_directory(path: Path) -> Directory:
    """Read, check and link the data files of a folder; raise DirectoryError on any error."""
    # The cyclic garbage collector rescans the whole growing heap while hundreds of
    # thousands of small objects are built, which makes loading superlinear; nothing
    # built here forms a cycle, so it is paused (and restored) for the duration.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load(Path(path))
    finally:
        if collecting:
            gc.enable()


def _load(path: Path) -> Directory:
    log = ProblemLog(path.resolve().name)
    communes = read_communes(path / COMMUNES_FILE, log.file(COMMUNES_FILE))
    associations = read_associations(path / ASSOCIATIONS_FILE, log.file(ASSOCIATIONS_FILE))
    trades = read_trades(path / TRADES_FILE, log.file(TRADES_FILE))
    establishments = read_establishments(path / ESTABLISHMENTS_FILE, log.file(ESTABLISHMENTS_FILE))
    declaration_report = log.file(DECLARATION_FILE)
    declaration = read_declaration(path / DECLARATION_FILE, declaration_report)
    filieres, trade_drafts = trades if trades is not None else (None, None)

    # A reference is checked only when the file it points to could be read: a missing
    # file is reported once, not once per entry pointing to it.
    references = _References(
        communes=None if communes is None else set(communes),
        associations=_raw_ids(associations),
        trades=_raw_ids(trade_drafts),
        filieres=_raw_ids(filieres),
        communes_file=log.display(COMMUNES_FILE),
        trades_file=log.display(TRADES_FILE),
    )
    for draft in associations or ():
        references.check_commune(draft)
    for draft in establishments or ():
        references.check_commune(draft)
        references.check_association(draft)
        references.check_trades(draft)
    if establishments is not None:
        _report_unused(establishments, associations, filieres)

    # Counts are compared only on otherwise valid data: an entry with an error would be
    # counted wrongly, and the mismatch would only repeat that error.
    if not log.errors and declaration.sample:
        types = [draft.values["type"] for draft in establishments]
        counts = {kind.lower(): types.count(kind) for kind in ESTABLISHMENT_TYPES}
        counts.update(etablissements=len(establishments), associations=len(associations))
        check_sample_counts(declaration, counts, declaration_report)

    if log.errors:
        raise DirectoryError(log.errors, log.warnings)
    return _build(communes, associations, filieres, establishments, declaration, log.warnings)


def _raw_ids(drafts: list[Draft] | None) -> set[str] | None:
    if drafts is None:
        return None
    return {draft.entry.raw_id for draft in drafts if draft.entry.raw_id}


class _References:
    """Check that names and ids used by an entry exist in the files they point to."""

    def __init__(self, *, communes, associations, trades, filieres, communes_file, trades_file):
        self.communes = communes
        self.associations = associations
        self.trades = trades
        self.filieres = filieres
        self.communes_file = communes_file
        self.trades_file = trades_file

    def check_commune(self, draft: Draft) -> None:
        value = draft.values["commune"]
        if self.communes is None or value is None or value in self.communes:
            return
        hint = did_you_mean(value, self.communes) or (
            f" : écrivez le nom exactement comme dans {self.communes_file}, ou ajoutez-y la commune"
        )
        draft.entry.error(
            draft.entry.field_line("commune"),
            f"commune inconnue « {value} »{hint}",
            "commune",
        )

    def check_association(self, draft: Draft) -> None:
        value = draft.values["association"]
        if self.associations is None or value is None or value in self.associations:
            return
        hint = did_you_mean(value, self.associations) or (
            " : indiquez l'identifiant (champ « id ») d'une association de associations.yaml"
        )
        draft.entry.error(
            draft.entry.field_line("association"),
            f"association inconnue « {value} »{hint}",
            "association",
        )

    def check_trades(self, draft: Draft) -> None:
        if self.trades is None:
            return
        for item in draft.values["metiers"] or ():
            if item.value in self.trades:
                continue
            if self.filieres and item.value in self.filieres:
                message = (
                    f"« {item.value} » est une filière, pas un métier : indiquez plutôt un ou "
                    f"plusieurs de ses métiers (voir {self.trades_file})"
                )
            else:
                hint = did_you_mean(item.value, self.trades) or (
                    f" : indiquez l'identifiant (champ « id ») d'un métier de {self.trades_file}"
                )
                message = f"métier inconnu « {item.value} »{hint}"
            draft.entry.error(item.line, message, "metiers")


def _report_unused(establishments, associations, filieres) -> None:
    """Warn about trades, filières and associations no establishment refers to."""
    used_trades = {item.value for d in establishments for item in d.values["metiers"] or ()}
    used_associations = {d.values["association"] for d in establishments}
    for filiere in filieres or ():
        unused = [t for t in filiere.values["trades"] if t.entry.raw_id not in used_trades]
        if unused and len(unused) == len(filiere.values["trades"]):
            filiere.entry.warning(
                filiere.entry.field_line("id"),
                "aucun établissement ne pratique les métiers de cette filière : ajoutez l'un "
                "de ses métiers au champ « metiers » d'un établissement, ou retirez la filière",
            )
        for trade in unused:
            trade.entry.warning(
                trade.entry.field_line("id"),
                "aucun établissement ne pratique ce métier : ajoutez-le au champ « metiers » "
                "d'au moins un établissement, ou retirez-le",
            )
    for association in associations or ():
        if association.entry.raw_id not in used_associations:
            association.entry.warning(
                association.entry.field_line("id"),
                "aucun établissement n'est rattaché à cette association",
            )


def _build(communes, associations, filieres, establishments, declaration, warnings) -> Directory:
    """Turn checked drafts into the model; called only when no error was found."""
    commune_by_name: dict[str, Commune] = communes
    association_by_id = {}
    for draft in associations:
        v = draft.values
        commune = commune_by_name[v["commune"]]
        association_by_id[v["id"]] = Association(v["id"], v["nom"], commune, v["presentation"])
    built_filieres = []
    for draft in filieres:
        v = draft.values
        trades = tuple(
            Trade(
                t.values["id"],
                t.values["nom"],
                t.values["description"],
                v["id"],
                t.values["besoin"],
            )
            for t in v["trades"]
        )
        built_filieres.append(Filiere(v["id"], v["nom"], v["description"], trades))
    trade_by_id = {trade.id: trade for filiere in built_filieres for trade in filiere.trades}
    built_establishments = []
    for draft in establishments:
        v = draft.values
        built_establishments.append(
            Establishment(
                id=v["id"],
                nom=v["nom"],
                type=v["type"],
                association=association_by_id[v["association"]],
                commune=commune_by_name[v["commune"]],
                travailleurs=v["travailleurs"],
                metiers=tuple(trade_by_id[item.value] for item in v["metiers"]),
                presentation=v["presentation"],
                moyens=tuple(item.value for item in v["moyens"]),
                certifications=tuple(item.value for item in v["certifications"]),
                zone_intervention=v["zone_intervention"],
                intervention_sur_site=v["intervention_sur_site"],
            )
        )
    return Directory(
        establishments=tuple(built_establishments),
        associations=tuple(association_by_id.values()),
        filieres=tuple(built_filieres),
        trades=trade_by_id,
        communes=tuple(commune_by_name.values()),
        sample=declaration.sample,
        published_minimums=declaration.minimums,
        warnings=warnings,
    )
