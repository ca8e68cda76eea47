"""Send the theme's scripts without their comments: the source explains, visitors get code.

The comments of theme/static/js are a third of what the search page's scripts weigh
(tests/test_budgets.py). They stay in the source; the copies in the output lose them,
before fingerprinting names the files. Nothing else changes: the code keeps its lines,
spaces and names, so an error in a browser still reads as the source does.

tokens() is a small JavaScript scanner (strings, template literals, regular expressions,
comments); tests/test_scripts.py also measures the scripts' functions with it.
"""

import fnmatch
import re
from functools import partial
from pathlib import Path
from typing import NamedTuple

from plugins.coopsoc.memo import digest, remember
from plugins.coopsoc.output import write_text

from .settings import publishing_settings


class Token(NamedTuple):
    """A piece of a script: kind is word, number, punct, string, regex or comment."""

    kind: str
    text: str
    start: int
    line: int


# After these, a slash opens a regular expression; after anything else it divides.
_REGEX_AFTER_WORDS = {"return", "typeof", "instanceof", "in", "of", "new", "delete", "void"}
_REGEX_AFTER_WORDS |= {"throw", "case", "do", "else", "yield", "await"}
_WORD = re.compile(r"[A-Za-z_$\u00c0-\uffff][\w$\u00c0-\uffff]*")
_NUMBER = re.compile(r"[0-9][\w.]*|\.[0-9][\w]*")


class ScriptError(ValueError):
    """The scanner met something it does not read (an unclosed string, comment or regex)."""


def _string_end(text: str, start: int) -> int:
    """Return the index just past the string or template literal opened at start."""
    quote, position = text[start], start + 1
    while position < len(text):
        char = text[position]
        if char == "\\":
            position += 2
            continue
        if char == quote:
            return position + 1
        if quote == "`" and text.startswith("${", position):
            line = text.count("\n", 0, position) + 1
            raise ScriptError(f"gabarit avec ${{…}} à la ligne {line} : non pris en charge")
        if char == "\n" and quote != "`":
            break
        position += 1
    raise ScriptError(f"chaîne non fermée à la ligne {text.count(chr(10), 0, start) + 1}")


def _regex_end(text: str, start: int) -> int:
    """Return the index just past the regular expression literal (flags included) at start."""
    position, in_class = start + 1, False
    while position < len(text) and text[position] != "\n":
        char = text[position]
        if char == "\\":
            position += 2
            continue
        if char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == "/" and not in_class:
            position += 1
            while position < len(text) and (text[position].isalnum() or text[position] == "_"):
                position += 1
            return position
        position += 1
    raise ScriptError(
        f"expression régulière non fermée à la ligne {text.count(chr(10), 0, start) + 1}"
    )


def _opens_regex(previous: Token | None) -> bool:
    if previous is None:
        return True
    if previous.kind == "word":
        return previous.text in _REGEX_AFTER_WORDS
    return previous.kind == "punct" and previous.text not in (")", "]", "}")


def tokens(text: str):
    """Yield the tokens of a script, comments included, each with its first line."""
    position, line, previous = 0, 1, None
    while position < len(text):
        char = text[position]
        if char.isspace():
            line += char == "\n"
            position += 1
            continue
        if text.startswith("//", position):
            end = text.find("\n", position)
            end = len(text) if end < 0 else end
            kind = "comment"
        elif text.startswith("/*", position):
            end = text.find("*/", position + 2)
            if end < 0:
                raise ScriptError(f"commentaire non fermé à la ligne {line}")
            end += 2
            kind = "comment"
        elif char in "\"'`":
            end, kind = _string_end(text, position), "string"
        elif char == "/" and _opens_regex(previous):
            end, kind = _regex_end(text, position), "regex"
        elif match := _WORD.match(text, position):
            end, kind = match.end(), "word"
        elif match := _NUMBER.match(text, position):
            end, kind = match.end(), "number"
        else:
            end = position + (2 if text.startswith("=>", position) else 1)
            kind = "punct"
        token = Token(kind, text[position:end], position, line)
        if kind != "comment":
            previous = token
        yield token
        line += token.text.count("\n")
        position = end


def strip_comments(text: str) -> str:
    """Return the script without its comments; a line that held only comments goes too."""
    out, position = [], 0
    for token in tokens(text):
        if token.kind != "comment":
            continue
        line_start = text.rfind("\n", 0, token.start) + 1
        line_end = text.find("\n", token.start + len(token.text))
        line_end = len(text) if line_end < 0 else line_end
        before = text[max(position, line_start) : token.start]
        after = text[token.start + len(token.text) : line_end]
        alone = position <= line_start and not before.strip() and not after.strip()
        if alone:  # drop the whole line, its newline included
            out.append(text[position:line_start])
            position = line_end + 1
        elif not after.strip():  # a comment ending its line: drop it and the spaces before
            out.append(text[position : token.start].rstrip(" \t"))
            position = token.start + len(token.text)
        else:  # between two pieces of code: keep them apart, by one space
            spaced = text[token.start - 1].isspace() or after[0].isspace()
            out.append(text[position : token.start] + ("" if spaced else " "))
            position = token.start + len(token.text)
    out.append(text[position:])
    return "".join(out)


def _scripts(output: Path, patterns) -> set[Path]:
    """The scripts under the folders the patterns name before their first wildcard: the
    output's thousands of page folders are not walked for a theme's few scripts."""
    found = set()
    for pattern in patterns:
        folder = re.split(r"[*?[]", pattern, maxsplit=1)[0].rpartition("/")[0]
        found.update((output / folder).rglob("*.js"))
    return found


def run(pelican):
    """Strip the comments of the output's scripts named by PUBLISHING_STRIP_COMMENTS."""
    patterns = publishing_settings(pelican.settings)["PUBLISHING_STRIP_COMMENTS"]
    output = Path(pelican.output_path)
    for path in sorted(_scripts(output, patterns)):
        relative = path.relative_to(output).as_posix()
        if any(fnmatch.fnmatch(relative, pattern) for pattern in patterns):
            text = path.read_text(encoding="utf-8")
            # In the preview, a script as in the build before is not read through again.
            stripped = remember(
                pelican.settings, "script", partial(digest, text), partial(strip_comments, text)
            )
            write_text(output, relative, stripped)
