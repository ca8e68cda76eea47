"""Read data/synonyms.yaml: the words buyers type that are not the catalogue's words.

    - mots:              # what a buyer may type (a word or an expression)
        - paysagiste
        - jardinage
      chercher:          # what to search for as well, in the site's own words
        - espaces verts

Checked with the directory's YAML machinery, so problems are reported in French with the
file, the line and the entry, all at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from plugins.coopsoc import text as _formatting
from plugins.coopsoc.data import problems as _problems
from plugins.coopsoc.data import schema as _schema
from plugins.coopsoc.data import yamlnodes as _yamlnodes

from .analysis import stem, words


class SynonymsError(_problems.DirectoryError):
    """data/synonyms.yaml cannot be used: every problem found, at once."""

    subject = "le fichier des synonymes de la recherche"


@dataclass(frozen=True)
class Synonym:
    """One expression a buyer may type, and the phrases searched for it."""

    words: tuple[str, ...]  # folded words of the expression, stop words removed
    text: str  # the expression as written
    targets: tuple[tuple[str, ...], ...]  # stems of each phrase to search
    target_texts: tuple[str, ...]  # the phrases as written
    line: int
    target_lines: tuple[int, ...]
    entry: str  # how messages name the entry, e.g. « entrée n° 3 »


def _only_stop_words(text: str) -> str:
    return (
        f"« {_formatting.shorten(text)} » ne contient que des mots ignorés par la recherche "
        "(le, la, de, et…) : écrivez un mot qui compte"
    )


def load_synonyms(path: Path) -> tuple[Synonym, ...]:
    """Return the synonyms of a YAML file (none if it does not exist); raise SynonymsError."""
    path = Path(path)
    if not path.exists():
        return ()
    log = _problems.ProblemLog(path.resolve().parent.name)
    report = log.file(path.name)
    root = _yamlnodes.parse_yaml(path, report)
    found: list[Synonym] = []
    if root is not None and not isinstance(root, _yamlnodes.Sequence):
        report.error(
            root.line,
            "le fichier doit être une liste d'entrées commençant chacune par « - mots: »",
        )
    elif root is not None:
        seen: dict[tuple[str, ...], int] = {}
        for number, node in enumerate(root.items, start=1):
            found.extend(_entry(node, number, report, seen))
    if log.errors:
        raise SynonymsError(log.errors, log.warnings)
    return tuple(found)


def _entry(node, number, report, seen) -> list[Synonym]:
    entry = _schema.Entry(node, number, report, required=("mots", "chercher"))
    if not entry.ok:
        return []
    expressions = entry.text_list("mots") or []
    phrases = entry.text_list("chercher") or []
    targets, target_texts, target_lines = [], [], []
    for item in phrases:
        analysed = words(item.value)
        if not analysed:
            entry.error(item.line, _only_stop_words(item.value), "chercher")
            continue
        targets.append(tuple(stem(word) for word in analysed))
        target_texts.append(" ".join(item.value.split()))
        target_lines.append(item.line)
    result = []
    for item in expressions:
        key = tuple(words(item.value))
        if not key:
            entry.error(item.line, _only_stop_words(item.value), "mots")
            continue
        if key in seen:
            entry.error(
                item.line,
                f"« {_formatting.shorten(item.value)} » figure déjà à la ligne {seen[key]} : "
                "une expression ne peut renvoyer qu'à une seule entrée, regroupez-les",
                "mots",
            )
            continue
        seen[key] = item.line
        result.append(
            Synonym(
                key,
                " ".join(item.value.split()),
                tuple(targets),
                tuple(target_texts),
                item.line,
                tuple(target_lines),
                entry.label,
            )
        )
    return result if targets else []


def check_against(synonyms, vocabulary, path: Path) -> None:
    """Raise SynonymsError for a phrase to search that no indexed text contains."""
    path = Path(path)
    log = _problems.ProblemLog(path.resolve().parent.name)
    report = log.file(path.name)
    reported = set()
    for synonym in synonyms:
        for stems, text, line in zip(
            synonym.targets, synonym.target_texts, synonym.target_lines, strict=True
        ):
            missing = [s for s in stems if s not in vocabulary]
            if missing and line not in reported:
                reported.add(line)
                report.error(
                    line,
                    f"« {_formatting.shorten(text)} » n'apparaît dans aucune page du site : "
                    "cette recherche ne trouverait rien ; vérifiez l'orthographe ou "
                    "choisissez un mot du catalogue des métiers",
                    synonym.entry,
                    "chercher",
                )
    if log.errors:
        raise SynonymsError(log.errors, log.warnings)
