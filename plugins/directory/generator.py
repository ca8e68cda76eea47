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
from plugins.coopsoc.directory.loader import ESTABLISHMENTS_FILE, load_directory
from plugins.coopsoc.directory.model import TYPE_LABELS
from plugins.coopsoc.directory.updates import entry_days
from plugins.coopsoc.distance import nearest
from plugins.coopsoc.markup import MarkdownRenderer
from plugins.coopsoc.output import write_page
from plugins.coopsoc.text import kilometres, with_a
from plugins.coopsoc.urls import ESTABLISHMENTS, OPEN_DATA, TRADES, type_path

from .figures import shown_figures
from .opendata import OpenData
from .photos import Photos

# Sections of the site this generator owns: key for {lien:…} → path from the root.
SECTIONS = {
    "etablissements": ESTABLISHMENTS,
    "metiers": TRADES,
    "filieres": TRADES,
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
        provide(self.context, "markdown", MarkdownRenderer(), by="directory")
        # An event's title is an h3 of the history page: headings of its text start at h4.
        render_event = MarkdownRenderer(shift_headings=3)
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
        self.photos = Photos(directory, folder)
        self.env.filters.update(km=kilometres)
        self.open_data = OpenData(directory, self.settings, self.updated)

    def generate_output(self, writer):
        """Write every directory page and the open data files."""
        directory = self.directory
        write_page(writer, self, ESTABLISHMENTS, "directory_index")
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
                nearby=nearest(directory.establishments, commune, NEARBY),
            )
        write_page(writer, self, TRADES, "trade_index")
        for filiere in directory.filieres:
            write_page(writer, self, filiere.path, "filiere", filiere=filiere)
            for trade in filiere.trades:
                write_page(writer, self, trade.path, "trade", filiere=filiere, trade=trade)
        write_page(writer, self, OPEN_DATA, "open_data", open_data=self.open_data)
        self.open_data.write(self.output_path)
        self.photos.write(self.output_path)
