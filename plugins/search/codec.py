"""Compact text encodings of the exported index, shared by the exporter and the reference
searcher (theme/static/js/search.js decodes the same way).

A posting list is a string of base-64 digits (A–Z a–z 0–9 - _). Each posting is the gap
from the previous document number (the first counts from -1), written as a variable-length
number (5 bits per digit, digits of value 32 or more say « another digit follows »), then
the weight in two digits (12 bits).

Weights are BM25F scores in units of 1/1024 stored on 12 bits as a tiny floating-point
number: codes below 512 are exact units; above, 8 bits of mantissa and a power of two, so
the relative rounding error stays under 0.2 %. Decoded weights are integers: the browser
and Python add them exactly, and rank identically.
"""

from __future__ import annotations

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
DIGIT = {char: value for value, char in enumerate(ALPHABET)}
WEIGHT_UNIT = 1024
WEIGHT_MAX_CODE = 4095


def weight_code(score: float) -> int:
    """Return the 12-bit code of a score (rounded to the nearest representable value)."""
    units = max(1, round(score * WEIGHT_UNIT))
    if units < 512:
        return units
    shift = units.bit_length() - 9
    mantissa = (units + (1 << (shift - 1))) >> shift
    if mantissa == 512:
        shift, mantissa = shift + 1, 256
    return min(((shift + 1) << 8) | (mantissa - 256), WEIGHT_MAX_CODE)


def weight_value(code: int) -> int:
    """Return the integer weight (in units) a code stands for."""
    if code < 512:
        return code
    return (256 + (code & 255)) << ((code >> 8) - 1)


def varint(number: int) -> str:
    """Encode a non-negative integer, least significant 5 bits first."""
    digits = []
    while True:
        low, number = number & 31, number >> 5
        digits.append(ALPHABET[low | (32 if number else 0)])
        if not number:
            return "".join(digits)


def encode_postings(postings) -> str:
    """Encode [(doc number, score), …] sorted by document number."""
    parts = []
    previous = -1
    for number, score in postings:
        code = weight_code(score)
        parts.append(varint(number - previous - 1) + ALPHABET[code >> 6] + ALPHABET[code & 63])
        previous = number
    return "".join(parts)


def decode_postings(text: str) -> list[tuple[int, int]]:
    """Decode a posting list into [(doc number, integer weight), …]."""
    result = []
    position = 0
    document = -1
    while position < len(text):
        gap = shift = 0
        while True:
            value = DIGIT[text[position]]
            position += 1
            gap |= (value & 31) << shift
            shift += 5
            if value < 32:
                break
        document += gap + 1
        code = (DIGIT[text[position]] << 6) | DIGIT[text[position + 1]]
        position += 2
        result.append((document, weight_value(code)))
    return result


def encode_index(number: int, width: int) -> str:
    """Encode a small non-negative integer on a fixed number of digits."""
    return "".join(ALPHABET[(number >> (6 * i)) & 63] for i in reversed(range(width)))


def decode_index(text: str) -> int:
    """Decode a fixed-width number written by encode_index."""
    value = 0
    for char in text:
        value = (value << 6) | DIGIT[char]
    return value


def vocabulary_text(surfaces: dict) -> str:
    """Encode surface → stem as « stem:suffix,suffix » groups (« =word » if not a prefix)."""
    by_stem: dict[str, list[str]] = {}
    for word, stem in surfaces.items():
        by_stem.setdefault(stem, []).append(
            word[len(stem) :] if word.startswith(stem) else f"={word}"
        )
    return " ".join(f"{stem}:{','.join(sorted(by_stem[stem]))}" for stem in sorted(by_stem))


def read_vocabulary(text: str) -> dict[str, str]:
    """Return word → stem of a text written by vocabulary_text."""
    vocabulary = {}
    for group in text.split(" ") if text else ():
        stem, _, suffixes = group.partition(":")
        for suffix in suffixes.split(","):
            vocabulary[suffix[1:] if suffix.startswith("=") else stem + suffix] = stem
    return vocabulary


def encode_lexicon(inflections: dict, known: list) -> str:
    """Return « <inflections as vocabulary_text>|known known … »."""
    return vocabulary_text(inflections) + "|" + " ".join(sorted(known))


def decode_lexicon(text: str) -> tuple[dict, set]:
    """Return (inflections word → stem, known words) of an encoded file."""
    groups, _, known = text.partition("|")
    return read_vocabulary(groups), set(known.split(" ")) if known else set()
