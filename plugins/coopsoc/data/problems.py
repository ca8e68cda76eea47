"""Describe data problems in French, and the single error type the loader raises."""

from __future__ import annotations

from dataclasses import dataclass

from plugins.coopsoc.text import plural

ERROR = "erreur"
WARNING = "avertissement"

# An entry without a usable id is named by its position, e.g. « entrée n° 3 ».
ENTRY_LABEL_PREFIX = "entrée n° "


@dataclass(frozen=True)
class Problem:
    """One problem found in a data file, located as precisely as possible."""

    file: str
    line: int | None
    entry: str | None
    field: str | None
    message: str
    severity: str

    def __str__(self) -> str:
        place = [self.file]
        if self.line is not None:
            place.append(f"ligne {self.line}")
        if self.entry is not None:
            if self.entry.startswith(ENTRY_LABEL_PREFIX):
                place.append(self.entry)
            else:
                place.append(f"entrée « {self.entry} »")
        if self.field is not None:
            place.append(f"champ « {self.field} »")
        where = ", ".join(place)
        if self.severity == WARNING:
            where += " (avertissement)"
        return f"{where} : {self.message}"


class DirectoryError(Exception):
    """The data cannot be published: every error found, in every file, at once."""

    # What the first line of the message names: « 2 erreurs dans <subject> : ».
    subject = "les données de l'annuaire"

    def __init__(self, problems, warnings=()):
        self.problems = tuple(problems)
        self.warnings = tuple(warnings)
        super().__init__(self.problems)

    def __str__(self) -> str:
        count = len(self.problems)
        lines = [f"{plural(count, 'erreur')} dans {self.subject} :"]
        lines.extend(str(problem) for problem in self.problems)
        return "\n".join(lines)


def load_all(*loads):
    """Call every loader; return their results, or raise one error listing all their problems."""
    results, problems, warnings = [], [], []
    for load in loads:
        try:
            result = load()
        except DirectoryError as error:
            problems.extend(error.problems)
            warnings.extend(error.warnings)
        else:
            results.append(result)
            warnings.extend(getattr(result, "warnings", ()))
    if problems:
        raise DirectoryError(problems, warnings)
    return tuple(results)


class ProblemLog:
    """Collect the problems of every data file, then list them in reading order."""

    def __init__(self, folder: str):
        self.folder = folder
        self._files: list[str] = []
        self._found: list[tuple[int, int, int, Problem]] = []

    def display(self, name: str) -> str:
        """Return how a data file is named in messages, e.g. « data/trades.yaml »."""
        return f"{self.folder}/{name}"

    def file(self, name: str) -> FileReport:
        """Return the reporter for one data file."""
        self._files.append(name)
        return FileReport(self, self.display(name), len(self._files))

    def add(self, rank: int, problem: Problem) -> None:
        """Record a problem; rank orders the files."""
        self._found.append((rank, problem.line or 0, len(self._found), problem))

    def _sorted(self, severity: str) -> tuple[Problem, ...]:
        found = sorted(item for item in self._found if item[3].severity == severity)
        return tuple(item[3] for item in found)

    @property
    def errors(self) -> tuple[Problem, ...]:
        return self._sorted(ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return self._sorted(WARNING)


class FileReport:
    """Report problems of one data file."""

    def __init__(self, log: ProblemLog, path: str, rank: int):
        self.log = log
        self.path = path
        self.rank = rank

    def error(self, line, message, entry=None, field=None) -> None:
        """Record an error: the data cannot be published as it is."""
        self.log.add(self.rank, Problem(self.path, line, entry, field, message, ERROR))

    def warning(self, line, message, entry=None, field=None) -> None:
        """Record a warning: the data can be published, but something looks forgotten."""
        self.log.add(self.rank, Problem(self.path, line, entry, field, message, WARNING))
