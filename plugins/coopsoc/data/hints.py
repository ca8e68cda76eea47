"""Suggestions for mistyped values, and the rule for ids."""

from __future__ import annotations

import difflib
import re

from plugins.coopsoc.text import loose, shorten, slugify

SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\Z")


def suggest(value: str, candidates) -> str | None:
    """Return the candidate closest to value, or None if none is close."""
    by_loose: dict[str, str] = {}
    for candidate in candidates:
        by_loose.setdefault(loose(candidate), candidate)
    key = loose(value)
    if key in by_loose:
        return by_loose[key]
    close = difflib.get_close_matches(key, list(by_loose), n=1, cutoff=0.6)
    if close:
        return by_loose[close[0]]
    longer = [candidate for folded, candidate in by_loose.items() if key and folded.startswith(key)]
    return longer[0] if len(longer) == 1 else None


def did_you_mean(value: str, candidates) -> str:
    """Return « — vouliez-vous dire « x » ? », or an empty string."""
    guess = suggest(value, candidates)
    return f" — vouliez-vous dire « {guess} » ?" if guess else ""


def slug_problem(value: str) -> str | None:
    """Return why value is not a valid id, or None if it is one."""
    if SLUG.match(value):
        return None
    message = (
        f"identifiant invalide « {shorten(value)} » : seuls les lettres minuscules sans accent, "
        "les chiffres et le tiret « - » sont permis (ni espace, ni tiret au début, à la fin "
        "ou doublé)"
    )
    proposal = slugify(value)
    return f"{message} — proposition : « {proposal} »" if proposal else message
