"""The French analysis chain whoosh indexes with, and what the browser needs to repeat it.

Chain: RegexTokenizer | LowercaseFilter | CharsetFilter(accent_map) | StopFilter | StemFilter.
Accents are folded before stop words are removed, so the French stop list is folded too
(otherwise « été » or « même » would slip through as « ete », « meme »); whoosh's list
lacks « les », which is added. The browser never stems: it receives a table from every
indexed word (folded, stop words removed) to its stem, plus the folding table and the stop
list, and treats an unknown word as a typo or a prefix (see reference.py).
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Python's \w: a letter, a digit or an underscore (RegexTokenizer's default pattern).
TOKEN_PATTERN = r"\w+(\.?\w+)*"
EXTRA_STOP_WORDS = frozenset({"les"})
MIN_WORD_LENGTH = 2  # StopFilter's default minsize: one-letter tokens are dropped.
# Characters whose folding the browser receives: Latin letters with diacritics.
FOLD_RANGES = ((0x00A0, 0x0250), (0x1E00, 0x1F00))


def _whoosh():
    import whoosh.analysis
    import whoosh.lang
    import whoosh.support.charset

    return whoosh.analysis, whoosh.lang, whoosh.support.charset


def accent_map() -> dict[int, str]:
    """Return whoosh's folding table (code point → replacement)."""
    return _whoosh()[2].accent_map


def fold(text: str) -> str:
    """Lowercase and fold accents exactly as the index does."""
    return text.lower().translate(accent_map())


@functools.cache
def stop_words() -> frozenset[str]:
    """Return the French stop list, folded, plus « les »."""
    stoplist = _whoosh()[1].stopwords_for_language("fr")
    return frozenset(fold(word) for word in stoplist) | EXTRA_STOP_WORDS


def _front(analysis):
    return (
        analysis.RegexTokenizer(TOKEN_PATTERN)
        | analysis.LowercaseFilter()
        | analysis.CharsetFilter(accent_map())
        | analysis.StopFilter(stoplist=stop_words(), minsize=MIN_WORD_LENGTH)
    )


def analyzer():
    """Return the analyzer of every indexed field (stems)."""
    analysis = _whoosh()[0]
    return _front(analysis) | analysis.StemFilter(lang="fr", cachesize=-1)


def surface_analyzer():
    """Return the same chain without stemming: the words as the browser sees them."""
    return _front(_whoosh()[0])


# One token's analysis depends on the token alone: computed once per distinct token.
_SURFACES: dict[str, str | None] = {}  # token → folded word, or None for a stop word
_STEMS: dict[str, str] = {}  # folded word → stem


def _surface(token: str) -> str | None:
    word = fold(token)
    if len(word) < MIN_WORD_LENGTH or word in stop_words():
        word = None
    _SURFACES[token] = word
    return word


def surface_words(text: str) -> list[str]:
    """Return what surface_analyzer() yields for text, token by token, from a cache."""
    words = []
    for match in _token_regex().finditer(text):
        token = match.group()
        word = _SURFACES[token] if token in _SURFACES else _surface(token)
        if word is not None:
            words.append(word)
    return words


def index_terms(text: str) -> list[str]:
    """Return what analyzer() yields for text (the stems the index holds), from a cache."""
    terms = []
    for word in surface_words(text):
        term = _STEMS.get(word)
        if term is None:
            term = _STEMS[word] = stem(word)
        terms.append(term)
    return terms


@functools.cache
def _token_regex() -> re.Pattern:
    return re.compile(TOKEN_PATTERN)


@functools.cache
def _stemmer():
    from whoosh.lang import stemmer_for_language

    return stemmer_for_language("fr")


def stem(word: str) -> str:
    """Return the stem of one folded word, as StemFilter(lang='fr') computes it."""
    return _stemmer()(word)


def normalize(text: str) -> str:
    """Return text in NFC: data pasted from some systems carries decomposed accents."""
    return unicodedata.normalize("NFC", text)


def words(text: str) -> list[str]:
    """Return the folded, non-stop words of text (what the browser computes)."""
    return [token.text for token in surface_analyzer()(normalize(text))]


def browser_fold_table(extra_text: str = "") -> dict[str, str]:
    """Return the folding of Latin letters and of any other character of extra_text."""
    table = accent_map()
    chars = {chr(c) for start, end in FOLD_RANGES for c in range(start, end)}
    chars.update(extra_text)
    # Words are lowercased before folding: upper-case letters never reach the table.
    return {
        c: table[ord(c)]
        for c in sorted(chars)
        if c.lower() == c and ord(c) in table and table[ord(c)] != c
    }


def decomposed(char: str) -> str:
    """Return what the browser folds a character of FOLD_RANGES to by itself: a lower-case
    letter decomposed (NFD), its accents dropped; anything else unchanged."""
    if char.lower() != char or not any(a <= ord(char) < b for a, b in FOLD_RANGES):
        return char
    parts = unicodedata.normalize("NFD", char)
    return "".join(c for c in parts if not unicodedata.combining(c))


def browser_fold_exceptions(extra_text: str = "") -> dict[str, str]:
    """Return the part of browser_fold_table the browser cannot derive with decomposed():
    whoosh folds « ß », « ø », « ł »… its own way, and decomposes nothing outside FOLD_RANGES.
    """
    table = browser_fold_table(extra_text)
    chars = {chr(c) for start, end in FOLD_RANGES for c in range(start, end)}
    chars.update(extra_text)
    return {c: table.get(c, c) for c in sorted(chars) if table.get(c, c) != decomposed(c)}


def full_fold_table(exceptions: dict[str, str]) -> dict[str, str]:
    """Return browser_fold_table back from its exceptions (what the browser computes)."""
    chars = {chr(c) for start, end in FOLD_RANGES for c in range(start, end)} | set(exceptions)
    table = {c: exceptions.get(c, decomposed(c)) for c in sorted(chars)}
    return {c: folded for c, folded in table.items() if folded != c}


def token_regex_source() -> str:
    """Return the tokenizer as a JavaScript regular expression source (with the u flag)."""
    word = r"[\p{L}\p{N}_]"
    return re.sub(r"\\w", lambda _m: word, TOKEN_PATTERN).replace("(\\.", "(?:\\.")
