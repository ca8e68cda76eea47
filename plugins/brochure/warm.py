"""A process that loads WeasyPrint while the build reads its data, then renders the brochure.

Loading WeasyPrint and its libraries takes about half a second, and rendering the brochure
as much again; the pages wait for the brochure (they show its size). When a build starts in
a process that has not loaded WeasyPrint yet (`make html`), a process is forked that loads
it at once, beside the reading of the data, and renders the brochure when the generator
hands it the HTML, while the build starts the search's indexing; the build itself never
loads WeasyPrint. Where forking is unsafe (forks.can_fork: the preview, test servers) or
WeasyPrint is already loaded, the brochure is rendered here.
"""

import sys
from dataclasses import dataclass

from plugins.coopsoc.forks import Warm, can_fork

from .render import render_document

# The renderer of the build under way, if one was forked: kept until the next build, which
# lets it go if this one stopped before collecting its brochure.
_renderer = None


def _load_weasyprint() -> None:
    from .render import require_weasyprint

    require_weasyprint()


def start(pelican=None) -> None:
    """Receiver of initialized: a new build; fork its renderer if that saves time."""
    global _renderer
    if _renderer is not None:  # the last build's, done or stopped before its brochure
        _renderer.close()
        _renderer = None
    if "weasyprint" not in sys.modules and can_fork():
        _renderer = Warm(_load_weasyprint)


@dataclass(frozen=True)
class Ready:
    """A brochure already rendered: here, or kept by the preview."""

    value: tuple

    def result(self):
        return self.value


def render_later(*inputs):
    """Start render_document(*inputs), by this build's renderer if it has one and has not
    rendered yet; return what gives its result (result())."""
    if _renderer is None or _renderer.pending is not None:
        return Ready(render_document(*inputs))
    _renderer.call(render_document, *inputs)
    return _renderer


def render(*inputs):
    """render_document(*inputs), by this build's renderer if it has one and has not
    rendered yet."""
    return render_later(*inputs).result()
