"""French typography for every text a visitor reads: one pass over the written HTML.

The rules follow the Lexique des règles typographiques en usage à l’Imprimerie nationale and
all live in this module: a no-break space before « : », inside « », between a number and its
unit or symbol (« 15 % », « 4 808 € », « 14 h 30 ») and after « n° »; a narrow no-break space
(fine) before « ; ! ? » and between groups of digits (« 1 500 »); a curly apostrophe (’).

The pass runs on the output (pages, feeds, the brochure's HTML), so Markdown, templates and
YAML values are covered alike. It never touches markup, attributes, URLs, e-mail addresses,
times (10:30) or the content of code, pre, kbd, samp, var, template, script, style and
textarea. It is idempotent and linear in the size of the page.

Our own pass rather than polytypo 1.16 (PyPI, MIT), tried on this site: polytypo spaces
punctuation well, but it does not group thousands nor bind « 14 h 30 », and it leaves
entities alone, so every apostrophe of a YAML value (written « &#39; » by Jinja) would stay
straight; completing it would mean a second walk over the HTML anyway. It also pulls two
compiled dependencies (tree-sitter, tree-sitter-markdown) and runs at about 330 000
characters a second, which would add about 5 s to a build of 1.7 Mo of HTML.

Fines are U+202F, the character the site's numbers already use (sitekit.filters, the
scripts). The web font has no glyph for it, so browsers borrow one from a system font; the
brochure maps it to U+00A0 (see plugins/brochure/generator.py). Writing NARROW_NBSP = NBSP here
would put U+00A0 everywhere.
"""

from .pages import (
    INLINE,
    RAW_TEXT,
    SKIPPED,
    typeset_feed,
    typeset_html,
    typeset_html_walk,
    typeset_written_file,
)
from .pieces import Piece, prepare_piece
from .rules import RULES, UNITS, typeset_text

__all__ = [
    "INLINE",
    "RAW_TEXT",
    "RULES",
    "SKIPPED",
    "UNITS",
    "Piece",
    "prepare_piece",
    "typeset_feed",
    "typeset_html",
    "typeset_html_walk",
    "typeset_text",
    "typeset_written_file",
]
