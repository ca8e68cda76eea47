"""The directory's pages: establishments, trades, filières, types and communes.

generate_context loads and validates the data (nothing is written if it is wrong);
generate_output only calls writer.write_file, so every page goes through Pelican's
content_written signal.
"""

from dataclasses import replace
from functools import partial

from pelican.generators import Generator

from plugins.coopsoc.context import provide
from plugins.coopsoc.data.problems import load_all
from plugins.coopsoc.datafiles import HISTORY_FILE, data_folder, data_path
from plugins.coopsoc.directory.history import load_history
from plugins.coopsoc.directory.loader import load_directory
from plugins.coopsoc.directory.model import TYPE_LABELS
from plugins.coopsoc.markup import MarkdownRenderer
from plugins.coopsoc.output import write_page
from plugins.coopsoc.text import with_a
from plugins.coopsoc.urls import (
    COMMUNES,
    ESTABLISHMENTS,
    FILIERES,
    OPEN_DATA,
    TRADES,
    TYPES,
    type_path,
)

from .figures import shown_figures
from .opendata import OpenData

# Sections of the site this generator owns: key for {lien:…} → path from the root.
SECTIONS = {
    "etablissements": ESTABLISHMENTS,
    "metiers": TRADES,
    "filieres": FILIERES,
    "types": TYPES,
    "communes": COMMUNES,
    "donnees": OPEN_DATA,
}


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
        provide(self.context, "markdown", MarkdownRenderer(), by="directory")
        # An event's title is an h3 of the history page: headings of its text start at h4.
        render_event = MarkdownRenderer(shift_headings=3)
        provide(
            self.context,
            "HISTORY",
            tuple(replace(event, texte_html=render_event(event.texte)) for event in history),
            by="directory",
        )
        self.open_data = OpenData(directory, self.settings)

    def generate_output(self, writer):
        """Write every directory page and the open data files."""
        directory = self.directory
        write_page(writer, self, ESTABLISHMENTS, "directory_index")
        for establishment in directory.establishments:
            write_page(
                writer, self, establishment.path, "establishment", establishment=establishment
            )
        for kind, establishments in directory.establishments_by_type().items():
            if establishments:
                write_page(
                    writer,
                    self,
                    type_path(kind),
                    "establishment_list",
                    heading=f"{TYPE_LABELS[kind]} ({kind})",
                    kind=kind,
                    establishments=establishments,
                )
        for commune, establishments in directory.establishments_by_commune().items():
            write_page(
                writer,
                self,
                commune.path,
                "establishment_list",
                heading=f"Établissements {with_a(commune.nom)}",
                commune=commune,
                establishments=establishments,
            )
        self._write_folders(writer)
        write_page(writer, self, TRADES, "trade_index")
        for filiere in directory.filieres:
            write_page(writer, self, filiere.path, "filiere", filiere=filiere)
            for trade in filiere.trades:
                write_page(writer, self, trade.path, "trade", filiere=filiere, trade=trade)
        write_page(writer, self, OPEN_DATA, "open_data", open_data=self.open_data)
        self.open_data.write(self.output_path)

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
