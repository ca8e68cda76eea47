"""Load the directory's data folder: a pure function that reports every problem at once."""

from __future__ import annotations

import gc
from pathlib import Path

from plugins.coopsoc.data.hints import did_you_mean
from plugins.coopsoc.data.problems import DirectoryError, ProblemLog

from .build import build
from .communes import read_communes
from .declaration import check_sample_counts, read_declaration
from .entries import Draft, read_associations, read_establishments, read_trades
from .fields import ASSOCIATION, COMMUNE, ESTABLISHMENT, FILIERE, TRADE, Field, Kind, Table
from .model import ESTABLISHMENT_TYPES, Directory
from .photos import PHOTOS_FOLDER, unused_photos

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
        known={
            COMMUNE: None if communes is None else set(communes),
            ASSOCIATION: _raw_ids(associations),
            TRADE: _raw_ids(trade_drafts),
        },
        files={COMMUNE: log.display(COMMUNES_FILE), TRADE: log.display(TRADES_FILE)},
        filieres=_raw_ids(filieres),
    )
    for draft in (*(associations or ()), *(establishments or ())):
        references.check(draft)
    if establishments is not None:
        _report_unused(establishments, associations, filieres)
        shown = {photo.file for draft in establishments for photo in draft.values["photos"] or ()}
        for name in unused_photos(path / PHOTOS_FOLDER, shown):
            log.file(f"{PHOTOS_FOLDER}/{name}").warning(
                None,
                "aucun établissement ne montre cette photo : ajoutez-la au champ « photos » "
                "d'un établissement, ou retirez le fichier",
            )

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

    def __init__(self, *, known, files, filieres):
        self.known = known
        self.files = files
        self.filieres = filieres

    def check(self, draft: Draft) -> None:
        """Report each reference of an entry to an entry that does not exist."""
        for field in draft.table.fields:
            value = draft.values[field.key]
            if field.kind is Kind.REFERENCE:
                self._check(draft, field, value, draft.entry.field_line(field.key))
            elif field.kind is Kind.REFERENCES:
                for item in value or ():
                    self._check(draft, field, item.value, item.line)

    def _check(self, draft: Draft, field: Field, value: str | None, line: int) -> None:
        known = self.known[field.target]
        if known is None or value is None or value in known:
            return
        file = self.files.get(field.target)
        if field.target is TRADE and self.filieres and value in self.filieres:
            message = (
                f"« {value} » est une filière, pas un métier : indiquez plutôt un ou "
                f"plusieurs de ses métiers (voir {file})"
            )
        else:
            hint = did_you_mean(value, known) or f" : {field.target.help.format(file=file)}"
            message = f"{field.target.unknown} « {value} »{hint}"
        draft.entry.error(line, message, field.key)


def _used(drafts: list[Draft]) -> dict[Table, set[str]]:
    """Return, by table, the ids and names the references of some entries point to."""
    used: dict[Table, set[str]] = {}
    for draft in drafts:
        for field in draft.table.fields:
            value = draft.values[field.key]
            if field.kind is Kind.REFERENCE:
                used.setdefault(field.target, set()).add(value)
            elif field.kind is Kind.REFERENCES:
                used.setdefault(field.target, set()).update(item.value for item in value or ())
    return used


def _report_unused(establishments, associations, filieres) -> None:
    """Warn about trades, filières and associations no establishment refers to."""
    used = _used(establishments)
    for filiere in filieres or ():
        trades = filiere.values[FILIERE.nested.key]
        unused = [t for t in trades if t.entry.raw_id not in used.get(TRADE, ())]
        if unused and len(unused) == len(trades):
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
        if association.entry.raw_id not in used.get(ASSOCIATION, ()):
            association.entry.warning(
                association.entry.field_line("id"),
                "aucun établissement n'est rattaché à cette association",
            )


def _build(communes, associations, filieres, establishments, declaration, warnings) -> Directory:
    """Turn checked drafts into the model; called only when no error was found."""
    objects = {COMMUNE: communes}
    built = {
        table: tuple(build(table, draft.values, objects) for draft in drafts)
        for table, drafts in (
            (ASSOCIATION, associations),
            (FILIERE, filieres),
            (ESTABLISHMENT, establishments),
        )
    }
    return Directory(
        establishments=built[ESTABLISHMENT],
        associations=built[ASSOCIATION],
        filieres=built[FILIERE],
        trades=objects[TRADE],
        communes=tuple(communes.values()),
        sample=declaration.sample,
        published_minimums=declaration.minimums,
        warnings=warnings,
    )
