"""The figures visitors read: those computed from the data, or, for a sample, those published.

While data/annuaire.yaml declares the directory a sample, the sum of invented workforces and
the count of trades the invented establishments practise would read as precise facts
(« 2 712 personnes »). The association publishes these two figures as lower bounds
(« plus de 2 700 », « plus de 30 métiers »): those are shown instead. Counts of
establishments and associations are computed as usual; the loader checks that the sample
reproduces the published ones.
"""

from __future__ import annotations

from datetime import date

from plugins.coopsoc.directory.model import Directory


class AtLeast(int):
    """A figure published as a lower bound: the number filter writes it « plus de 2 700 »."""

    at_least = True


def years_since(start: date, today: date) -> int:
    """Return the number of full years from start to today."""
    before_anniversary = (today.month, today.day) < (start.month, start.day)
    return today.year - start.year - before_anniversary


def shown_figures(directory: Directory, today: date, founded: date) -> dict[str, int]:
    """Return the key figures for the pages, the brochure and {chiffre:…}.

    annees counts the full years from the founding date (setting FOUNDING_DATE) to today.
    """
    figures = {**directory.figures(), "annees": years_since(founded, today)}
    if directory.sample:
        for key, minimum in directory.published_minimums.items():
            figures[key] = AtLeast(minimum)
    return figures
