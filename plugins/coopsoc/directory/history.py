"""Load the timeline of the history page (data/history.yaml), checked like the directory.

A pure function, like load_directory: it knows nothing of Pelican or Markdown, reports
every problem at once in French, and fills no missing value with a default.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from plugins.coopsoc.data.problems import DirectoryError, ProblemLog
from plugins.coopsoc.data.schema import Entry
from plugins.coopsoc.data.yamlnodes import (
    DATE,
    EMPTY,
    INTEGER,
    TEXT,
    Scalar,
    describe,
)
from plugins.coopsoc.text import MONTHS, shorten

from .build import build
from .entries import read_fields, read_items
from .fields import EVENT, Field, Kind
from .model import Event

_ISO = re.compile(r"([0-9]{4})(?:-([0-9]{2})-([0-9]{2}))?\Z")
# Dates written the French way (29/07/1965, 29-07-1965, 29.07.1965), to propose the fix.
_FRENCH = re.compile(r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})\Z")
_FORMAT_HELP = (
    'écrivez l\'année seule (par exemple "1965") ou la date complète sous la forme '
    'AAAA-MM-JJ (par exemple "1965-07-29"), entre guillemets'
)

__all__ = ["Event", "load_history"]


@dataclass(frozen=True)
class _Dated:
    """A checked date, where it was written, and its precision."""

    value: str
    year: int
    day: date | None
    line: int


def load_history(path: Path) -> tuple[Event, ...]:
    """Read and check a timeline file; raise DirectoryError listing every problem."""
    path = Path(path)
    log = ProblemLog(path.resolve().parent.name)
    report = log.file(path.name)
    events = _read(path, report)
    if log.errors:
        raise DirectoryError(log.errors, log.warnings)
    return events


def _read(path: Path, report) -> tuple[Event, ...]:
    items = read_items(
        path,
        report,
        "le fichier doit contenir une liste d'événements, chacun commençant par « - date: … »",
        "un événement « - date: … »",
    )
    if items is None:
        return ()
    events = []
    previous: _Dated | None = None
    last_day: _Dated | None = None
    for number, node in enumerate(items, start=1):
        entry = Entry(node, number, report, required=EVENT.required, optional=EVENT.optional)
        if not entry.ok:
            continue
        values = read_fields(entry, EVENT, {Kind.DATE: _date})
        dated = values["date"]
        if dated is not None:
            _check_order(entry, dated, previous, last_day)
            previous = dated
            last_day = dated if dated.day is not None else last_day
            values["date"] = dated.value
        if None not in values.values():
            events.append(build(EVENT, values, {}))
    return tuple(events)


def _date(entry: Entry, field: Field) -> _Dated | None:
    """Return the checked date of an event, or None after reporting why it is unusable."""
    node = entry.mapping.fields[field.key].node
    line = entry.field_line(field.key)
    # YAML reads 1965 as a number and 1965-07-29 as a date: both must be quoted text.
    unquoted = isinstance(node, Scalar) and node.kind in (INTEGER, DATE)
    if unquoted:
        value = node.source
    elif isinstance(node, Scalar) and node.kind in (TEXT, EMPTY):
        value = entry.text(field.key)
        if value is None:
            return None
    else:
        entry.error(
            line, f"attendu : une date entre guillemets, trouvé : {describe(node)}", field.key
        )
        return None
    problem, dated = _parse(value, line)
    if problem is None and unquoted:
        problem = f'date sans guillemets : écrivez "{value}" (entre guillemets doubles)'
    if problem is not None:
        entry.error(line, problem, field.key)
        return None
    return dated


def _parse(value: str, line: int) -> tuple[str | None, _Dated | None]:
    """Return why value is not a real date written AAAA or AAAA-MM-JJ, or the date."""
    found = _ISO.match(value)
    if found is None:
        return _format_problem(value), None
    year, month, day = (None if part is None else int(part) for part in found.groups())
    if year == 0:
        return f"date impossible « {value} » : l'année 0000 n'existe pas", None
    if month is None:
        return None, _Dated(value, year, None, line)
    if not 1 <= month <= 12:
        return (
            f"date impossible « {value} » : il n'y a pas de mois {month:02d} (de 01 à 12) ; "
            "la date s'écrit dans l'ordre année-mois-jour",
            None,
        )
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return (
            f"date impossible « {value} » : {MONTHS[month - 1]} {year} compte {days} jours ; "
            "vérifiez le jour",
            None,
        )
    return None, _Dated(value, year, date(year, month, day), line)


def _format_problem(value: str) -> str:
    """Explain a date that is neither AAAA nor AAAA-MM-JJ, with a proposal if one is clear."""
    message = f"date invalide « {shorten(value)} » : {_FORMAT_HELP}"
    french = _FRENCH.match(value.strip())
    if french is not None:
        day, month, year = french.groups()
        message += f" — proposition : « {year}-{int(month):02d}-{int(day):02d} »"
    return message


def _check_order(
    entry: Entry, dated: _Dated, previous: _Dated | None, last_day: _Dated | None
) -> None:
    """Report an event placed before an earlier one: the file is the timeline's order.

    A year alone is compared by year only (« 1965 » may come before or after
    « 1965-07-29 »); a full date is also compared with the last full date above it.
    """
    earlier = None
    if previous is not None and dated.year < previous.year:
        earlier = previous
    elif dated.day is not None and last_day is not None and dated.day < last_day.day:
        earlier = last_day
    if earlier is None:
        return
    entry.error(
        dated.line,
        f"ordre chronologique non respecté : « {dated.value} » est placé après « "
        f"{earlier.value} » (ligne {earlier.line}) ; classez les événements du plus ancien "
        "au plus récent",
        "date",
    )
