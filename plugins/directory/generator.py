"""The directory's pages: establishments, trades, filières, types and communes.

generate_context loads and validates the data (nothing is written if it is wrong);
generate_output only calls writer.write_file, so every page goes through Pelican's
content_written signal.
"""

import json
from dataclasses import replace
from functools import partial

from pelican.generators import Generator

from plugins.coopsoc.context import provide
from plugins.coopsoc.data.problems import load_all
from plugins.coopsoc.datafiles import HISTORY_FILE, data_folder, data_path
from plugins.coopsoc.directory.history import load_history
from plugins.coopsoc.directory.loader import ESTABLISHMENTS_FILE, load_directory
from plugins.coopsoc.directory.model import TYPE_LABELS
from plugins.coopsoc.directory.updates import entry_days
from plugins.coopsoc.distance import nearest
from plugins.coopsoc.markup import MarkdownRenderer
from plugins.coopsoc.output import pages_in_parallel, write_bytes, write_page, write_text
from plugins.coopsoc.text import kilometres, with_a
from plugins.coopsoc.urls import (
    COMMUNES,
    ESTABLISHMENTS,
    ESTABLISHMENTS_SCRIPT,
    FILIERES,
    OPEN_DATA,
    TRADES,
    TYPES,
    list_export_path,
    type_path,
)

from .figures import shown_figures
from .listexport import ListExports
from .opendata import OpenData
from .pagination import list_page_size, paginate
from .photos import Photos

# Sections of the site this generator owns: key for {lien:…} → path from the root.
SECTIONS = {
    "etablissements": ESTABLISHMENTS,
    "metiers": TRADES,
    "filieres": FILIERES,
    "types": TYPES,
    "communes": COMMUNES,
    "donnees": OPEN_DATA,
}
# How many establishments beyond a commune its page lists, nearest first.
NEARBY = 6


class DirectoryGenerator(Generator):
    """Load data/ once, publish it to the templates, then write the directory pages."""

    def generate_context(self):
        """Load and validate the data; publish the directory, its figures and the history."""
        # Every problem of every file is reported at once, history included.
        directory, history = load_all(
            partial(load_directory, data_folder(self.settings)),
            partial(load_history, data_path(self.settings, HISTORY_FILE)),
        )
        self.directory = directory
        provide(self.context, "DIRECTORY", directory, by="directory")
        provide(
            self.context,
            "FIGURES",
            shown_figures(directory, self.settings["BUILD_DATE"], self.settings["FOUNDING_DATE"]),
            by="directory",
        )
        # True while data/annuaire.yaml declares the data a sample: every page says so.
        provide(self.context, "SAMPLE_DATA", directory.sample, by="directory")
        provide(self.context, "TYPE_LABELS", TYPE_LABELS, by="directory")
        provide(self.context, "SECTIONS", SECTIONS, by="directory")
        provide(self.context, "markdown", MarkdownRenderer(settings=self.settings), by="directory")
        # An event's title is an h3 of the history page: headings of its text start at h4.
        render_event = MarkdownRenderer(shift_headings=3, settings=self.settings)
        provide(
            self.context,
            "HISTORY",
            tuple(replace(event, texte_html=render_event(event.texte)) for event in history),
            by="directory",
        )
        folder = data_folder(self.settings)
        # The day each fiche was last updated: its « mise_a_jour », or its last commit.
        committed = entry_days(folder / ESTABLISHMENTS_FILE)
        self.updated = {
            e.id: e.mise_a_jour or committed.get(e.id) for e in directory.establishments
        }
        self.photos = Photos(directory, folder, self.settings)
        self.env.filters.update(km=kilometres)
        self.open_data = OpenData(directory, self.settings, self.updated)
        self.page_size = list_page_size(self.settings)
        provide(self.context, "LIST_PAGE_SIZE", self.page_size, by="directory")
        self.list_exports = ListExports(directory, self.settings, self.updated)
        provide(self.context, "DIRECTORY_SCRIPT", ESTABLISHMENTS_SCRIPT, by="directory")

    def _write_list(self, writer, path, template, name, label, establishments, **values):
        """Write a list's pages and its CSV file, which every page links to.

        The template sees the whole list (establishments) and the page's part (shown), cut
        in pages of DIRECTORY_LIST_PAGE_SIZE (pagination.py)."""
        export = self.list_exports.export(list_export_path(path, name), label, path, establishments)
        write_bytes(self.output_path, export.path, export.content)
        for page_path, shown, pagination in paginate(path, establishments, self.page_size):
            write_page(
                writer,
                self,
                page_path,
                template,
                list_export=export,
                establishments=establishments,
                shown=shown,
                pagination=pagination,
                **values,
            )

    def generate_output(self, writer):
        """Write every directory page, the lists' CSV files and the open data files."""
        # The pages only read the directory: they are written on every processor.
        with pages_in_parallel(writer):
            self._write_output(writer)

    def _write_output(self, writer):
        directory = self.directory
        self._write_list(
            writer,
            ESTABLISHMENTS,
            "directory_index",
            "etablissements",
            "Tous les établissements",
            directory.establishments,
        )
        for establishment in directory.establishments:
            write_page(
                writer,
                self,
                establishment.path,
                "establishment",
                establishment=establishment,
                updated=self.updated[establishment.id],
                pictures=self.photos.pictures[establishment.id],
            )
        for kind, establishments in directory.establishments_by_type().items():
            if establishments:
                heading = f"{TYPE_LABELS[kind]} ({kind})"
                self._write_list(
                    writer,
                    type_path(kind),
                    "establishment_list",
                    f"type-{kind.lower()}",
                    f"Type : {heading}",
                    establishments,
                    heading=heading,
                    kind=kind,
                )
        for commune, establishments in directory.establishments_by_commune().items():
            self._write_list(
                writer,
                commune.path,
                "establishment_list",
                f"commune-{commune.slug}",
                f"Commune : {commune.nom}",
                establishments,
                heading=f"Établissements {with_a(commune.nom)}",
                commune=commune,
                nearby=nearest(directory.establishments, commune, NEARBY),
            )
        self._write_folders(writer)
        write_page(writer, self, TRADES, "trade_index")
        for filiere in directory.filieres:
            self._write_list(
                writer,
                filiere.path,
                "filiere",
                f"filiere-{filiere.id}",
                f"Filière : {filiere.nom}",
                directory.establishments_for_filiere(filiere.id),
                filiere=filiere,
            )
            for trade in filiere.trades:
                self._write_list(
                    writer,
                    trade.path,
                    "trade",
                    f"metier-{trade.id}",
                    f"Métier : {trade.nom}",
                    directory.establishments_for_trade(trade.id),
                    filiere=filiere,
                    trade=trade,
                )
        write_page(writer, self, OPEN_DATA, "open_data", open_data=self.open_data)
        self.open_data.write(self.output_path)
        data = json.dumps(
            self.list_exports.browser_data(TYPE_LABELS), ensure_ascii=False, separators=(",", ":")
        )
        write_text(
            self.output_path,
            ESTABLISHMENTS_SCRIPT,
            "// Generated from data/ when the site is built.\n"
            f"window.CoopsocEstablishments = {data};\n",
        )
        self.photos.write(self.output_path)

    def _write_folders(self, writer):
        """Write the pages of the folders that hold lists: every address has a page."""
        directory = self.directory
        by_type = [
            (f"{TYPE_LABELS[kind]} ({kind})", type_path(kind), found, ())
            for kind, found in directory.establishments_by_type().items()
            if found
        ]
        by_commune = [
            (commune.nom, commune.path, found, ())
            for commune, found in directory.establishments_by_commune().items()
        ]
        by_filiere = [
            (f.nom, f.path, directory.establishments_for_filiere(f.id), f.trades)
            for f in directory.filieres
        ]
        for path, heading, entries, parent in (
            (TYPES, "Les établissements par type", by_type, ("Établissements", ESTABLISHMENTS)),
            (
                COMMUNES,
                "Les établissements par commune",
                by_commune,
                ("Établissements", ESTABLISHMENTS),
            ),
            (FILIERES, "Les filières", by_filiere, ("Métiers", TRADES)),
        ):
            write_page(
                writer,
                self,
                path,
                "directory_folder",
                heading=heading,
                entries=entries,
                parent=parent,
            )
