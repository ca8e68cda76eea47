"""Write the index for the browser as small script files, each calling a global.

    meta.js        CoopsocSearch.meta({...})       analysis tables, synonyms, facet labels,
                                                   communes, shard and vocabulary lists
    v/<key>.js     CoopsocSearch.vocabulary(key, "...")  indexed words beginning with key
                                                   (two letters) → stem: a query of known
                                                   words loads only theirs
    vocabulaire.js CoopsocSearch.vocabulary("", "...")   every indexed word → stem: loaded
                                                   when a word is unknown (completions,
                                                   corrections)
    facettes.js    CoopsocSearch.facets("...")     type, commune and trades of each document
    s/<key>.js     CoopsocSearch.shard(key, {...}) stem → posting list (codec.py)
    d/<key>.js     CoopsocSearch.lexicon(key, "...") French words the index lacks (lexicon.py)
    r/<n>.js       CoopsocSearch.records(n, [...]) [path, title] of documents n·R … n·R+R-1,
                                                   then an establishment's id (« Ma sélection »)

Plain <script src> files work where fetch() and workers do not (a site opened from disk),
and hold no code: a strict Content-Security-Policy is unaffected. Output is deterministic:
everything is sorted, and the folder is named after a hash of its content.
"""

from __future__ import annotations

import hashlib
import json
import re

from plugins.coopsoc.vocabulary.analysis import (
    FOLD_RANGES,
    MIN_WORD_LENGTH,
    browser_fold_exceptions,
    stop_words,
    token_regex_source,
)
from plugins.coopsoc.vocabulary.analysis import (
    stem as stem_of,
)

from . import codec
from .documents import KIND_ESTABLISHMENT, TYPE_FACET_LABELS

GLOBAL = "CoopsocSearch"
FORMAT_VERSION = 1
# Ranking factors (integers, so that sums stay exact): an exact word counts 4 times its
# weight, a synonym 3 times, a completed prefix or a one-letter typo twice, two typos once.
FACTORS = {"exact": 4, "synonym": 3, "prefix": 2, "typo1": 2, "typo2": 1}
# A document in the commune a query names gains this much (one exact word of weight 0.25):
# enough to come before its equals, not before a better match.
PLACE_BOOST = 1024
# Fewer documents than this matching every word: documents matching some words follow.
RELAX_BELOW = 3
_SAFE_NAME = re.compile(r"[a-z0-9]")


def _call(method: str, *arguments) -> bytes:
    text = ",".join(json.dumps(a, ensure_ascii=False, separators=(",", ":")) for a in arguments)
    return f"{GLOBAL}.{method}({text});\n".encode()


def shard_file_name(key: str) -> str:
    """Return the file name of a shard: letters and digits kept, anything else as _hex_."""
    return "".join(c if _SAFE_NAME.fullmatch(c) else f"_{ord(c):x}_" for c in key) + ".js"


def vocabulary_key(word: str) -> str:
    """Return the key of the vocabulary file holding a word: its first two letters."""
    return word[:2]


def plan_shards(postings: dict, base_length: int, max_bytes: int) -> dict[str, dict]:
    """Group stems by prefix; split a group larger than max_bytes by one more letter."""
    encoded = {stem: codec.encode_postings(p) for stem, p in postings.items()}
    shards: dict[str, dict] = {}

    def place(stems, length):
        groups: dict[str, list[str]] = {}
        for stem in stems:
            groups.setdefault(stem[:length], []).append(stem)
        for key, members in groups.items():
            size = sum(len(s) + len(encoded[s]) + 6 for s in members)
            longer = [s for s in members if len(s) > length]
            if size > max_bytes and longer:
                place(longer, length + 1)
                members = [s for s in members if len(s) <= length]
            if members:
                shards[key] = {s: encoded[s] for s in sorted(members)}

    place(sorted(encoded), base_length)
    return dict(sorted(shards.items()))


def _facet_strings(docs, type_keys, commune_names, trade_ids, filiere_ids, trade_filiere, width):
    def code(number):
        return codec.encode_index(number, width)

    strings = []
    for doc in docs:
        text = code(type_keys.index(doc.type))
        text += code(commune_names.index(doc.commune)) if doc.commune else "." * width
        text += "".join(code(trade_ids.index(t)) for t in doc.trades)
        derived = {trade_filiere[t] for t in doc.trades}
        explicit = [f for f in doc.filieres if f not in derived]
        if explicit:
            text += "~" + "".join(code(filiere_ids.index(f)) for f in explicit)
        strings.append(text)
    return ",".join(strings)


def synonym_entries(synonyms) -> list:
    """Return [[stems of each phrase], [phrases], [expression, …]] for each entry of
    data/synonyms.yaml (its expressions share what is searched).

    An expression is [words, stems of the words] and its text as written when that is not
    its words joined by spaces; a stem that begins its word is written as its length.
    """
    entries: dict[tuple, list] = {}
    for s in synonyms:
        entry = entries.setdefault(
            (s.targets, s.target_texts), [[list(t) for t in s.targets], list(s.target_texts), []]
        )
        stems = [stem_of(word) for word in s.words]
        key = [
            list(s.words),
            [len(x) if w.startswith(x) else x for w, x in zip(s.words, stems, strict=True)],
        ]
        if s.text != " ".join(s.words):
            key.append(s.text)
        entry[2].append(key)
    return list(entries.values())


def place_forms(forms: dict, communes) -> list:
    """Return [[folded words], commune number] of every way of writing a commune."""
    names = [c.nom for c in communes]
    return [[list(key), names.index(name)] for key, name in sorted(forms.items())]


def export(docs, index, synonyms, directory, options: dict, request=None) -> dict[str, bytes]:
    """Return the files of the browser index: relative path → content.

    request: {"fillers": [...], "places": {...}, "lexicon": {key: (inflections, known)}}.
    """
    request = request or {"fillers": [], "places": {}, "lexicon": {}}
    filieres = directory.filieres
    trades = [trade for filiere in filieres for trade in filiere.trades]
    communes = list(directory.communes)
    type_keys = list(TYPE_FACET_LABELS)
    width = 1 if max(len(trades), len(communes), len(filieres), len(type_keys)) <= 64 else 2
    shards = plan_shards(
        index.postings, options["SEARCH_SHARD_PREFIX_LENGTH"], options["SEARCH_SHARD_MAX_BYTES"]
    )
    corpus_chars = "".join(sorted({c for word in index.surfaces for c in word}))
    meta = {
        "version": FORMAT_VERSION,
        "docs": index.doc_count,
        "token": token_regex_source(),
        # The browser folds FOLD_RANGES by decomposition; these are the exceptions.
        "fold": browser_fold_exceptions(corpus_chars),
        "foldRanges": [list(r) for r in FOLD_RANGES],
        "stop": sorted(stop_words()),
        "minLength": MIN_WORD_LENGTH,
        "vocabularyKeys": sorted({vocabulary_key(word) for word in index.surfaces}),
        "shards": list(shards),
        "synonyms": synonym_entries(synonyms),
        "typo": [options["SEARCH_TYPO_MIN_LENGTH"], options["SEARCH_TYPO2_MIN_LENGTH"]],
        "prefix": [options["SEARCH_PREFIX_MIN_LENGTH"], options["SEARCH_PREFIX_MAX_WORDS"]],
        "factors": FACTORS,
        "placeBoost": PLACE_BOOST,
        "relax": RELAX_BELOW,
        "fillers": [list(words) for words in request["fillers"]],
        "places": place_forms(request["places"], communes),
        "lexicon": list(request["lexicon"]),
        "recordsPerFile": options["SEARCH_RECORDS_PER_FILE"],
        "urlIndex": options["URL_INDEX"],
        "width": width,
        "types": [[key, TYPE_FACET_LABELS[key]] for key in type_keys],
        "filieres": [[f.id, f.nom] for f in filieres],
        "metiers": [[t.id, t.nom, filieres.index(directory.filiere(t.filiere_id))] for t in trades],
        "communes": [[c.nom, c.slug, c.latitude, c.longitude] for c in communes],
    }
    files = {"meta.js": _call("meta", meta)}
    files["facettes.js"] = _call(
        "facets",
        _facet_strings(
            docs,
            type_keys,
            [c.nom for c in communes],
            [t.id for t in trades],
            [f.id for f in filieres],
            {t.id: t.filiere_id for t in trades},
            width,
        ),
    )
    files["vocabulaire.js"] = _call("vocabulary", "", codec.vocabulary_text(index.surfaces))
    by_key: dict[str, dict] = {}
    for word, stem in index.surfaces.items():
        by_key.setdefault(vocabulary_key(word), {})[word] = stem
    for key, surfaces in by_key.items():
        files[f"v/{shard_file_name(key)}"] = _call(
            "vocabulary", key, codec.vocabulary_text(surfaces)
        )
    for key, content in shards.items():
        files[f"s/{shard_file_name(key)}"] = _call("shard", key, content)
    for key, (inflections, known) in request["lexicon"].items():
        files[f"d/{shard_file_name(key)}"] = _call(
            "lexicon", key, codec.encode_lexicon(inflections, known)
        )
    per_file = options["SEARCH_RECORDS_PER_FILE"]
    for start in range(0, len(docs), per_file):
        chunk = [_record(doc) for doc in docs[start : start + per_file]]
        files[f"r/{start // per_file}.js"] = _call("records", start // per_file, chunk)
    return dict(sorted(files.items()))


def _record(doc) -> list:
    """Return [path, title] of a document; an establishment's also has its id."""
    kind, _, key = doc.ref.partition(":")
    return [doc.path, doc.title, key] if kind == KIND_ESTABLISHMENT else [doc.path, doc.title]


def folder_name(files: dict[str, bytes]) -> str:
    """Return « index-<hash> »: a new name whenever the content changes (no stale cache)."""
    digest = hashlib.sha256()
    for name, content in files.items():
        digest.update(name.encode() + b"\0" + content + b"\0")
    return f"index-{digest.hexdigest()[:12]}"
