"""A process that loads WeasyPrint while the build reads its data, then renders the brochure.

Loading WeasyPrint and its libraries takes about half a second, and the pages wait for the
brochure (they show its size). When a build starts in a process that has not loaded
WeasyPrint yet (`make html`), a process is forked that loads it at once, beside the
reading of the data, and renders the brochure when the generator hands it the HTML; the
build itself never loads WeasyPrint. Where forking is unsafe (forks.can_fork: the
preview, test servers) or WeasyPrint is already loaded, the brochure is rendered here.
"""

import multiprocessing
import sys

from plugins.coopsoc.forks import can_fork

from .render import render_document

# The renderer of the build under way, if one was forked.
_renderer = None


class _Renderer:
    """A forked process that loads WeasyPrint, then renders one brochure."""

    def __init__(self):
        context = multiprocessing.get_context("fork")
        self.connection, child_end = context.Pipe()
        process = context.Process(target=_serve, args=(child_end, self.connection), daemon=True)
        self.process = process
        process.start()
        child_end.close()

    def render(self, *inputs):
        try:
            self.connection.send(inputs)
            status, value = self.connection.recv()
        except (EOFError, OSError):
            status, value = "error", None
        self.close()
        if status == "ok":
            return value
        if value is None:  # the process is gone: render here, with the same result
            return render_document(*inputs)
        raise value

    def close(self):
        self.connection.close()
        self.process.join()


def _serve(connection, parent_end) -> None:
    # The build's end of the pipe, inherited: closed, so that the build closing its own
    # ends this process's wait (a build that stopped before its brochure).
    parent_end.close()
    try:
        # Loaded now, while the build reads its data; a failure is raised by render_document.
        from .render import require_weasyprint

        require_weasyprint()
    except Exception:  # noqa: S110 — reported when the brochure is rendered
        pass
    try:
        inputs = connection.recv()
    except EOFError:  # the build ended before its brochure (an error in the data)
        return
    try:
        connection.send(("ok", render_document(*inputs)))
    except BaseException as error:  # the build raises it, with its French message
        connection.send(("error", error))
    finally:
        connection.close()


def start(pelican=None) -> None:
    """Receiver of initialized: a new build; fork its renderer if that saves time."""
    global _renderer
    if _renderer is not None:  # a build that stopped before its brochure
        _renderer.close()
        _renderer = None
    if "weasyprint" not in sys.modules and can_fork():
        _renderer = _Renderer()


def render(*inputs):
    """render_document(*inputs), by this build's renderer if it has one (then let go)."""
    global _renderer
    renderer, _renderer = _renderer, None
    if renderer is None:
        return render_document(*inputs)
    return renderer.render(*inputs)
