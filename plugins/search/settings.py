"""The search plugin's settings: every default in one place, checked once."""

from __future__ import annotations

DEFAULTS = {
    # Folder of the search page, from the site root: /recherche/.
    "SEARCH_PAGE_PATH": "recherche/",
    # Shards are named by the first letters of a stem; a shard larger than
    # SEARCH_SHARD_MAX_BYTES is split by one more letter, so a query stays cheap.
    "SEARCH_SHARD_PREFIX_LENGTH": 2,
    "SEARCH_SHARD_MAX_BYTES": 6000,
    # Result records (title and address) are grouped by this many documents per file.
    "SEARCH_RECORDS_PER_FILE": 8,
    # Field boosts (each field's BM25F score is multiplied by its boost): names above
    # trades above the commune above body text.
    "SEARCH_FIELD_BOOSTS": {"nom": 3.0, "metiers": 2.0, "lieu": 1.5, "corps": 1.0},
    # Synonyms staff can extend, and the filler words of a request and other ways of
    # writing communes: None means synonyms.yaml and recherche.yaml in the data folder
    # (plugins/coopsoc/datafiles.py resolves them; a relative path is inside that folder).
    "SEARCH_SYNONYMS_PATH": None,
    "SEARCH_REQUEST_PATH": None,
    # Typo tolerance: one edit from this length on, two edits from the second length on.
    "SEARCH_TYPO_MIN_LENGTH": 4,
    "SEARCH_TYPO2_MIN_LENGTH": 8,
    # A word of at least this many letters also matches the words it begins.
    "SEARCH_PREFIX_MIN_LENGTH": 3,
    "SEARCH_PREFIX_MAX_WORDS": 30,
}

FIELDS = ("nom", "metiers", "lieu", "corps")


class SearchSettingsError(Exception):
    """A SEARCH_ setting has a value the plugin cannot use."""


def search_settings(settings: dict) -> dict:
    """Return the SEARCH_ settings with their defaults, after checking them."""
    values = {key: settings.get(key, default) for key, default in DEFAULTS.items()}
    problems = []
    for key in (
        "SEARCH_SHARD_PREFIX_LENGTH",
        "SEARCH_SHARD_MAX_BYTES",
        "SEARCH_RECORDS_PER_FILE",
        "SEARCH_TYPO_MIN_LENGTH",
        "SEARCH_TYPO2_MIN_LENGTH",
        "SEARCH_PREFIX_MIN_LENGTH",
        "SEARCH_PREFIX_MAX_WORDS",
    ):
        if not isinstance(values[key], int) or isinstance(values[key], bool) or values[key] < 1:
            problems.append(f"{key} doit être un nombre entier positif (trouvé : {values[key]!r})")
    boosts = values["SEARCH_FIELD_BOOSTS"]
    if not isinstance(boosts, dict) or set(boosts) != set(FIELDS):
        problems.append(f"SEARCH_FIELD_BOOSTS doit donner un poids à chacun des champs {FIELDS}")
    elif not all(isinstance(v, int | float) and v > 0 for v in boosts.values()):
        problems.append("SEARCH_FIELD_BOOSTS : chaque poids doit être un nombre positif")
    if not str(values["SEARCH_PAGE_PATH"]).endswith("/"):
        problems.append("SEARCH_PAGE_PATH doit finir par « / » (par exemple « recherche/ »)")
    if problems:
        raise SearchSettingsError("Réglages de la recherche incorrects :\n" + "\n".join(problems))
    return values
