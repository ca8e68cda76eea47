"""Field readers beyond schema.Entry's own: a day, and a number with two decimals."""

from __future__ import annotations

import re
from datetime import date

from .schema import Entry
from .yamlnodes import DATE, DECIMAL, INTEGER, TEXT, Scalar, describe

_HUNDREDTHS = re.compile(r"[0-9]+(\.[0-9]{1,2})?\Z")
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


def day(entry: Entry, name: str) -> date | None:
    """Return a date field written AAAA-MM-JJ."""
    node = entry.node(name)
    if node is None:
        return None
    line = entry.field_line(name)
    if isinstance(node, Scalar) and node.kind in (DATE, TEXT) and _ISO_DAY.match(node.source):
        try:
            return date.fromisoformat(node.source)
        except ValueError:
            entry.error(line, f"date impossible « {node.source} » (ce jour n'existe pas)", name)
            return None
    entry.error(
        line,
        f"attendu : une date AAAA-MM-JJ (par exemple 2026-01-01), trouvé : {describe(node)}",
        name,
    )
    return None


def hundredths(entry: Entry, name: str, maximum: int, minimum: int = 0) -> int | None:
    """Return a number with two decimals at most as hundredths (12.02 → 1202)."""
    node = entry.node(name)
    if node is None:
        return None
    line = entry.field_line(name)
    if not (
        isinstance(node, Scalar)
        and node.kind in (INTEGER, DECIMAL)
        and _HUNDREDTHS.match(node.source)
    ):
        entry.error(
            line,
            "attendu : un nombre avec deux décimales au plus, écrit avec un point (par exemple "
            f"12.02), trouvé : {describe(node)}",
            name,
        )
        return None
    whole, _, decimals = node.source.partition(".")
    value = int(whole) * 100 + int(decimals.ljust(2, "0") or 0)
    if not minimum <= value <= maximum:
        entry.error(
            line,
            f"nombre impossible : {node.source} ; la valeur doit être comprise entre "
            f"{_plain(minimum)} et {_plain(maximum)}",
            name,
        )
        return None
    return value


def _plain(value: int) -> str:
    return f"{value // 100}" if value % 100 == 0 else f"{value // 100}.{value % 100:02d}"


# La Poste's establishments share one SIREN and, by INSEE's rule, are keyed on the sum of
# their digits being a multiple of 5 instead of the Luhn key.
LA_POSTE_SIREN = "356000000"


def siret_key_ok(digits: str) -> bool:
    """Whether 14 digits carry a right check key (Luhn, as INSEE computes SIREN and SIRET)."""
    if digits.startswith(LA_POSTE_SIREN) and digits != LA_POSTE_SIREN + "00048":
        return sum(map(int, digits)) % 5 == 0
    total = 0
    for position, digit in enumerate(reversed(digits)):
        value = int(digit) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def siret(entry: Entry, name: str) -> str | None:
    """Return a SIRET number (14 digits, spaces allowed), its check key verified."""
    node = entry.node(name)
    if node is None:
        return None
    line = entry.field_line(name)
    if not (isinstance(node, Scalar) and node.kind in (INTEGER, TEXT)):
        entry.error(
            line, f"attendu : un numéro SIRET de 14 chiffres, trouvé : {describe(node)}", name
        )
        return None
    written = node.source.strip().strip("\"'")
    digits = "".join(written.split())
    if not re.fullmatch(r"[0-9]{14}", digits):
        count = sum(c.isdigit() for c in digits)
        entry.error(
            line,
            f"numéro SIRET invalide « {written} » : 14 chiffres attendus, {count} trouvés "
            "(le SIREN de 9 chiffres suivi des 5 chiffres de l'établissement)",
            name,
        )
        return None
    if not siret_key_ok(digits):
        entry.error(
            line,
            f"numéro SIRET invalide « {written} » : sa clé de contrôle ne correspond pas, un "
            "chiffre est sans doute mal recopié ; vérifiez-le sur "
            "annuaire-entreprises.data.gouv.fr",
            name,
        )
        return None
    return digits
