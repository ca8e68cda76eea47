"""Explain YAML syntax errors in French, at the line where the editor must look."""

from __future__ import annotations

import re

import yaml

from .problems import FileReport

# The line breaks YAML counts, so that line numbers match PyYAML's marks.
LINE_BREAK = re.compile(r"\r\n|[\n\r\x85\u2028\u2029]")
_BAD_START = re.compile(r"found character '(.+)' that cannot start any token")


def report_syntax_error(text: str, exc: yaml.MarkedYAMLError, report: FileReport) -> None:
    """Report a file PyYAML cannot parse, tabulations first (its most common cause)."""
    tab_lines = [
        number
        for number, line in enumerate(LINE_BREAK.split(text), start=1)
        if "\t" in line[: len(line) - len(line.lstrip(" \t"))]
    ]
    if tab_lines:
        others = ""
        if len(tab_lines) > 1:
            shown = ", ".join(str(n) for n in tab_lines[1:6])
            more = " …" if len(tab_lines) > 6 else ""
            others = f" (et aussi aux lignes {shown}{more})"
        report.error(
            tab_lines[0],
            f"tabulation utilisée pour l'indentation à la ligne {tab_lines[0]}{others} : "
            "YAML n'accepte que des espaces, remplacez chaque tabulation par des espaces",
        )
        return
    explanation, use_context, hint = _explain(exc)
    mark = exc.context_mark if use_context and exc.context_mark else exc.problem_mark
    mark = mark or exc.context_mark
    line = mark.line + 1 if mark else None
    if hint:
        explanation += " (vérifiez l'indentation et les deux-points)"
    report.error(line, f"syntaxe YAML invalide : {explanation}")


# PyYAML error → (words in its problem, words in its context, French explanation,
# whether the place is where the construct started, whether to hint at indentation).
_EXPLANATIONS = (
    ("end of stream", "quoted scalar", "un guillemet ouvert ici n'est jamais refermé", True, False),
    (
        "unknown escape character",
        "",
        "barre oblique inverse « \\ » dans un texte entre guillemets doubles : utilisez des "
        "guillemets simples ou doublez-la (« \\\\ »)",
        False,
        False,
    ),
    (
        "mapping values are not allowed",
        "",
        "deux-points inattendu : si la valeur contient « : », entourez-la de guillemets ; "
        "sinon, alignez cette ligne sur les champs voisins",
        False,
        True,
    ),
    (
        "could not find expected ':'",
        "",
        "il manque les deux-points « : » après le nom du champ",
        True,
        True,
    ),
    ("", "flow sequence", "un crochet « [ » ouvert ici n'est pas refermé", True, False),
    ("", "flow mapping", "une accolade « { » ouverte ici n'est pas refermée", True, False),
    (
        "",
        "expected a single document",
        "le fichier contient plusieurs documents séparés par « --- » : n'en gardez qu'un",
        False,
        False,
    ),
    ("undefined alias", "", "référence « * » à une ancre « & » qui n'existe pas", False, False),
    (
        "expected <block end>",
        "",
        "cette ligne n'est pas alignée avec les lignes du même niveau",
        False,
        True,
    ),
    (
        "expected key",
        "",
        "cette ligne n'est pas alignée avec les lignes du même niveau",
        False,
        True,
    ),
    ("'-' indicator", "", "cet élément de liste n'est pas aligné avec les autres", False, True),
)


def _explain(exc: yaml.MarkedYAMLError) -> tuple[str, bool, bool]:
    """Return a French explanation of a PyYAML error, where to place it, and the hint flag."""
    problem = exc.problem or ""
    context = exc.context or ""
    for in_problem, in_context, explanation, use_context, hint in _EXPLANATIONS:
        if in_problem in problem and in_context in context:
            return explanation, use_context, hint
    found = _BAD_START.search(problem)
    if found:
        return (
            f"une valeur ne peut pas commencer par le caractère « {found.group(1)} » : "
            "entourez-la de guillemets",
            False,
            False,
        )
    return f"structure incorrecte ({problem or context})", False, True
