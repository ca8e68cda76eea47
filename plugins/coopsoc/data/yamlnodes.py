"""Read a YAML data file into nodes that remember their line numbers.

PyYAML's constructor drops line numbers and silently keeps the last of two duplicate keys,
so values are built here from the composer's nodes instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from plugins.coopsoc.text import shorten

from .problems import FileReport
from .textfile import read_text
from .yamlerrors import LINE_BREAK, report_syntax_error

TEXT = "texte"
INTEGER = "nombre entier"
DECIMAL = "nombre décimal"
BOOLEAN = "booléen"
DATE = "date"
EMPTY = "vide"

_TAG = "tag:yaml.org,2002:"
# Only plain decimal notation counts as a number: YAML 1.1 would read 012 as octal
# and 1:30 as 90 (base 60), traps no editor expects.
_INTEGER = re.compile(r"[-+]?[0-9]+\Z")
_DECIMAL = re.compile(r"[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\Z")
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


@dataclass(frozen=True, slots=True)
class Scalar:
    """A single value: value is str, int, float, bool or None, as kind says."""

    value: str | int | float | bool | None
    kind: str
    source: str
    line: int


@dataclass(frozen=True, slots=True)
class Sequence:
    """A YAML list."""

    items: tuple
    line: int


@dataclass(frozen=True, slots=True)
class Field:
    """One « clé: valeur » pair of a mapping."""

    key: str
    line: int
    node: Scalar | Sequence | Mapping


@dataclass(frozen=True, slots=True)
class Mapping:
    """A YAML mapping; duplicates holds the repeated keys with their first line."""

    fields: dict
    line: int
    duplicates: tuple


def describe(node) -> str:
    """Return what a node is, in French, e.g. « un texte « abc » »."""
    if isinstance(node, Sequence):
        return "une liste"
    if isinstance(node, Mapping):
        return "un ensemble de champs « clé: valeur »"
    if node.kind == EMPTY:
        return "une valeur vide"
    article = "une" if node.kind == DATE else "un"
    return f"{article} {node.kind} « {shorten(node.source)} »"


def parse_yaml(path: Path, report: FileReport):
    """Return the root node of a YAML file, or None after reporting why it cannot be read."""
    text = read_text(path, report)
    if text is None:
        return None
    listed = _by_item(text, report)
    if listed is not None:
        return listed
    try:
        root = _compose(text)
    except yaml.MarkedYAMLError as exc:
        report_syntax_error(text, exc, report)
        return None
    except yaml.reader.ReaderError as exc:
        line = len(LINE_BREAK.findall(text, 0, exc.position)) + 1
        report.error(
            line,
            f"caractère invisible interdit (code U+{exc.character:04X}) : "
            "supprimez-le (il vient souvent d'un copier-coller)",
        )
        return None
    if root is None:
        report.error(1, "le fichier est vide (ou ne contient que des commentaires)")
        return None
    return _convert(root, report, set())


# A file that is a list written at the left margin, item after item (the directory), is
# composed one item at a time: its nodes never all live at once. Any other line at the
# margin (a document marker, a directive, a key, a tab) keeps the file in one piece.
_ITEM = re.compile(r"^-(?= |\r?$)", re.MULTILINE)
_MARGIN_OTHER = re.compile(r"^(?!- |-\r?$|#|\r?$| )", re.MULTILINE)


class _Deferred:
    """The problems an item reports, told only once every item has been read."""

    def __init__(self):
        self.calls = []

    def __getattr__(self, name):
        return lambda *args, **kwargs: self.calls.append((name, args, kwargs))


def _by_item(text: str, report: FileReport) -> Sequence | None:
    """Return what _convert gives for the whole list, reading it item by item; None when
    the file is not such a list or an item cannot be read alone (the whole file is then
    read in one piece, and its errors told as usual)."""
    starts = [match.start() for match in _ITEM.finditer(text)]
    if len(starts) < 2 or _MARGIN_OTHER.search(text) or _FAST_LOADER is None:
        return None
    deferred = _Deferred()
    items = []
    offset = len(LINE_BREAK.findall(text, 0, starts[0]))
    for begin, end in zip(starts, [*starts[1:], len(text)], strict=True):
        chunk = text[begin:end]
        try:
            node = yaml.compose(chunk, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            return None
        if not isinstance(node, yaml.SequenceNode) or len(node.value) != 1:
            return None
        items.append(_convert(node.value[0], deferred, set(), offset))
        offset += len(LINE_BREAK.findall(chunk))
    for name, args, kwargs in deferred.calls:
        getattr(report, name)(*args, **kwargs)
    return Sequence(tuple(items), items[0].line)


def read_root(path: Path, report: FileReport, expected: type, shape: str):
    """Return a file's top node if it is of the expected type, or None after saying why not.

    shape tells what the file must contain, as the start of the message.
    """
    root = parse_yaml(path, report)
    if root is None:
        return None
    if not isinstance(root, expected):
        report.error(root.line, f"{shape} ; trouvé : {describe(root)}")
        return None
    return root


def _compose(text: str):
    """Return the root node; libyaml is five times faster when installed."""
    if _FAST_LOADER is not None:
        try:
            return yaml.compose(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            pass  # Parsed again below: PyYAML's own messages are the ones explained.
    return yaml.compose(text, Loader=yaml.SafeLoader)


def _convert(node, report: FileReport, active: set, offset: int = 0):
    line = node.start_mark.line + 1 + offset
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node, line, report)
    if id(node) in active:
        report.error(line, "référence YAML circulaire (une ancre « & » se contient elle-même)")
        return Scalar(None, EMPTY, "", line)
    active.add(id(node))
    try:
        if isinstance(node, yaml.SequenceNode):
            items = tuple(_convert(item, report, active, offset) for item in node.value)
            return Sequence(items, line)
        return _mapping(node, line, report, active, offset)
    finally:
        active.discard(id(node))


def _mapping(node, line: int, report: FileReport, active: set, offset: int) -> Mapping:
    fields: dict[str, Field] = {}
    duplicates = []
    for key_node, value_node in node.value:
        key_line = key_node.start_mark.line + 1 + offset
        if not isinstance(key_node, yaml.ScalarNode):
            report.error(key_line, "nom de champ invalide : un nom de champ est un simple mot")
            continue
        field = Field(key_node.value, key_line, _convert(value_node, report, active, offset))
        if field.key in fields:
            duplicates.append((field, fields[field.key].line))
        else:
            fields[field.key] = field
    return Mapping(fields, line, tuple(duplicates))


def _scalar(node, line: int, report: FileReport) -> Scalar:
    text = node.value
    tag = node.tag
    if tag == _TAG + "null":
        return Scalar(None, EMPTY, text, line)
    if tag == _TAG + "bool" and text.lower() in ("true", "false"):
        return Scalar(text.lower() == "true", BOOLEAN, text, line)
    if tag == _TAG + "int" and _INTEGER.match(text):
        return Scalar(int(text), INTEGER, text, line)
    if tag == _TAG + "float" and _DECIMAL.match(text):
        return Scalar(float(text), DECIMAL, text, line)
    if tag == _TAG + "timestamp":
        return Scalar(text, DATE, text, line)
    if not tag.startswith(_TAG):
        report.error(line, f"étiquette YAML « {tag} » non prise en charge : supprimez-la")
    # Anything else is text as written, including yes/no/on/off (YAML 1.2 reads them so).
    return Scalar(text, TEXT, text, line)
