"""The audit's generator: read the grid, publish AUDIT, write the grid's page.

generate_context reads and checks data/audit-rgaa.yaml and publishes AUDIT: the grid and
the figures computed from it (rates, status), which the statement, the grid's page and
the footer of every page show; generate_output writes the grid's page.
"""

from dataclasses import dataclass
from functools import partial

from pelican.generators import Generator

from plugins.coopsoc.audit.grid import load_audit
from plugins.coopsoc.audit.model import (
    NOT_APPLICABLE,
    STATUS_LABELS,
    Audit,
    hundredths_of_percent,
)
from plugins.coopsoc.context import provide
from plugins.coopsoc.datafiles import AUDIT_FILE, data_path
from plugins.coopsoc.memo import file_digest, remember
from plugins.coopsoc.output import write_page
from plugins.coopsoc.text import percent

from .settings import audit_settings


@dataclass(frozen=True)
class PageResult:
    """One page of the sample as the templates show it: its counts and its rate."""

    page: object
    counts: dict
    rate: str


@dataclass(frozen=True)
class AuditView:
    """The audit as the templates see it (AUDIT): the grid and what is computed from it."""

    grid: Audit
    path: str
    statement_path: str
    rate: str
    mean_rate: str
    status: str
    counts: dict
    pages: tuple
    labels: dict

    @property
    def titles(self) -> dict:
        """The title of each page of the sample, by its id."""
        return {page.id: page.titre for page in self.grid.sample}

    @property
    def link_label(self) -> str:
        """The footer link's text: « Accessibilité : <status> »."""
        return f"Accessibilité : {self.status}"


def audit_view(grid: Audit, options: dict) -> AuditView:
    """Return what the templates show of the grid, every figure computed from it."""
    pages = tuple(
        PageResult(
            page,
            grid.counts(page.id),
            _rate(grid.rate(page.id)),
        )
        for page in grid.sample
    )
    return AuditView(
        grid=grid,
        path=options["AUDIT_PATH"],
        statement_path=options["AUDIT_STATEMENT_PATH"],
        rate=_rate(grid.rate()),
        mean_rate=_rate(grid.mean_rate),
        status=grid.status,
        counts=grid.counts(),
        pages=pages,
        labels=STATUS_LABELS,
    )


def _rate(rate) -> str:
    """« 95,71 % », or « sans objet » when no criterion applies."""
    return STATUS_LABELS[NOT_APPLICABLE] if rate is None else percent(hundredths_of_percent(rate))


class AuditGenerator(Generator):
    """Publish the audit's figures, then write the grid's page."""

    def generate_context(self):
        """Read and check the grid; publish AUDIT and the grid's page among SECTIONS."""
        self.options = audit_settings(self.settings)
        path = data_path(self.settings, AUDIT_FILE)
        # In the preview, the grid of the same bytes is not read and checked again.
        key = partial(file_digest, path)
        grid = remember(self.settings, "audit", key, partial(load_audit, path))
        provide(self.context, "AUDIT", audit_view(grid, self.options), by="audit")
        provide(self.context, "SECTIONS", {"audit": self.options["AUDIT_PATH"]}, by="audit")

    def generate_output(self, writer):
        """Write the grid's page."""
        write_page(writer, self, self.options["AUDIT_PATH"], "audit")
