"""The characters the pages show, gathered as each page is written.

page_characters(page) is what one page shows: its text (not its markup, scripts or
styles) and the attributes a browser draws. The fonts need the union over every page, and
after the first pages almost every page shows only characters already found: Shown reads
a page with two regular expressions that only check that (its text, and every quoted
value after "=", hold nothing but characters found and entities that decode to them),
and runs page_characters on the few pages that show something new. The union is the same
as page_characters over every page.

Pages written by output.write_page are read when they are written, in whichever process
writes them (read_pages); the fonts read the other pages back at the end (fonts.py).
"""

import html
import re

from pelican import signals

from plugins.coopsoc.output import PAGE_FILTERS, read_pages

from .settings import publishing_settings

# Markup, comments, and the content of scripts and styles: none of it is drawn.
_MARKUP = re.compile(r"<!--.*?-->|<(script|style)\b.*?</\1\s*>|<[^>]*>", re.DOTALL | re.IGNORECASE)
_SHOWN_ATTRIBUTE = re.compile(
    r"""\s(?:alt|title|placeholder|value|label)\s*=\s*("[^"]*"|'[^']*')""", re.IGNORECASE
)
# The end of a shown attribute's name before its "=" (and the spaces between).
_SHOWN_NAME = re.compile(r"\s(?:alt|title|placeholder|value|label)\Z", re.IGNORECASE)
# A character reference as html.unescape finds one, and those Shown accepts as they are:
# ended by ";", they decode alone as they do in their page.
_CHARREF = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)")
_WHOLE_CHARREF = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]{0,31});\Z")


def page_characters(document: str) -> set[str]:
    """Characters a page shows: its text (not its markup, scripts or styles), and the
    attributes a browser draws (alt, title, placeholder, value, label)."""
    found = set(html.unescape(_MARKUP.sub(" ", document)))
    for match in _SHOWN_ATTRIBUTE.finditer(document):
        found.update(html.unescape(match.group(1)[1:-1]))
    return found


# A class that matches nothing.
_NOTHING = r"[^\s\S]"
# Markup as _MARKUP reads it: a comment, a script, a style, a tag.
_TAG = r"<(?:!--.*?-->|(?i:script)\b.*?</(?i:script)\s*>|(?i:style)\b.*?</(?i:style)\s*>|[^>]*>)"


def _any_of(characters) -> str:
    """A character class of characters, or a class that matches nothing."""
    return "[" + "".join(re.escape(c) for c in sorted(characters)) + "]" if characters else _NOTHING


class Shown:
    """The union of page_characters over the pages read."""

    def __init__(self):
        self.found: set[str] = set()
        self.references: set[str] = set()
        self._compile()

    def _compile(self):
        references = "|".join(re.escape(r) for r in sorted(self.references)) or _NOTHING
        known = f"(?:{references})"
        # The page's markup as _MARKUP reads it, then text made of characters found: the
        # match ends where a page shows something else (or at its end).
        text = _any_of(self.found - set("<&"))
        self._text = re.compile(rf"(?:{text}+|{_TAG}|{known})*+", re.DOTALL)
        # A quoted value after "=" holding something else, after the end of a shown name
        # or a space: is it the value of a shown attribute?
        double, single = _any_of(self.found - set('"&')), _any_of(self.found - set("'&"))
        self._value = re.compile(
            r"=(?:(?<=(?i:lt|le|er|ue|el)=)|(?<=\s=))"
            rf"""\s*(?:"(?:{double}+|{known})*+[^"]|'(?:{single}+|{known})*+[^'])"""
        )

    def _shows_new(self, document: str) -> bool:
        """Whether the page may show a character not found yet."""
        # page_characters reads each piece of markup as a space: _text takes it as found.
        if " " not in self.found or self._text.match(document).end() != len(document):
            return True
        # Every "=", even inside another value: _SHOWN_ATTRIBUTE does not follow quotes.
        position = 0
        while match := self._value.search(document, position):
            end = position = match.start()
            while end > 0 and document[end - 1].isspace():
                end -= 1
            if _SHOWN_NAME.search(document, max(0, end - 12), end):
                return True
            position += 1
        return False

    def read(self, document: str) -> None:
        """Add the characters the page shows."""
        if not self._shows_new(document):
            return
        self.found |= page_characters(document)
        for match in _CHARREF.finditer(document):
            reference = match.group()
            if _WHOLE_CHARREF.match(reference) and set(html.unescape(reference)) <= self.found:
                self.references.add(reference)
        self._compile()

    def gathered(self) -> set[str]:
        """What a forked process found, for merge in the process that forked it."""
        return self.found

    def merge(self, characters) -> None:
        """Add characters found in another process."""
        if not set(characters) <= self.found:
            self.found |= set(characters)
            self._compile()


class _Pages:
    """The characters of the pages written by write_page in this build, and their files."""

    def __init__(self):
        self.enabled = True
        self.reset()

    def reset(self, pelican=None):
        """Receiver of initialized: a new build, its pages read if its fonts are subset."""
        if pelican is not None:
            self.enabled = publishing_settings(pelican.settings)["PUBLISHING_SUBSET_FONTS"]
        self.shown = Shown()
        self.files: set[str] = set()

    # write_page's readers: read in the process that writes the page, merged back here.
    def read(self, document: str) -> None:
        if self.enabled:
            self.shown.read(document)

    def gathered(self):
        return self.shown.gathered()

    def merge(self, characters) -> None:
        self.shown.merge(characters)

    def note(self, path, context=None):
        """Receiver of content_written: a page of write_page's, read when it was written."""
        if self.enabled and PAGE_FILTERS in (context or {}):
            self.files.add(str(path))


PAGES = _Pages()


def register():
    """Read every page write_page writes; start afresh with each build."""
    read_pages(PAGES)
    signals.initialized.connect(PAGES.reset)
    signals.content_written.connect(PAGES.note)
