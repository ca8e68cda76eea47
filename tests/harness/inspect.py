"""The checks beyond axe (tests/harness/inspect.js), run on one reused browser page.

One page load per address: the checks of the drawn page in one call at 1280 CSS pixels,
with prefers-reduced-motion set, then the reflow at 640 and 320 pixels (zoom 200 % and
400 % of a 1280-pixel window, WCAG 1.4.10).
"""

from dataclasses import dataclass, field
from pathlib import Path

from tests.harness.browser import OVERFLOW_JS

SCRIPT = (Path(__file__).with_name("inspect.js")).read_text(encoding="utf-8")
# WCAG 1.4.12: line height 1.5, paragraph spacing 2, letter spacing 0.12, word spacing 0.16
# times the font size.
SPACING_CSS = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
    word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""
# English phrases the site might show; each must sit inside lang="en" (RGAA 8.7). Proper
# names (Nu Html Checker, Chromium) are not a change of language (RGAA 8.7, cas particuliers).
ENGLISH = [
    "Web Content Accessibility Guidelines",
    "HyperText Markup Language",
    "Cascading Style Sheets",
    "Scalable Vector Graphics",
    "Portable Document Format",
    "World Wide Web Consortium",
    "NonVisual Desktop Access",
    "JavaScript Object Notation",
    "Comma-Separated Values",
    "Internet Protocol",
    "best practice",
    "open data",
    "newsletter",
    "easy to read",
]
WIDTHS = (640, 320)


@dataclass
class Inspection:
    """What each check found wrong on one page (empty lists pass)."""

    url: str
    found: dict = field(default_factory=dict)
    reflow: dict = field(default_factory=dict)


def inspect_page(page, url: str, state=None) -> Inspection:
    """Load url (then bring it to a state, if given) and run every check on it."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(url, wait_until="load")
    if state is not None:
        state(page)
    # A key press first: focus moved by script then shows as a keyboard user sees it.
    page.keyboard.press("Tab")
    inspection = Inspection(url=url)
    inspection.found = page.evaluate(SCRIPT, {"english": ENGLISH, "spacingCss": SPACING_CSS})
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        inspection.reflow[width] = page.evaluate(OVERFLOW_JS)
    return inspection
