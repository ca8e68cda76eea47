"""What buying from an establishment brings a buyer, computed from its type alone.

The data never state these: an editor cannot give a CHRS a badge the law does not give it.
"""

from __future__ import annotations

from dataclasses import dataclass

# Contracts with these types reduce the employer's contribution (Code du travail L5212-10-1,
# as amended by loi n° 2023-1196, art. 15), and their people are workers with disabilities.
# A CHRS (CASF L345-1) is in neither case: its people are « personnes accueillies en atelier ».
DEDUCTIBLE_TYPES = ("ESAT", "EA")
# A public buyer may reserve a contract, or some of its lots, to EA (Code du travail
# L5213-13) and ESAT (CASF L344-2): Code de la commande publique, L2113-12. Not to a CHRS.
RESERVED_CONTRACT_TYPES = ("ESAT", "EA")


@dataclass(frozen=True)
class Badge:
    """A mention shown on an establishment's page: its key, French label and article."""

    key: str
    label: str
    article: str
    types: tuple[str, ...]


BADGES = (
    Badge(
        "oeth",
        "Achats déductibles de la contribution OETH",
        "article L5212-10-1 du Code du travail",
        DEDUCTIBLE_TYPES,
    ),
    Badge(
        "marches-reserves",
        "Éligible aux marchés réservés",
        "article L2113-12 du Code de la commande publique",
        RESERVED_CONTRACT_TYPES,
    ),
)


def badges_for(kind: str) -> tuple[Badge, ...]:
    """Return the badges of an establishment type, in the order of BADGES."""
    return tuple(badge for badge in BADGES if kind in badge.types)
