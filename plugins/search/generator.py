"""The search page /recherche/ and the index it loads.

generate_context reads and checks the settings and data/synonyms.yaml, and publishes what
templates need; nothing is written. Once every generator has finalized its context (so
pages have their placeholders replaced), start_indexing indexes with whoosh in memory, in
a forked process where possible, while the other generators write their pages;
generate_output then writes the exported index and the page through writer.write_file.
"""

from __future__ import annotations

from pelican.generators import Generator

from plugins.coopsoc.context import provide, require
from plugins.coopsoc.datafiles import REQUEST_FILE, SYNONYMS_FILE, data_path
from plugins.coopsoc.output import write_bytes, write_page
from plugins.coopsoc.text import sort_key
from plugins.coopsoc.vocabulary.analysis import stem
from plugins.coopsoc.vocabulary.requestwords import load_request_words
from plugins.coopsoc.vocabulary.synonyms import check_against, load_synonyms

from . import documents, export, indexer, lexicon
from .background import Background
from .settings import search_settings

SECTIONS = {"recherche": "recherche/"}


class SearchGenerator(Generator):
    """Index establishments, trades, filières and pages; write /recherche/."""

    def generate_context(self):
        """Check the settings and the synonyms; publish the search page's path."""
        self.options = search_settings(self.settings)
        self.options["URL_INDEX"] = self.settings.get("URL_INDEX", "index.html")
        self.synonyms_path = data_path(self.settings, SYNONYMS_FILE)
        self.synonyms = load_synonyms(self.synonyms_path)
        self.directory = require(self.context, "DIRECTORY", by="search")
        self.request_words = load_request_words(
            data_path(self.settings, REQUEST_FILE), self.directory.communes
        )
        provide(self.context, "SEARCH_PAGE_PATH", self.options["SEARCH_PAGE_PATH"], by="search")
        provide(
            self.context, "SECTIONS", {"recherche": self.options["SEARCH_PAGE_PATH"]}, by="search"
        )

    def build_index(self):
        """Index every document with whoosh; return the files of the browser index."""
        directory = self.directory
        # Indexing starts at all_generators_finalized, whose receivers run in the order of
        # PLUGINS: sitekit's placeholder replacement must have run first.
        require(self.context, "PLACEHOLDERS_REPLACED", by="search")
        pages = list(self.context.get("pages", []))  # published pages (404 is hidden)
        self.docs = documents.collect(directory, pages, sort_key)
        self.index = indexer.build(self.docs, self.options["SEARCH_FIELD_BOOSTS"])
        self._whoosh_index = None
        check_against(self.synonyms, self.index.postings, self.synonyms_path)
        return export.export(
            self.docs, self.index, self.synonyms, directory, self.options, self.request_data()
        )

    @property
    def whoosh_index(self):
        """whoosh's index of the same documents, the reference the export is compared with
        (built on first use: the build computes the weights without it)."""
        if self._whoosh_index is None:
            self._whoosh_index = indexer.build_whoosh(self.docs)
        return self._whoosh_index

    def request_data(self) -> dict:
        """Return the fillers, the ways of writing communes and the French word list."""
        vocabulary = self.index.surfaces
        synonym_words = {word for synonym in self.synonyms for word in synonym.words}
        stems = set(self.index.postings) | {stem(w) for w in synonym_words}
        typo = (self.options["SEARCH_TYPO_MIN_LENGTH"], self.options["SEARCH_TYPO2_MIN_LENGTH"])
        return {
            "fillers": lexicon.expand_fillers(self.request_words.fillers, vocabulary),
            "places": self.request_words.forms(),
            "lexicon": lexicon.lexicon(vocabulary, set(vocabulary) | synonym_words, stems, typo),
        }

    def start_indexing(self):
        """Start indexing beside the writing of the other pages (all contexts are final)."""
        self.indexing = Background(self.build_index)

    def generate_output(self, writer):
        """Write the index files, then the search page that loads them."""
        indexing = getattr(self, "indexing", None)
        files = indexing.result() if indexing else self.build_index()
        page_path = self.options["SEARCH_PAGE_PATH"]
        folder = export.folder_name(files)
        for name, content in files.items():
            write_bytes(self.output_path, f"{page_path}{folder}/{name}", content)
        self.index_files = files
        write_page(writer, self, page_path, "search", search_index=folder + "/")


def get_generators(pelican):
    """Hand the search generator to Pelican."""
    return SearchGenerator


def start_indexing(generators):
    """Receiver of all_generators_finalized: start the search generator's indexing."""
    for generator in generators:
        if isinstance(generator, SearchGenerator):
            generator.start_indexing()
