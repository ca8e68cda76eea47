"""Every file of the data folder, in one table: its name and what reads and checks it.

`make check` (plugins/coopsoc/check.py) runs every reader of DATA_FILES, and the plugins
find each file with data_path, which knows only the files of the table: a file of data/
that no row covers is reported by `make check` and fails tests/test_datafiles.py.
"""

from __future__ import annotations

from fnmatch import fnmatch
from pathlib import Path

from plugins.coopsoc.audit.grid import load_audit
from plugins.coopsoc.data.geojson import OutlinesError, load_outlines
from plugins.coopsoc.data.problems import DirectoryError, ProblemLog
from plugins.coopsoc.data.textfile import read_text
from plugins.coopsoc.directory.history import load_history
from plugins.coopsoc.directory.loader import (
    ASSOCIATIONS_FILE,
    COMMUNES_FILE,
    DECLARATION_FILE,
    ESTABLISHMENTS_FILE,
    TRADES_FILE,
    load_directory,
)
from plugins.coopsoc.directory.photos import PHOTOS_FOLDER
from plugins.coopsoc.oeth.rules import load_rules
from plugins.coopsoc.vocabulary.requestwords import load_request_words
from plugins.coopsoc.vocabulary.synonyms import load_synonyms

# The data folder: the setting that names it, and its default.
FOLDER_SETTING = "DIRECTORY_PATH"
DEFAULT_FOLDER = "data"
HISTORY_FILE = "history.yaml"
OETH_FILE = "oeth.yaml"
SYNONYMS_FILE = "synonyms.yaml"
REQUEST_FILE = "recherche.yaml"
AUDIT_FILE = "audit-rgaa.yaml"
GEO_FOLDER = "geo"
OUTLINES = f"{GEO_FOLDER}/*.geojson"
GEO_NOTE = f"{GEO_FOLDER}/README.md"
# Settings that may name another file (or folder); a relative one is inside the data folder.
SETTINGS = {
    HISTORY_FILE: "HISTORY_PATH",
    OETH_FILE: "BUYERTOOLS_OETH_PATH",
    SYNONYMS_FILE: "SEARCH_SYNONYMS_PATH",
    REQUEST_FILE: "SEARCH_REQUEST_PATH",
    GEO_FOLDER: "BUYERTOOLS_GEO_PATH",
}


class DataFolderError(DirectoryError):
    """A file of the data folder cannot be read."""

    subject = "le dossier des données"


class DataFolder:
    """The data folder of some settings: each reader runs once, its result or error kept."""

    def __init__(self, settings):
        self.settings = settings
        self.folder = data_folder(settings)
        self._results: dict = {}

    def path(self, name: str) -> Path:
        """Return where a file of the table is."""
        return data_path(self.settings, name)

    def result(self, reader):
        """Return (value, None) or (None, the DirectoryError) of a reader of the table."""
        if reader not in self._results:
            try:
                self._results[reader] = (reader(self), None)
            except DirectoryError as error:
                self._results[reader] = (None, error)
        return self._results[reader]


def read_directory(data: DataFolder):
    """The directory: communes, associations, trades, establishments, the declaration."""
    return load_directory(data.folder)


def read_history(data: DataFolder):
    """The timeline of the history page."""
    return load_history(data.path(HISTORY_FILE))


def read_rules(data: DataFolder):
    """The employment-obligation rules of the simulator and the brochure."""
    return load_rules(data.path(OETH_FILE))


def read_synonyms(data: DataFolder):
    """The buyers' words for the search (checked against the site's words at the build)."""
    return load_synonyms(data.path(SYNONYMS_FILE))


def read_request_words(data: DataFolder):
    """The filler words of a request and other names of the communes."""
    directory, _error = data.result(read_directory)
    communes = None if directory is None else directory.communes
    return load_request_words(data.path(REQUEST_FILE), communes)


def read_audit(data: DataFolder):
    """The accessibility audit grid (RGAA 4.1.2) the statement is computed from."""
    return load_audit(data.path(AUDIT_FILE))


def read_outlines(data: DataFolder):
    """The map's outlines, one GeoJSON file per level (département, communes)."""
    folder = data.path(GEO_FOLDER)
    if not folder.is_dir():
        log = ProblemLog(folder.resolve().parent.name)
        log.file(folder.name).error(
            None,
            f"dossier introuvable : le dossier « {folder.name} » des contours de la carte doit "
            f"se trouver dans le dossier « {folder.resolve().parent.name} »",
        )
        raise DataFolderError(log.errors)
    outlines, problems = {}, []
    for path in sorted(folder.glob("*.geojson")):
        try:
            outlines[path.name] = load_outlines(path)
        except OutlinesError as error:
            problems.extend(error.problems)
    if problems:
        raise OutlinesError(problems)
    return outlines


def read_notes(data: DataFolder):
    """A note for the editors: not data, but it must stay readable (UTF-8)."""
    path = data.path(GEO_NOTE)
    folder = path.resolve().parent
    log = ProblemLog(f"{folder.parent.name}/{folder.name}")
    if path.exists():
        read_text(path, log.file(path.name))
    if log.errors:
        raise DataFolderError(log.errors)


# Every file of the data folder (a name or a pattern inside it) → what reads it.
DATA_FILES = {
    COMMUNES_FILE: read_directory,
    ASSOCIATIONS_FILE: read_directory,
    TRADES_FILE: read_directory,
    ESTABLISHMENTS_FILE: read_directory,
    DECLARATION_FILE: read_directory,
    HISTORY_FILE: read_history,
    OETH_FILE: read_rules,
    SYNONYMS_FILE: read_synonyms,
    REQUEST_FILE: read_request_words,
    AUDIT_FILE: read_audit,
    OUTLINES: read_outlines,
    GEO_NOTE: read_notes,
    # Photos of establishments, checked with them (plugins/coopsoc/directory/photos.py):
    # a file no establishment shows is reported there, whatever its name.
    f"{PHOTOS_FOLDER}/*": read_directory,
}


def data_folder(settings) -> Path:
    """Return the data folder: DIRECTORY_PATH, « data » by default."""
    return Path(settings.get(FOLDER_SETTING) or DEFAULT_FOLDER)


def data_path(settings, name: str) -> Path:
    """Return where a file (or folder) of DATA_FILES is: inside the data folder, unless its
    setting (SETTINGS) names another place.
    """
    if not any(covers(key, name) or key.startswith(f"{name}/") for key in DATA_FILES):
        raise KeyError(f"{name} is not a file of DATA_FILES")
    head, _, rest = name.partition("/")
    chosen = settings.get(SETTINGS[head]) if head in SETTINGS else None
    base = data_folder(settings) / (chosen or head)
    return base / rest if rest else base


def uncovered(folder: Path) -> list[str]:
    """Return the files of a data folder that no row of DATA_FILES covers (hidden ones aside)."""
    names = [path.relative_to(folder).as_posix() for path in Path(folder).rglob("*")]
    return [
        name
        for name in sorted(names)
        if (Path(folder) / name).is_file()
        and not any(part.startswith(".") for part in name.split("/"))
        and not any(covers(key, name) for key in DATA_FILES)
    ]


def covers(key: str, name: str) -> bool:
    """Whether a row of DATA_FILES covers a name; « * » stays within one folder."""
    keys, names = key.split("/"), name.split("/")
    return len(keys) == len(names) and all(map(fnmatch, names, keys))
