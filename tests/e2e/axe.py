"""The accessibility gate: axe-core (tests/axe, pinned, installed by `make axe`) run in a page,
and the portal's own page checks (no internal rule ids, a way back).

axe-core is injected as a script tag, which the portal's CSP refuses: only the browser
contexts made here (`axe_context`) bypass the CSP; the journeys' own pages keep it.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.regelcodes import regelcodes_in

AXE_JS = Path(__file__).resolve().parents[1] / "axe" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BREED, SMAL = 1280, 320
TAAL = {"locale": "nl-BE", "extra_http_headers": {"Accept-Language": "nl"}}

# Each violation as plain data: the rule, its impact and the selectors of the failing nodes.
_RUN = """async (tags) => {
  const result = await axe.run(document, {
    runOnly: {type: "tag", values: tags}, resultTypes: ["violations"],
  });
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.map(n => n.target.join(" ")),
  }));
}"""

# A way back: the breadcrumb trail (partials/breadcrumbs.html) or a link back in the content.
_TERUG = """() => {
  const main = document.querySelector("main") || document.body;
  if (main.querySelector("nav[aria-label] .breadcrumb a")) return true;
  return [...main.querySelectorAll("a[href]")].some(
    a => /^\\s*(terug|back)\\b/i.test(a.textContent));
}"""


@dataclass(frozen=True)
class Violation:
    url: str
    width: int
    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]

    @property
    def elements(self) -> int:
        return len(self.targets)

    def __str__(self) -> str:
        targets = ", ".join(self.targets[:5]) + (" ..." if len(self.targets) > 5 else "")
        return f"{self.url} @{self.width}px: {self.rule} ({self.impact}) {self.help} -> {targets}"


def require_axe() -> None:
    if not AXE_JS.exists():
        raise AssertionError(f"{AXE_JS} is missing; `make axe` installs axe-core.")


@contextmanager
def axe_context(browser, *, storage_state: dict | None = None) -> Iterator[object]:
    """A browser context for the gate: Dutch, 1280 px wide and the CSP bypassed, so axe-core
    can be injected. Used for nothing else."""
    require_axe()
    context = browser.new_context(
        bypass_csp=True,
        viewport={"width": BREED, "height": 900},
        storage_state=storage_state,
        **TAAL,
    )
    try:
        yield context
    finally:
        context.close()


def run_axe(page, url: str | None = None) -> list[Violation]:
    """axe-core's WCAG 2.1 A/AA violations of the page as it is now."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    width = page.viewport_size["width"]
    return [
        Violation(
            url=url or page.url,
            width=width,
            rule=v["id"],
            impact=v["impact"] or "",
            help=v["help"],
            targets=tuple(v["targets"]),
        )
        for v in page.evaluate(_RUN, WCAG_21_AA)
    ]


def run_axe_at_both_widths(page, url: str | None = None) -> list[Violation]:
    """axe at 1280 px, then again after narrowing the viewport to 320 px (a phone); the
    viewport is wide again afterwards."""
    height = page.viewport_size["height"]
    found = run_axe(page, url)
    page.set_viewport_size({"width": SMAL, "height": height})
    try:
        found += run_axe(page, url)
    finally:
        page.set_viewport_size({"width": BREED, "height": height})
    return found


def rule_ids_shown(page) -> list[str]:
    """Internal rule ids in the page's visible text."""
    return regelcodes_in(page.locator("body").inner_text())


def has_way_back(page) -> bool:
    return bool(page.evaluate(_TERUG))


def report(violations: list[Violation]) -> str:
    """A readable list, one line per rule per page, with the totals first."""
    pages = len({(v.url, v.width) for v in violations})
    elements = sum(v.elements for v in violations)
    lines = [f"{len(violations)} axe violations ({elements} elements) on {pages} page views:"]
    return "\n".join(lines + [f"  {v}" for v in violations])


class Recording:
    """The pages a journey showed, as the browser had them when each finished loading: a page
    shown after a refused POST (its error summary) is checked as the person saw it, and the
    journey's own context keeps its CSP. `replay` runs axe on each afterwards.

    One copy per URL, and one more when the URL showed an error summary: a journey comes back
    to a dossier page after each step, and its last state (with the most on it) is kept."""

    def __init__(self, page) -> None:
        self.pages: dict[str, tuple[str, str]] = {}
        page.on("load", self._loaded)

    def _loaded(self, page) -> None:
        from playwright.sync_api import Error

        try:
            if page.evaluate("() => document.contentType") != "text/html":
                return
            html = page.content()
        except Error:
            return  # the journey navigated on before the page could be read
        url = page.url.split("#")[0]
        key = url + (" (errors)" if 'id="foutenoverzicht"' in html else "")
        self.pages[key] = (url, html)

    def replay(self, browser) -> list[Violation]:
        """axe at 1280 and 320 px on every recorded page."""
        found: list[Violation] = []
        if not self.pages:
            return found
        with axe_context(browser) as context:
            page = context.new_page()
            page.set_default_timeout(15_000)
            shown: dict[str, str] = {}

            def serve(route) -> None:
                # The recorded page itself; its styles and scripts come from the live server.
                request = route.request
                if request.resource_type == "document" and request.url == shown.get("url"):
                    route.fulfill(
                        status=200, content_type="text/html; charset=utf-8", body=shown["html"]
                    )
                else:
                    route.continue_()

            page.route("**/*", serve)
            for url, html in self.pages.values():
                shown.update(url=url, html=html)
                page.goto(url)
                found += run_axe_at_both_widths(page, url)
        return found
