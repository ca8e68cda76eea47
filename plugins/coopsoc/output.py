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

import logging
import multiprocessing
import pickle
from contextlib import contextmanager
from pathlib import Path

from pelican import signals
from pelican.utils import get_relative_path, path_to_url, sanitised_join
from pelican.writers import FileOverwriteFailedError

from . import pieces, stamps
from .forks import can_fork, hold_heap, processes, release_heap
from .memo import digest, remember

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


def rework_written_file(receiver):
    """Declare a content_written receiver that only changes the file it is given."""
    _FILE_RECEIVERS.add(receiver)
    return receiver


def filter_pages(function, piece=None):
    """Apply function (HTML → HTML) to every page write_page writes, before writing it.

    piece, if given, filters once a piece that many pages repeat (pieces.py): piece(html,
    slot) returns an object whose fill(value) gives the piece filtered, value in place of
    slot, as function would leave it in a page (or None, when that cannot be told, and the
    piece is filtered in each page); its accepts(value) says whether it holds for a value.
    """
    if function not in _PAGE_FILTERS:
        _PAGE_FILTERS.append(function)
        pieces.PIECE_FILTERS[function] = piece
    return function


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
        context = dict(*args, **kwargs)
        if context.get(stamps.STAMP) is not None:
            # A page of a family that differs only by what it is about: from its stamp.
            html = stamps.render(self.template, context, self._render_whole, _PAGE_READERS)
            if html is not None:
                return html
        return self._render_whole(context)

    def _render_whole(self, context: dict) -> str:
        with pieces.rendering() as rendered:
            html = self.template.render(context)
        # In the preview, a page rendered as in the build before is not filtered again.
        html = remember(self.settings, "page", lambda: digest(html), lambda: _filtered(html))
        for reader in _PAGE_READERS:
            reader.read(html)
            for text in pieces.shown(rendered):
                reader.read(text)
        return pieces.fill(html, rendered)


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
