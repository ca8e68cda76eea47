"""A list at the left margin is read item by item: the same nodes, lines and problems as
when the whole file is composed at once, and the whole file is read where that cannot be."""

from pathlib import Path

import pytest

from plugins.coopsoc.data import yamlnodes

ROOT = Path(__file__).resolve().parents[1]


class Calls:
    """A stand-in for FileReport that records what it is told."""

    def __init__(self):
        self.calls = []

    def error(self, *args):
        self.calls.append(("error", args))

    def warning(self, *args):
        self.calls.append(("warning", args))


def whole(text: str):
    report = Calls()
    return yamlnodes._convert(yamlnodes._compose(text), report, set()), report.calls


def by_item(text: str):
    report = Calls()
    return yamlnodes._by_item(text, report), report.calls


LISTS = {
    "commentaires et lignes vides": (
        "# Annuaire\n\n- id: a\n  nom: A\n\n# suite\n- id: b\n  nom: 'B'\n"
    ),
    "fins de ligne Windows": "- id: a\r\n  nom: A\r\n- id: b\r\n  n: 12\r\n",
    "saut de ligne Unicode dans un texte": '- id: a\n  nom: "A\u2028B"\n- id: b\n  nom: C\n',
    "texte sur plusieurs lignes": (
        "- id: a\n  texte: |\n    un\n    deux\n- id: b\n  texte: >\n    trois\n"
    ),
    "étiquette et clé en double": "- id: a\n  id: b\n- !!python/str x\n- id: c\n  n: 1.5\n",
    "listes imbriquées": "- - 1\n  - 2\n- [3, 4]\n-\n- id: d\n",
}


@pytest.mark.parametrize("text", LISTS.values(), ids=list(LISTS))
def test_a_list_read_item_by_item_is_the_whole_list(text):
    nodes, calls = by_item(text)
    assert nodes is not None, "read item by item"
    assert (nodes, calls) == whole(text)


KEPT_WHOLE = {
    "ancre d'un élément à l'autre": "- &a {id: a}\n- *a\n",
    "document en deux parties": "- id: a\n---\n- id: b\n",
    "clé à la marge": "- id: a\ncle: b\n",
    "un seul élément": "- id: a\n",
    "guillemet ouvert sur deux éléments": "- nom: 'a\n- b'\n- id: c\n",
    "tabulation à la marge": "- id: a\n\t- id: b\n",
}


@pytest.mark.parametrize("text", KEPT_WHOLE.values(), ids=list(KEPT_WHOLE))
def test_what_cannot_be_read_item_by_item_is_read_whole(text):
    assert by_item(text) == (None, [])


@pytest.mark.parametrize(
    "path",
    [ROOT / "data" / "establishments.yaml", ROOT / "tests" / "fixtures" / "data" / "history.yaml"],
)
def test_the_directory_is_read_item_by_item(path):
    text = path.read_text(encoding="utf-8")
    nodes, calls = by_item(text)
    assert nodes is not None
    assert (nodes, calls) == whole(text)
