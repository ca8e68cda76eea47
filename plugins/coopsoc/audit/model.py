"""The audit grid as objects, and the figures the RGAA method computes from it.

RGAA 4.1.2, « Méthode » and its statement model: a criterion is applicable on a page when
it is C (conforme) or NC (non conforme) there. The global rate, the one the statement and
the status give, counts each criterion once over the whole sample: NC if it fails on one
page at least, C if it is met wherever it applies. The mean rate averages the rate of each
page (its C over its C + NC).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

CONFORM, NOT_CONFORM, NOT_APPLICABLE = "C", "NC", "NA"
STATUSES = (CONFORM, NOT_CONFORM, NOT_APPLICABLE)
STATUS_LABELS = {
    CONFORM: "conforme",
    NOT_CONFORM: "non conforme",
    NOT_APPLICABLE: "non applicable",
}
# The site's status from its global rate (RGAA 4.1.2, « Obligations »).
FULL, PARTIAL, NONE = "totalement conforme", "partiellement conforme", "non conforme"


@dataclass(frozen=True)
class SamplePage:
    """A page (or document) of the sample: its id, its title, its path from the site root."""

    id: str
    titre: str
    adresse: str
    etat: str | None

    @property
    def path(self) -> str:
        """The page's path as the templates' link filter takes it ("" for the home page)."""
        return self.adresse.partition("?")[0].removeprefix("/")

    @property
    def query(self) -> str:
        """The query of its address (« ?q=menuiserie »), or ""."""
        _, mark, query = self.adresse.partition("?")
        return mark + query

    @property
    def document(self) -> bool:
        """Whether it is a downloadable document rather than a web page."""
        return self.adresse.endswith(".pdf")


@dataclass(frozen=True)
class Verdict:
    """The result of one criterion on one page, with its evidence."""

    page: str
    statut: str
    tests: tuple[str, ...]
    verification: str | None
    correction: str | None
    motif: str | None
    line: int


@dataclass(frozen=True)
class Criterion:
    """A criterion of the RGAA, and its verdict on each page of the sample."""

    id: str
    theme: int
    titre: str
    verdicts: tuple[Verdict, ...]

    def on(self, page: str) -> Verdict:
        """Return the verdict on one page of the sample."""
        return next(v for v in self.verdicts if v.page == page)

    @property
    def statut(self) -> str:
        """C, NC or NA over the whole sample."""
        found = {verdict.statut for verdict in self.verdicts}
        if NOT_CONFORM in found:
            return NOT_CONFORM
        return CONFORM if CONFORM in found else NOT_APPLICABLE

    def groups(self) -> tuple[tuple[Verdict, ...], ...]:
        """The verdicts grouped by status and evidence, in the order of the sample."""
        found: dict[tuple, list] = {}
        for verdict in self.verdicts:
            key = (verdict.statut, verdict.tests, verdict.verification)
            found.setdefault(key + (verdict.correction, verdict.motif), []).append(verdict)
        return tuple(tuple(group) for group in found.values())

    @property
    def failures(self) -> tuple[Verdict, ...]:
        """The verdicts NC, in the order of the sample."""
        return tuple(v for v in self.verdicts if v.statut == NOT_CONFORM)


@dataclass(frozen=True)
class Audit:
    """The audit: who made it, when, how, on which sample, and its 106 criteria."""

    referentiel: str
    date: date
    realise_par: str
    outils: tuple[str, ...]
    environnement: tuple[str, ...]
    themes: dict
    sample: tuple[SamplePage, ...]
    criteria: tuple[Criterion, ...]

    @property
    def version(self) -> str:
        """The version of the RGAA the grid follows: « 4.1.2 »."""
        return self.referentiel.rpartition(" ")[2]

    def counts(self, page: str | None = None) -> dict[str, int]:
        """Return the number of criteria C, NC and NA on one page, or over the sample."""
        found = dict.fromkeys(STATUSES, 0)
        for criterion in self.criteria:
            found[criterion.statut if page is None else criterion.on(page).statut] += 1
        return found

    def rate(self, page: str | None = None) -> Fraction | None:
        """Return C / (C + NC) on one page, or the global rate; None if nothing applies."""
        found = self.counts(page)
        applicable = found[CONFORM] + found[NOT_CONFORM]
        return Fraction(found[CONFORM], applicable) if applicable else None

    @property
    def mean_rate(self) -> Fraction:
        """Return the mean of the pages' rates (pages where some criterion applies)."""
        rates = [r for r in (self.rate(p.id) for p in self.sample) if r is not None]
        return sum(rates, Fraction(0)) / len(rates)

    @property
    def status(self) -> str:
        """The site's status: totalement (100 %), partiellement (50 % at least), non conforme."""
        rate = self.rate()
        if rate == 1:
            return FULL
        return PARTIAL if rate >= Fraction(1, 2) else NONE

    @property
    def failing(self) -> tuple[Criterion, ...]:
        """The criteria NC on one page at least, in the order of the RGAA."""
        return tuple(c for c in self.criteria if c.statut == NOT_CONFORM)


def hundredths_of_percent(rate: Fraction) -> int:
    """A rate as hundredths of a percent, rounded down (never shown better than it is)."""
    return int(rate * 10000)
