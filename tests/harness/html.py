"""Parsed HTML for the tests: the tree a browser builds, queried with CSS selectors.

tinyhtml5 parses as the HTML standard says (implied elements, raw text, character
references), cssselect2 matches selectors on that tree; both come with WeasyPrint
(requirements.txt). A test reads pages through `read_page` and asks questions of Nodes:

    page = read_page(site / "index.html")
    [link.get("href") for link in page.select("nav a")]
    page.one("h1").text
"""

import functools
from pathlib import Path

import cssselect2
import tinyhtml5

# What a visitor does not read as text: scripts, styles, templates, the tab's title.
NOT_SHOWN = frozenset({"script", "style", "template", "title"})
_PREFIXES = {
    "http://www.w3.org/1999/xlink": "xlink",
    "http://www.w3.org/XML/1998/namespace": "xml",
    "http://www.w3.org/2000/xmlns/": "xmlns",
}


def _attribute_name(key: str) -> str:
    """Spell a namespaced attribute as in the source (`xlink:href`), others unchanged."""
    if key.startswith("{"):
        namespace, _, local = key[1:].partition("}")
        return f"{_PREFIXES.get(namespace, namespace)}:{local}"
    return key


class Node:
    """One element of a parsed page: its tag, attributes and text; queried with selectors."""

    __slots__ = ("_wrapper",)

    def __init__(self, wrapper: cssselect2.ElementWrapper):
        self._wrapper = wrapper

    def __repr__(self) -> str:
        return f"<{self.tag} {self.attrs}>"

    def __eq__(self, other) -> bool:
        return isinstance(other, Node) and other._wrapper.etree_element is self._element

    def __hash__(self) -> int:
        return id(self._element)

    @property
    def _element(self):
        return self._wrapper.etree_element

    @property
    def tag(self) -> str:
        """The element's name, lowercased (`svg`, `a`, `lineargradient`)."""
        return self._wrapper.local_name.lower()

    @property
    def attrs(self) -> dict[str, str]:
        """The element's attributes, by name as written (`class`, `xlink:href`)."""
        return {_attribute_name(key): value for key, value in self._element.attrib.items()}

    def get(self, name: str, default=None):
        """One attribute's value, or default when the element has none."""
        return self.attrs.get(name, default)

    @property
    def classes(self) -> list[str]:
        return (self.get("class") or "").split()

    @property
    def text(self) -> str:
        """All the text inside the element, as the DOM's textContent."""
        return flat_text(self)

    @property
    def shown_text(self) -> str:
        """The text a visitor reads: without scripts, styles, templates, the tab's title."""
        return flat_text(self, hidden=NOT_SHOWN)

    def select(self, selector: str) -> list["Node"]:
        """Every element inside this one matching a CSS selector, in document order."""
        return [Node(found) for found in self._wrapper.query_all(selector)]

    def one(self, selector: str) -> "Node":
        """The single element matching a CSS selector (fails if there are none or several)."""
        found = self.select(selector)
        assert len(found) == 1, f"{selector} : {len(found)} éléments au lieu d’un"
        return found[0]

    def within(self, selector: str) -> bool:
        """Whether an ancestor of the element matches a CSS selector."""
        return any(ancestor.matches(selector) for ancestor in self._wrapper.ancestors)

    def iter(self):
        """This element and every element inside it, in document order."""
        return (Node(wrapper) for wrapper in self._wrapper.iter_subtree())

    def children_text(self):
        """The text pieces and child elements directly inside this one, in order."""
        if self._element.text:
            yield self._element.text
        for child in self._wrapper.iter_children():
            yield Node(child)
            if child.etree_element.tail:
                yield child.etree_element.tail


def flat_text(
    node: Node,
    *,
    hidden=frozenset(),
    hidden_mark: str = "",
    inline=None,
    block_mark: str = "",
) -> str:
    """The text of node in document order.

    The content of an element whose tag is in hidden is left out (hidden_mark stands for
    it); when inline is given, block_mark stands at the start and end of every element
    whose tag is not in it, so that text is joined only across inline elements.
    """
    parts = []

    def walk(current: Node) -> None:
        for piece in current.children_text():
            if isinstance(piece, str):
                parts.append(piece)
            elif piece.tag in hidden:
                parts.append(hidden_mark)
            else:
                block = inline is not None and piece.tag not in inline
                parts.append(block_mark if block else "")
                walk(piece)
                parts.append(block_mark if block else "")

    walk(node)
    return "".join(parts)


def text_pieces(node: Node, hidden=frozenset()):
    """Each text node inside node, in document order, outside elements whose tag is hidden."""
    for piece in node.children_text():
        if isinstance(piece, str):
            yield piece
        elif piece.tag not in hidden:
            yield from text_pieces(piece, hidden)


def parse_html(document: str) -> Node:
    """Parse a document (or a fragment, put in a document as browsers do); return <html>."""
    return Node(cssselect2.ElementWrapper.from_html_root(tinyhtml5.parse(document)))


def read_page(path: Path) -> Node:
    """Parse an HTML file, once while it is unchanged on disk."""
    stat = path.stat()
    return _read(Path(path).resolve(), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=512)
def _read(path: Path, _modified: int, _size: int) -> Node:
    return parse_html(path.read_text(encoding="utf-8"))


def links(node: Node) -> list[tuple[str, str]]:
    """The (href, text) of every link inside node."""
    return [(a.get("href"), a.text) for a in node.select("a[href]")]


def headings(node: Node, levels: str = "h1, h2, h3, h4, h5, h6") -> list[tuple[str, str]]:
    """The (tag, text with collapsed spaces) of every heading inside node, in order."""
    return [(h.tag, " ".join(h.text.split())) for h in node.select(levels)]


def texts_by_class(node: Node, name: str) -> list[str]:
    """The text of every element inside node that carries the class name."""
    return [element.text for element in node.select(f".{name}")]
