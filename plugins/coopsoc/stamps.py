"""Pages that differ only by a few words about their subject, rendered once as a stamp.

The request form is written prefilled for each establishment: thousands of pages that say
the same thing but for the establishment's name (title, description, chosen option), its
identifier and its commune. write_page(…, page_stamp=Stamp(establishment, values, …))
renders such a page once as a stamp: the template sees a stand-in of the establishment
whose marked attributes (Stamp.marked: its name, identifier, commune's name) are marks,
and the page filters (French typography) run once on the result, the text holding a mark
left to typeset once filled (typography.pieces). Each page of the family is then the
stamp, its subject's words filled in.

The stand-in gives every other attribute the template reads from the real subject, and
notes it: a page uses a stamp only if its subject agrees with the stamp's on every
attribute read (its type…), and on what else its values hold (Stamp.shared). The first
page of each stamp is also rendered whole and compared with it: a template that
transforms a marked word (cuts it, changes its case) or writes it where its mark is not
found as it is (in an encoded address, in JSON) has every page of the family rendered
whole. A word that typography or a description's tags stripped would read otherwise in
its page (a space at its ends, two spaces) has its page rendered whole.
tests/test_build.py compares a site written with stamps with one written without.
"""

from dataclasses import dataclass
from functools import reduce

from markupsafe import escape

from . import pieces

# The marks of a stamp's words, in the order of Stamp.marked: private-use characters,
# which no text of the site holds (sitekit's FRAGMENT_SLOT, U+E000, is another).
MARKS = "\ue001\ue002\ue003\ue004"
# The context key of a page's stamp (write_page's value).
STAMP = "page_stamp"
# A family whose stamps do not give the pages rendered whole.
_REFUSED = object()


@dataclass(frozen=True)
class Stamp:
    """A page's subject and how its template sees it.

    values(subject or its stand-in) gives the page's values of write_page; shared is what
    else these values hold (the pages of one stamp have the same); marked names the
    subject's attributes that differ from page to page (dotted: "commune.nom"), written
    as they are, escaped; "id" is also replaced in the page's path.
    """

    subject: object
    values: object
    shared: tuple = ()
    marked: tuple = ("nom", "id")


class _StandIn:
    """A stamp's subject (or one of its attributes) as the template reads it: marked
    attributes are marks, any other is the subject's own, noted in read (by path)."""

    def __init__(self, subject, marks: dict, read: dict, prefix: str = ""):
        self._subject, self._marks, self._read, self._prefix = subject, marks, read, prefix

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        path = self._prefix + name
        if path in self._marks:
            return self._marks[path]
        value = getattr(self._subject, name)
        if any(marked.startswith(path + ".") for marked in self._marks):
            return _StandIn(value, self._marks, self._read, path + ".")
        self._read[path] = value
        return value


@dataclass
class _Entry:
    """A stamp: the page rendered for a stand-in, typeset apart from its marks."""

    piece: object
    # The page's pieces (pieces.rendering), the same in every page of the stamp.
    rendered: list
    # Whether a page from the stamp was found equal to the page rendered whole.
    checked: bool = False


def render(template, context: dict, render_whole, readers) -> str | None:
    """The page of context (which names its Stamp) from its family's stamp, or None if it
    cannot be: render_whole(context) renders it then.

    render_whole is how output._FilteredTemplate renders a page whole; readers read every
    page written (output.read_pages).
    """
    stamp = context[STAMP]
    words = _words(stamp)
    filters = list(pieces.PIECE_FILTERS.values())
    if words is None or len(filters) != 1 or filters[0] is None:
        return None
    families = template.environment.__dict__.setdefault("coopsoc_stamps", {})
    family = families.setdefault(template.name, {})
    if family is _REFUSED:
        return None
    entry = _found(family, stamp)
    if entry is None:
        # A new stamp, made from a stand-in; checked on the first page that can use it.
        entry, names = _make(template, context, stamp)
        key = _key(names, stamp)
        if entry is None or key is None:
            families[template.name] = _REFUSED
            return None
        family.setdefault(names, {})[key] = entry
    if not all(map(entry.piece.accepts, words)):
        return None
    html = _filled(entry, words)
    if entry.checked:
        for reader in readers:
            reader.read(html)
        return pieces.fill(html, entry.rendered)
    whole = render_whole(context)
    if pieces.fill(html, entry.rendered) != whole:
        families[template.name] = _REFUSED
        return whole
    entry.checked = True
    # What the page's pieces show is read once, here; then each page's own text.
    for reader in readers:
        for text in pieces.shown(entry.rendered):
            reader.read(text)
    return whole


def _found(family: dict, stamp: Stamp):
    """The family's stamp for a page's subject and shared values, or None."""
    for names, entries in family.items():
        entry = entries.get(_key(names, stamp))
        if entry is not None:
            return entry
    return None


def _words(stamp: Stamp) -> list[str] | None:
    """The subject's marked words, escaped, or None if one would not read in a stamp as
    in its page rendered whole."""
    words = []
    for path in stamp.marked:
        word = str(reduce(getattr, path.split("."), stamp.subject))
        # A description's tags stripped (og:description) collapses its spaces.
        if word != " ".join(word.split()) or any(mark in word for mark in MARKS):
            return None
        words.append(str(escape(word)))
    return words


def _key(names: tuple, stamp: Stamp):
    """What a stamp is made of: the stamp's shared values and the subject's attributes
    read (names, by path); None if they cannot be compared."""
    try:
        read = tuple(reduce(getattr, name.split("."), stamp.subject) for name in names)
        key = (stamp.shared, read)
        hash(key)
    except (AttributeError, TypeError):
        return None
    return key


def _make(template, context: dict, stamp: Stamp):
    """Render a stamp for a page; return it (or None if the page cannot be stamped) and
    the paths of the subject's attributes the template read."""
    marks = dict(zip(stamp.marked, MARKS, strict=False))
    if len(marks) < len(stamp.marked):
        return None, ()
    read: dict = {}
    marked = dict(context)
    marked.update(stamp.values(_StandIn(stamp.subject, marks, read)))
    if "id" in marks:
        for key in ("page_path", "output_file"):
            if isinstance(marked.get(key), str):
                marked[key] = marked[key].replace(str(stamp.subject.id), marks["id"])
    with pieces.rendering() as rendered:
        html = template.render(marked)
    names = tuple(sorted(read))
    held = "".join(piece for piece, _ in rendered)
    if any(mark in held for mark in MARKS):
        return None, names
    prepare = next(iter(pieces.PIECE_FILTERS.values()))
    piece = prepare(html, "".join(marks.values()))
    return (None if piece is None else _Entry(piece, rendered)), names


def _filled(entry: _Entry, words: list[str]) -> str:
    """The stamp's page, typeset, its words in place, its pieces still stand-ins."""
    html, _ = entry.piece.fill(words[0], tuple(zip(MARKS[1:], words[1:], strict=False)))
    return html
