"""Writing the site's files: every page and every other output file goes through here.

A page goes through Pelican's writer.write_file, so its content_written signal fires
(the sitemap lists the page, French typography is applied). Other files (the PDF, the
search index, the open data, scripts, stylesheets) are bytes or UTF-8 text written under
the output folder, their folders created as needed.

Pages that do not depend on each other (the directory's thousands) may be written on every
processor: inside `with pages_in_parallel(writer):`, write_page only notes the page, and the
block's end writes them all, shared between this process and forked ones. Each page's
bytes are those of a build in one process (tests/test_build.py compares both).
"""

import contextvars
import gc
import logging
import multiprocessing
import os
import pickle
import re
import threading
from contextlib import contextmanager
from pathlib import Path

from pelican import signals
from pelican.utils import get_relative_path, path_to_url, sanitised_join
from pelican.writers import FileOverwriteFailedError

from .memo import digest, remember

# How many processes write pages: every processor the build may use, unless the
# environment says otherwise (COOPSOC_PROCESSES=1 writes everything in this process).
PROCESSES_VARIABLE = "COOPSOC_PROCESSES"
# Receivers of content_written that only rework the file just written (French typography)
# run in the process that wrote it; the others (the sitemap's list of pages) run here
# afterwards, for every page, so that what they gather stays in this process.
_FILE_RECEIVERS: set = set()
# Writers inside a pages_in_parallel block (by id) → the pages noted so far.
_PENDING: dict[int, list] = {}
# Functions of a page's HTML applied before write_page writes it (French typography): the
# page is written once, final. Its context's PAGE_FILTERS names them for content_written.
_PAGE_FILTERS: list = []
PAGE_FILTERS = "page_filters"
# Readers of every page write_page writes (the fonts' characters): see read_pages.
_PAGE_READERS: list = []
# For each page filter, the function that filters a piece of many pages apart from them
# (or None): see filter_pages and page_piece.
_PIECE_FILTERS: dict = {}
# While a page of write_page renders: its pieces, each in the place of its stand-in tag.
_RENDERING: contextvars.ContextVar = contextvars.ContextVar("coopsoc_pieces", default=None)
# The stand-in of a piece in its page, until the page filters have run: a tag of no HTML
# element, read by the filters as a tag that ends any line of text.
PIECE_START = "<coopsoc-piece "
_STAND_IN = re.compile('<coopsoc-piece n="([0-9]+)">')
# A piece's entry in a cache (page_piece) that could not be filtered apart from its pages.
_WHOLE = object()
# How many forked processes still rely on the heap being frozen (hold_heap).
_HELD = 0


def hold_heap() -> None:
    """Before forking: set what the heap holds aside from the garbage collector (gc.freeze),
    until release_heap. A collection writes in every object it visits, so without this
    the parent and its forked processes would copy each other's memory page by page."""
    global _HELD
    _HELD += 1
    gc.freeze()


def release_heap() -> None:
    """The forked process that needed it is done: once none is left, unfreeze."""
    global _HELD
    _HELD -= 1
    if not _HELD:
        gc.unfreeze()


def rework_written_file(receiver):
    """Declare a content_written receiver that only changes the file it is given."""
    _FILE_RECEIVERS.add(receiver)
    return receiver


def filter_pages(function, piece=None):
    """Apply function (HTML → HTML) to every page write_page writes, before writing it.

    piece, if given, filters once a piece that many pages repeat (page_piece): piece(html,
    slot) returns an object whose fill(value) gives the piece filtered, value in place of
    slot, as function would leave it in a page (or None, when that cannot be told, and the
    piece is filtered in each page); its accepts(value) says whether it holds for a value.
    """
    if function not in _PAGE_FILTERS:
        _PAGE_FILTERS.append(function)
        _PIECE_FILTERS[function] = piece
    return function


def page_piece(cache: dict, key, html: str, slot: str | None, value: str | None):
    """The stand-in of a piece that many pages repeat, filtered once, or None.

    html, rendered once (sitekit's fragments), holds slot where each use writes value
    (HTML, escaped). While write_page renders a page, the piece is filtered once per key
    (cache keeps it), and the page holds a stand-in until its own filtering is done: only
    the rest of the page goes through the page filters. None outside write_page's pages,
    or if the filters cannot filter the piece apart: the caller writes it in the page.
    """
    pieces = _RENDERING.get()
    if pieces is None or len(_PAGE_FILTERS) != 1:
        return None
    prepared = cache.get(key)
    if prepared is None:
        filter_piece = _PIECE_FILTERS[_PAGE_FILTERS[0]]
        prepared = cache[key] = (filter_piece and filter_piece(html, slot)) or _WHOLE
    if prepared is _WHOLE or (value is not None and not prepared.accepts(value)):
        return None
    html, filled = prepared.fill(value or "")
    # The page's readers read the piece once per process; then, when the value goes in
    # text only, that text alone (what the piece shows beyond what was read).
    if getattr(prepared, "read", False) and prepared.value_in_text_only:
        shown = filled
    else:
        shown, prepared.read = [html], True
    pieces.append((html, shown))
    return f'{prepared.lead}<coopsoc-piece n="{len(pieces) - 1}">{prepared.trail}'


@contextmanager
def whole_pieces():
    """Inside the block, page_piece leaves pieces in their page: what a piece renders
    (another piece nested in it) is cached with it, so it must not hold stand-ins."""
    token = _RENDERING.set(None)
    try:
        yield
    finally:
        _RENDERING.reset(token)


def read_pages(reader):
    """Give reader every page write_page writes, as written: reader.read(html) runs in the
    process that writes the page, and what a forked process gathered comes back here
    (reader.merge(value) with the value its reader.gathered() returned there)."""
    if reader not in _PAGE_READERS:
        _PAGE_READERS.append(reader)
    return reader


class _FilteredTemplate:
    """A template whose rendered page goes through the page filters."""

    def __init__(self, template, settings=None):
        self.template = template
        self.settings = settings or {}

    def render(self, *args, **kwargs):
        pieces: list[tuple] = []
        token = _RENDERING.set(pieces)
        try:
            html = self.template.render(*args, **kwargs)
        finally:
            _RENDERING.reset(token)
        # In the preview, a page rendered as in the build before is not filtered again.
        html = remember(self.settings, "page", lambda: digest(html), lambda: _filtered(html))
        for reader in _PAGE_READERS:
            reader.read(html)
            for _, shown in pieces:
                for text in shown:
                    reader.read(text)
        if pieces:
            html = _STAND_IN.sub(lambda match: pieces[int(match.group(1))][0], html)
        return html


def _filtered(html: str) -> str:
    for function in _PAGE_FILTERS:
        html = function(html)
    return html


def write_page(writer, generator, path: str, template: str, **values) -> None:
    """Write the page of path (from the site root, ending with "/") with a generator's template.

    The template sees the generator's context, page_path (the path) and values.
    """
    pending = _PENDING.get(id(writer))
    if pending is not None:
        pending.append((generator, path, template, values))
        return
    _write(writer, generator, path, template, values)


def _write(writer, generator, path, template, values):
    writer.write_file(
        path + "index.html",
        _FilteredTemplate(generator.get_template(template), generator.settings),
        generator.context,
        relative_urls=generator.settings["RELATIVE_URLS"],
        page_path=path,
        **{PAGE_FILTERS: tuple(_PAGE_FILTERS)},
        **values,
    )


def write_bytes(output_path, relative_path: str, data: bytes) -> Path:
    """Write data to output_path/relative_path, creating its folders; return the file."""
    target = Path(output_path, relative_path)
    try:
        # A file there is rewritten in place, not emptied first: ext4 may flush a file
        # emptied and written again when it is closed (auto_da_alloc), which made
        # rewriting every page (fingerprint.py) several times slower.
        with open(target, "r+b") as file:
            file.write(data)
            file.truncate()
    except FileNotFoundError:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return target


def write_text(output_path, relative_path: str, text: str) -> Path:
    """Write text in UTF-8, line endings untouched, to output_path/relative_path."""
    return write_bytes(output_path, relative_path, text.encode("utf-8"))


def processes() -> int:
    """Return how many processes may write pages (COOPSOC_PROCESSES, else the processors)."""
    wanted = os.environ.get(PROCESSES_VARIABLE, "").strip()
    if wanted:
        return max(1, int(wanted))
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


def can_fork() -> bool:
    # Forking a process that runs other threads (a preview server, a test server) can
    # deadlock the child on a lock another thread held: write in this process instead.
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


@contextmanager
def pages_in_parallel(writer):
    """Note the pages write_page is asked for inside the block, then write them all at its end.

    The pages must not depend on each other's writing: each is rendered from the context
    as it is when the block ends.
    """
    if id(writer) in _PENDING:  # nested: the outer block writes everything
        yield
        return
    pending = _PENDING[id(writer)] = []
    try:
        yield
    finally:
        del _PENDING[id(writer)]
    count = min(processes(), len(pending))
    if count < 2 or not can_fork():
        for job in pending:
            _write(writer, *job)
        return
    _write_forked(writer, pending, count)


def _target(writer, path: str) -> str:
    return sanitised_join(writer.output_path, path + "index.html")


def _write_forked(writer, jobs: list, count: int) -> None:
    """Write jobs in this process and count - 1 forked ones, then replay the signals here."""
    targets = [_target(writer, path) for _, path, _, _ in jobs]
    seen = set(writer._written_files)  # Pelican's own record, to refuse a second write
    for target in targets:
        if target in seen:
            raise FileOverwriteFailedError(f"« {target} » serait écrit deux fois")
        seen.add(target)
    # Job i goes to process (last - i) % count: this process writes the last page, so the
    # context Pelican updates while writing ends as after a build in one process.
    last = len(jobs) - 1
    shares = [[i for i in range(len(jobs)) if (last - i) % count == n] for n in range(count)]
    context = multiprocessing.get_context("fork")
    hold_heap()
    try:
        outcomes, children = _fork_and_write(writer, jobs, shares, context)
    finally:
        release_heap()
    for status, value, records, gathered in outcomes:
        for name, level, message in records:
            logging.getLogger(name).log(level, "%s", message)
        if status == "error":
            raise value
        for reader, found in zip(_PAGE_READERS, gathered, strict=True):
            reader.merge(found)
    others = [r for r in signals.content_written.receivers_for(None) if r not in _FILE_RECEIVERS]
    for _, _, share in children:
        for i in share:
            writer._written_files.add(targets[i])
            generator, path, _, values = jobs[i]
            page_context = _page_context(generator, path, values)
            for receiver in others:
                receiver(targets[i], context=page_context)


def _fork_and_write(writer, jobs: list, shares: list, context):
    """Start a process for each share but the first, write the first here, collect them."""
    children = []
    for share in shares[1:]:
        receiver, sender = context.Pipe(duplex=False)
        child = context.Process(target=_child, args=(sender, writer, jobs, share), daemon=True)
        child.start()
        sender.close()
        children.append((child, receiver, share))
    try:
        for i in shares[0]:
            _write(writer, *jobs[i])
    finally:
        outcomes = [_collect(child, receiver) for child, receiver, _ in children]
    return outcomes, children


def _page_context(generator, path: str, values: dict) -> dict:
    """The context writer.write_file gives a page's template and content_written."""
    name = path + "index.html"
    page = dict(generator.context)
    if generator.settings["RELATIVE_URLS"]:
        page["SITEURL"] = page["localsiteurl"] = path_to_url(get_relative_path(name))
    page.update(output_file=name, page_path=path, **{PAGE_FILTERS: tuple(_PAGE_FILTERS)})
    page.update(values)
    return page


class _Records(logging.Handler):
    """Keep the warnings and errors of a child: the parent logs (and counts) them."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.records = []

    def emit(self, record):
        self.records.append((record.name, record.levelno, record.getMessage()))


def _child(connection, writer, jobs, share):
    records = _Records()
    for logger in logging.Logger.manager.loggerDict.values():
        if isinstance(logger, logging.Logger):
            logger.handlers, logger.propagate = [], True
    logging.getLogger().handlers = [records]
    for receiver in list(signals.content_written.receivers_for(None)):
        if receiver not in _FILE_RECEIVERS:
            signals.content_written.disconnect(receiver)
    try:
        for i in share:
            _write(writer, *jobs[i])
        gathered = [reader.gathered() for reader in _PAGE_READERS]
        connection.send(("ok", None, records.records, gathered))
    except BaseException as error:  # every failure goes back to the parent, which raises
        try:
            pickle.dumps(error)
        except Exception:
            error = RuntimeError(f"{type(error).__name__} : {error}")
        connection.send(("error", error, records.records, []))
    finally:
        connection.close()


def _collect(child, receiver):
    try:
        outcome = receiver.recv()  # before join: a full pipe would block the child
    except EOFError:
        outcome = ("error", RuntimeError("l’écriture des pages a échoué"), [], [])
    child.join()
    return outcome
