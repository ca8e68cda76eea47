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
from plugins.coopsoc.memo import digest, enabled, remember_later
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
        self._whoosh_index = None
        inputs = (self.docs, self.options, self.synonyms, self.synonyms_path, directory)
        inputs += (self.request_words, enabled(self.settings))
        if enabled(self.settings):
            # In the preview, the index of the same documents is not built again; after an
            # edit, the previous index serves until the new one is ready.
            return remember_later(self.settings, "search", digest(*inputs), index_files, *inputs)
        self.index, files = index_and_files(*inputs)
        return files

    @property
    def whoosh_index(self):
        """whoosh's index of the same documents, the reference the export is compared with
        (built on first use: the build computes the weights without it)."""
        if self._whoosh_index is None:
            self._whoosh_index = indexer.build_whoosh(self.docs)
        return self._whoosh_index

    def start_indexing(self):
        """Start indexing beside the writing of the other pages (all contexts are final)."""
        # The preview indexes in its own process, which keeps the index for its next build.
        if not enabled(self.settings):
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


def index_files(*inputs) -> dict[str, bytes]:
    """Return the files of the browser index (a module's function: the preview may run it
    in a worker process)."""
    return index_and_files(*inputs)[1]


def index_and_files(docs, options, synonyms, synonyms_path, directory, request_words, keep):
    """Index the documents; return the index and the files of the browser index."""
    index = indexer.build(docs, options["SEARCH_FIELD_BOOSTS"])
    check_against(synonyms, index.postings, synonyms_path)
    request = request_data(index, synonyms, request_words, options, keep)
    return index, export.export(docs, index, synonyms, directory, options, request)


def request_data(index, synonyms, request_words, options, keep=False) -> dict:
    """Return the fillers, the ways of writing communes and the French word list."""
    vocabulary = index.surfaces
    synonym_words = {word for synonym in synonyms for word in synonym.words}
    stems = set(index.postings) | {stem(w) for w in synonym_words}
    typo = (options["SEARCH_TYPO_MIN_LENGTH"], options["SEARCH_TYPO2_MIN_LENGTH"])
    candidates = set(vocabulary) | synonym_words
    return {
        "fillers": lexicon.expand_fillers(request_words.fillers, vocabulary),
        "places": request_words.forms(),
        "lexicon": _lexicon(vocabulary, candidates, stems, typo, keep),
    }


# The preview's last word lists (by digest of their inputs), in the process computing them.
_LEXICONS: dict[str, dict] = {}


def _lexicon(vocabulary, candidates, stems, typo, keep: bool) -> dict:
    if not keep:
        return lexicon.lexicon(vocabulary, candidates, stems, typo)
    key = digest(sorted(vocabulary.items()), sorted(candidates), sorted(stems), typo)
    if key not in _LEXICONS:
        _LEXICONS.clear()
        _LEXICONS[key] = lexicon.lexicon(vocabulary, candidates, stems, typo)
    return _LEXICONS[key]


def get_generators(pelican):
    """Hand the search generator to Pelican."""
    return SearchGenerator


def start_indexing(generators):
    """Receiver of all_generators_finalized: start the search generator's indexing."""
    for generator in generators:
        if isinstance(generator, SearchGenerator):
            generator.start_indexing()
