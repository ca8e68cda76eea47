"""The theme's scripts: small functions, French formatting in one place, sent without comments.

theme/static/js is read with the publishing plugin's scanner (plugins/publishing/scripts.py),
which knows strings, regular expressions and comments, so a brace or a « // » inside them
is not taken for code.
"""

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # Lets `pytest tests/test_scripts.py` run from any folder.
    sys.path.insert(0, str(ROOT))

from plugins.publishing.scripts import ScriptError, strip_comments, tokens  # noqa: E402

SCRIPTS = ROOT / "theme" / "static" / "js"
FRENCH = SCRIPTS / "french.js"
MAX_LINES = 80

# What french.js holds once, as it appears in a script's code (comments left out): the
# pattern of its one definition there, and the pattern of a copy elsewhere.
_NBSP = re.compile(r"\\u00a0|\\xa0|\u00a0|&nbsp;", re.IGNORECASE)
_NARROW_NBSP = re.compile(r"\\u202f|\u202f", re.IGNORECASE)
_GROUPING = re.compile(r"\\d\{3\}")
FRENCH_RULES = {
    "l’espace insécable": (_NBSP, _NBSP),
    "l’espace fine insécable": (_NARROW_NBSP, _NARROW_NBSP),
    "le groupement des chiffres par trois": (_GROUPING, _GROUPING),
    # A word chosen by comparing a count with 1 (« n > 1 ? "s" : "" », « n === 1n ? "une" »).
    "la règle du pluriel": (
        re.compile(r"function pluriel\("),
        re.compile(r"(?:[<>]=?|[!=]==?)\s*1n?\s*\?\s*[\"']|\?\s*[\"']s[\"']"),
    ),
}


def functions(text: str) -> list[tuple[str, int, int]]:
    """(name, line of `function` or `=>`, line of the closing brace) of each function.

    The module wrapper, the `(function () { … })()` at the top level that only gives a
    script its own scope, is left out: the functions inside it are measured.
    """
    code = [t for t in tokens(text) if t.kind != "comment"]
    depths, depth = [], 0
    for token in code:
        depth -= token.text == "}"
        depths.append(depth)
        depth += token.text == "{"
    found = []
    for k, token in enumerate(code):
        if token.text == "function":
            body = _after_parameters(code, k)
            wrapper = k > 0 and code[k - 1].text == "(" and depths[k] == 0
        elif token.text == "=>" and k + 1 < len(code) and code[k + 1].text == "{":
            body, wrapper = k + 1, False
        else:
            continue
        if not wrapper:
            found.append((_name(code, k), token.line, code[_closing(code, body)].line))
    return found


def _after_parameters(code, k: int) -> int:
    """Index of the `{` opening the body of the function whose keyword is at k."""
    position = next(i for i in range(k, len(code)) if code[i].text == "(")
    return _closing(code, position) + 1


def _closing(code, opening: int) -> int:
    """Index of the bracket closing the one at opening."""
    pair = {"(": ")", "{": "}", "[": "]"}[code[opening].text]
    depth = 0
    for i in range(opening, len(code)):
        depth += code[i].text == code[opening].text
        depth -= code[i].text == pair
        if depth == 0:
            return i
    raise ScriptError(f"« {code[opening].text} » non fermé à la ligne {code[opening].line}")


def _name(code, k: int) -> str:
    if code[k].text == "function" and code[k + 1].kind == "word":
        return code[k + 1].text
    start = k
    if code[k].text == "=>" and code[k - 1].text == ")":  # (a) => {…}: back to the "("
        depth = 0
        for start in range(k - 1, -1, -1):
            depth += (code[start].text == ")") - (code[start].text == "(")
            if depth == 0:
                break
    if (
        start >= 2
        and code[start - 1].text in (":", "=")
        and code[start - 2].kind in ("word", "string")
    ):
        return code[start - 2].text.strip("\"'")
    return f"(anonyme, ligne {code[k].line})"


def _scripts():
    return sorted(SCRIPTS.glob("*.js"))


@pytest.mark.parametrize("script", _scripts(), ids=lambda p: p.name)
def test_no_function_is_longer_than_a_screen(script):
    """Every function of the theme's scripts fits in 80 lines, its own and its braces."""
    found = functions(script.read_text(encoding="utf-8"))
    assert found, f"{script.name} : aucune fonction trouvée"
    long = [f"{name} (lignes {a} à {b})" for name, a, b in found if b - a + 1 > MAX_LINES]
    assert not long, f"{script.name} : fonctions de plus de {MAX_LINES} lignes : {long}"


def test_the_function_scanner_measures_what_it_should():
    """Braces in strings, regexes and comments do not count; wrappers are left out."""
    body = "\n".join(f"    x += {i};" for i in range(MAX_LINES - 2))
    text = (
        '(function () {\n  "use strict";\n'
        f"  function long(x) {{\n{body}\n  }}\n"
        '  var o = { short: function () { return "}{" + /[{]/.source; /* } */ } };\n'
        "  var arrow = (a) => {\n    return a; // }\n  };\n"
        "})();\n"
    )
    found = functions(text)
    assert [(name, b - a + 1) for name, a, b in found] == [
        ("long", MAX_LINES),
        ("short", 1),
        ("arrow", 3),
    ]
    longer = text.replace("x += 0;", "x += 0;\n    x += 0;", 1)
    assert max(b - a + 1 for _, a, b in functions(longer)) == MAX_LINES + 1


def _code(script: Path) -> str:
    return strip_comments(script.read_text(encoding="utf-8"))


@pytest.mark.parametrize("rule", FRENCH_RULES, ids=list(FRENCH_RULES))
def test_french_formatting_is_written_once(rule):
    """No-break spaces, digit grouping and the plural rule: in french.js, once, and nowhere
    else (the other scripts call window.CoopsocFrench)."""
    definition, copy = FRENCH_RULES[rule]
    assert len(definition.findall(_code(FRENCH))) == 1, f"french.js devrait écrire {rule} une fois"
    elsewhere = [p.name for p in _scripts() if p != FRENCH and copy.search(_code(p))]
    assert not elsewhere, f"{rule} est réécrite dans {elsewhere} : utiliser french.js"


def test_every_page_loads_french_before_the_scripts_that_use_it(site):
    """A page that loads a script calling CoopsocFrench loads french.js before it."""
    users = {p.stem for p in _scripts() if p != FRENCH and "CoopsocFrench" in _code(p)}
    assert users >= {"search-ui", "simulator", "form-errors"}
    script = re.compile(r'<script[^>]*\bsrc="[^"]*/theme/js/([\w-]+)\.[0-9a-f]{8}\.js"')
    checked = 0
    for page in site.rglob("*.html"):
        names = script.findall(page.read_text(encoding="utf-8"))
        if users & set(names):
            assert "french" in names, page
            assert names.index("french") < min(names.index(n) for n in users & set(names)), page
            checked += 1
    assert checked >= 3


FRENCH_CASES = [
    # (expression, expected)
    ("F.number(2712)", "2\u202f712"),
    ("F.number(1234567n)", "1\u202f234\u202f567"),
    ("F.number(999)", "999"),
    ("F.decimal('1234.5')", "1\u202f234,5"),
    ("F.decimal(7.5)", "7,5"),
    ("F.decimal(12)", "12"),
    ("F.euros('19232.00')", "19\u202f232,00\u00a0€"),
    ("F.pluriel(0, 'mot', 'mots')", "mot"),
    ("F.pluriel(1, 'mot', 'mots')", "mot"),
    ("F.pluriel(2, 'mot', 'mots')", "mots"),
    ("F.pluriel(1n, 'mot', 'mots')", "mot"),
    ("F.quantity(1500, 'résultat', 'résultats')", "1\u202f500 résultats"),
    ("F.quantity(0, 'filtre actif', 'filtres actifs')", "0 filtre actif"),
    ("F.NBSP + F.NARROW_NBSP", "\u00a0\u202f"),
]


def test_french_module_writes_numbers_and_plurals(page):
    """french.js, run in the browser, writes as the build's filters do."""
    page.set_content("<!doctype html><title>t</title>")
    page.add_script_tag(path=str(FRENCH))
    results = page.evaluate(
        "cases => cases.map(c => new Function('F', 'return ' + c)(window.CoopsocFrench))",
        [expression for expression, _ in FRENCH_CASES],
    )
    assert results == [expected for _, expected in FRENCH_CASES]


STRIP_CASES = [
    # (script, without its comments)
    ("// seul\nvar a = 1;\n", "var a = 1;\n"),
    ("var a = 1; // après\nvar b;\n", "var a = 1;\nvar b;\n"),
    ("/* un\n * bloc\n */\nvar a;\n", "var a;\n"),
    ("var a = 1 /* milieu */ + 2;\n", "var a = 1  + 2;\n"),
    ("var a = 1/**/+2;\n", "var a = 1 +2;\n"),
    ("var u = 'http://x/*y*/';\n", "var u = 'http://x/*y*/';\n"),
    ("var r = /\\/\\/[/*]/g; // r\n", "var r = /\\/\\/[/*]/g;\n"),
    ("var d = a / b; // d\nvar e = c / 2;\n", "var d = a / b;\nvar e = c / 2;\n"),
    ("  if (x) {\n    // seul\n    y();\n  }\n", "  if (x) {\n    y();\n  }\n"),
]


@pytest.mark.parametrize(("script", "expected"), STRIP_CASES)
def test_comments_are_stripped_and_nothing_else(script, expected):
    """Comments go, strings, regexes and divisions stay."""
    assert strip_comments(script) == expected


def test_unreadable_script_is_refused():
    """An unclosed string or comment stops the build rather than cut the code."""
    for script in ("var a = 'x;\n", "/* sans fin\n", "var r = /abc\n"):
        with pytest.raises(ScriptError):
            strip_comments(script)


def test_built_scripts_are_the_source_without_comments(site):
    """Each theme script in the build has the source's code, token for token, and no comment."""
    built = {p.name.split(".")[0]: p for p in (site / "theme" / "js").glob("*.js")}
    assert set(built) == {p.stem for p in _scripts()}
    for source in _scripts():
        text = built[source.stem].read_text(encoding="utf-8")
        code = [t.text for t in tokens(source.read_text(encoding="utf-8")) if t.kind != "comment"]
        assert [t.text for t in tokens(text)] == code, source.name
        assert len(text) < len(source.read_text(encoding="utf-8")), source.name
