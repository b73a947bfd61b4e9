"""End-to-end tests: Debian's Chromium driven by Playwright against a live server."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from .axe import Recording, report

ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make for
# set-up are synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}; `make test` installs Debian's chromium.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.journey_failed = report.failed
    return report


@pytest.fixture
def page(browser, live_server, request) -> Iterator[object]:
    """A page that fails the test on console errors (CSP violations) or failed requests, and on
    an accessibility violation in any page the journey showed, at 1280 and at 320 px."""
    context = browser.new_context(locale="nl-BE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    recording = Recording(page)
    page.set_default_timeout(15_000)
    problems: list[str] = []
    page.on("console", lambda msg: msg.type == "error" and problems.append(msg.text))
    page.on(
        "response",
        lambda r: (
            r.status >= 400 and r.request.method == "GET" and problems.append(f"{r.status} {r.url}")
        ),
    )
    yield page
    context.close()
    assert problems == [], f"browser problems: {problems}"
    if not getattr(request.node, "journey_failed", True):
        violations = recording.replay(browser)
        assert not violations, report(violations)


@pytest.fixture
def screenshot(page):
    ARTIFACTS.mkdir(exist_ok=True)

    def take(name: str) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
