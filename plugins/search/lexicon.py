"""French words the index does not hold, cut down to what the browser needs to know of them.

The word list is the French frequency dictionary of pyspellchecker (a PyPI package, so
that the build needs no system package); only two kinds of its words are exported:

- inflections: a word whose whoosh stem is a stem the search knows (an indexed stem, or
  the stem of a synonym's word): « pelouse » is searched as « pelouses »,
  « voitures » meets the synonym « voiture »;
- known words: a correct French word close enough to an indexed word to be « corrected »
  into it (« voitures » is one letter from « vitres »): it is then left as it is.

Both are looked up by the query word itself, so they are exported in small files named
after the word's first letters, loaded only for a word the vocabulary does not hold.
"""

from __future__ import annotations

import functools
import gzip
import json

from plugins.coopsoc.vocabulary.analysis import fold, stem, stop_words

from .spelling import distance

DICTIONARY = ("spellchecker", "resources/fr.json.gz")
KEY_LENGTH = 2
# Words seen fewer times than this in the dictionary's corpus are left out: rare forms
# (« voisinerions ») weigh on the build and the download, and a buyer seldom types them.
MIN_COUNT = 100


@functools.cache
def french_words() -> frozenset[str]:
    """Return the folded words of the French frequency dictionary (its common ones)."""
    import importlib.resources

    package, resource = DICTIONARY
    path = importlib.resources.files(package).joinpath(resource)
    with path.open("rb") as raw, gzip.open(raw) as data:
        counts = json.load(data)
    stop = stop_words()
    common = (fold(word) for word, count in counts.items() if count >= MIN_COUNT)
    return frozenset(w for w in common if w.isalpha() and w not in stop)


def stem_prefixes(stems) -> frozenset[str]:
    """Return the first four letters of each stem (the stem itself if shorter)."""
    return frozenset(s[:4] for s in stems)


@functools.cache
def french_stems(prefixes: frozenset[str]) -> dict[str, str | None]:
    """Return each word of french_words() with its stem if it begins as a stem of prefixes
    does (stem_prefixes), else None: stemming every word would double the time."""
    return {
        word: stem(word) if word[:4] in prefixes or word[:3] in prefixes else None
        for word in sorted(french_words())
    }


def _deletions(word: str, times: int) -> dict[str, int]:
    """Return every string made by deleting up to `times` letters, with how many."""
    found = {word: 0}
    frontier = {word}
    for count in range(1, times + 1):
        frontier = {w[:k] + w[k + 1 :] for w in frontier for k in range(len(w))}
        for variant in frontier:
            found.setdefault(variant, count)
    return found


def _near(word: str, limit: int, by_deletion: dict) -> bool:
    """Whether a candidate is within limit edits of word: both lead to one string by
    deleting letters, at most limit deletions in all (or, for a transposition, a check)."""
    tried = set()
    for variant, count in _deletions(word, limit).items():
        for candidate, deleted in by_deletion.get(variant, ()):
            if count + deleted <= limit:
                return True
            if candidate not in tried:
                tried.add(candidate)
                if distance(word, candidate, limit) <= limit:
                    return True
    return False


def lexicon(
    vocabulary: dict, candidates, stems, typo: tuple[int, int], words=None
) -> dict[str, tuple[dict, list]]:
    """Return, by key (first letters), (inflections word → stem, known words) of the list.

    vocabulary: indexed word → stem; candidates: the words typos are corrected into;
    stems: the stems an inflection may have; typo: (one edit from, two edits from).
    """
    stemmed = french_stems(stem_prefixes(stems)) if words is None else {w: stem(w) for w in words}
    by_deletion: dict[str, list[tuple[str, int]]] = {}
    for candidate in sorted(candidates):
        for variant, deleted in _deletions(candidate, 2).items():
            by_deletion.setdefault(variant, []).append((candidate, deleted))
    found: dict[str, tuple[dict, list]] = {}
    for word, word_stem in stemmed.items():
        if word in vocabulary or word in candidates:
            continue
        key = word[:KEY_LENGTH]
        if word_stem in stems:
            found.setdefault(key, ({}, []))[0][word] = word_stem
            continue
        if len(word) < typo[0]:
            continue
        limit = 2 if len(word) >= typo[1] else 1
        if _near(word, limit, by_deletion):
            found.setdefault(key, ({}, []))[1].append(word)
    return dict(sorted(found.items()))


def expand_fillers(fillers, vocabulary: dict) -> list[tuple[str, ...]]:
    """Return the filler expressions, each one-word filler with its forms of the same stem.

    A form the index holds is added only if the filler itself is indexed: « environs »
    must not hide « environnement », a word of the catalogue (same stem « environ »); and
    only forms at most three letters longer (inflections, not derived words).
    """
    by_stem: dict[str, set[str]] = {}
    wanted = stem_prefixes(stem(filler[0]) for filler in fillers if len(filler) == 1)
    for word, word_stem in (*french_stems(wanted).items(), *vocabulary.items()):
        by_stem.setdefault(word_stem, set()).add(word)
    expanded = set(fillers)
    for filler in fillers:
        if len(filler) == 1:
            indexed = filler[0] in vocabulary
            expanded.update(
                (word,)
                for word in by_stem.get(stem(filler[0]), ())
                if (indexed or word not in vocabulary) and len(word) <= len(filler[0]) + 3
            )
    return sorted(expanded)
