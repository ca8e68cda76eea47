"""The rules of data/oeth.yaml, checked: what the simulator and the brochure compute with.

Amounts are whole cents and rates whole percents, so that Python and JavaScript round the
same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# Inputs are capped so that every product stays exact in a JavaScript number.
MAX_AMOUNT_CENTS = 100_000_000_000  # 1 000 000 000 €
MAX_EMPLOYEES = 10_000_000
MAX_YEARS = 999


@dataclass(frozen=True)
class Source:
    """A text a rule comes from: its title and address."""

    key: str
    titre: str
    url: str


@dataclass(frozen=True)
class Band:
    """A workforce band of the gross contribution (art. D5212-20)."""

    effectif_min: int
    heures_smic: int
    libelle: str


@dataclass(frozen=True)
class Cap:
    """A cap of the deduction, by direct employment rate (art. D5212-22)."""

    taux_emploi_direct_min: int
    plafond: int


@dataclass(frozen=True)
class Rules:
    """The rules of data/oeth.yaml, checked; amounts in cents."""

    verifie_le: date
    annee_obligation: int
    smic_cents: int
    smic_depuis: date
    smic_source: str
    smic_remarque: str
    seuil_effectif: int
    annees_consecutives: int
    annees_sources: tuple[str, ...]
    taux_obligation: int
    obligation_sources: tuple[str, ...]
    tranches: tuple[Band, ...]
    heures_smic_sans_action: int
    seuil_main_oeuvre_sans_action: int
    sans_action_sources: tuple[str, ...]
    contribution_sources: tuple[str, ...]
    taux_deduction: int
    plafonds: tuple[Cap, ...]
    # The labour shares (%) a simulation assumes when the buyer does not know it: an
    # assumption of COOPSOC's, not a rule, stated as such on the page.
    part_supposee: tuple[int, int]
    deduction_sources: tuple[str, ...]
    exemple: dict
    sources: dict[str, Source] = field(repr=False)

    def for_browser(self) -> dict:
        """Return the rules as the simulator's script reads them (window.CoopsocOeth)."""
        return {
            "verifie_le": self.verifie_le.isoformat(),
            "annee_obligation": self.annee_obligation,
            "smic_horaire": {
                "centimes": self.smic_cents,
                "en_vigueur_depuis": self.smic_depuis.isoformat(),
                "source": self.smic_source,
            },
            "obligation": {
                "seuil_effectif": self.seuil_effectif,
                "annees_consecutives": self.annees_consecutives,
                "sources_annees": list(self.annees_sources),
                "taux": self.taux_obligation,
                "sources": list(self.obligation_sources),
            },
            "contribution": {
                "tranches": [vars(band) for band in self.tranches],
                "heures_smic_sans_action": self.heures_smic_sans_action,
                "seuil_main_oeuvre_sans_action": self.seuil_main_oeuvre_sans_action,
                "sources_sans_action": list(self.sans_action_sources),
                "sources": list(self.contribution_sources),
            },
            "deduction": {
                "taux": self.taux_deduction,
                "plafonds": [vars(cap) for cap in self.plafonds],
                "part_main_oeuvre_supposee": {
                    "basse": self.part_supposee[0],
                    "haute": self.part_supposee[1],
                },
                "sources": list(self.deduction_sources),
            },
            "sources": {k: {"titre": s.titre, "url": s.url} for k, s in self.sources.items()},
        }
