"""Headless Debian Chromium driven by Playwright, and the per-page audit."""

import json
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
# Without the networking flags Chromium tries to reach the outside and fails
# (shared/reference/tooling.md).
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # element.computedName: the accessible name Chromium gives screen readers, read by the
    # label-in-name check (tests/harness/inspect.js, WCAG 2.5.3).
    "--enable-blink-features=ComputedAccessibilityInfo",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "RGAAv4", "best-practice"]


@dataclass
class Audit:
    """What one page did in the browser."""

    url: str
    console_errors: list = field(default_factory=list)
    foreign_requests: list = field(default_factory=list)
    failed_requests: list = field(default_factory=list)
    violations: list = field(default_factory=list)
    overflow: dict = field(default_factory=dict)


def launch():
    """Start Playwright and Chromium; return (playwright, browser)."""
    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    return playwright, browser


def watch(page, origin: str, audit: Audit) -> None:
    """Record console errors and requests leaving the origin (which are refused)."""
    page.on(
        "console",
        lambda m: audit.console_errors.append(m.text) if m.type == "error" else None,
    )
    page.on("pageerror", lambda e: audit.console_errors.append(str(e)))
    page.on(
        "requestfailed",
        lambda r: audit.failed_requests.append(r.url) if r.url.startswith(origin) else None,
    )
    page.on(
        "response",
        lambda r: audit.failed_requests.append(f"{r.status} {r.url}") if r.status >= 400 else None,
    )

    def refuse(route):
        audit.foreign_requests.append(route.request.url)
        route.abort()

    page.route(lambda url: not (url.startswith(origin) or url.startswith("data:")), refuse)


def run_axe(page, tools_url: str, locale: dict) -> list:
    """Run axe-core on the loaded page and return its violations."""
    page.add_script_tag(url=f"{tools_url}axe-core/axe.min.js")
    return page.evaluate(
        """async ([tags, locale]) => {
            axe.configure({locale});
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}));
        }""",
        [AXE_TAGS, locale],
    )


OVERFLOW_JS = """() => {
    const root = document.documentElement;
    const wide = [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > root.clientWidth + 1)
        .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''));
    return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide};
}"""


def audit_page(browser, origin: str, path: str, node_modules: Path) -> Audit:
    """Load one page at 1280 px, run axe, then check reflow at 320 px (WCAG 1.4.10)."""
    locale = json.loads((node_modules / "axe-core/locales/fr.json").read_text(encoding="utf-8"))
    audit = Audit(url=f"{origin}/{path}")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    page = context.new_page()
    try:
        watch(page, origin, audit)
        page.goto(audit.url, wait_until="load")
        audit.violations = run_axe(page, f"{origin}/__outils__/", locale)
        page.set_viewport_size({"width": 320, "height": 800})
        audit.overflow = page.evaluate(OVERFLOW_JS)
    finally:
        context.close()
    return audit
