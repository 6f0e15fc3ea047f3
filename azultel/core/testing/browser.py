"""Playwright fixtures driving Debian's Chromium (never a downloaded browser).

Locally the browser tests skip, with the reason, when /usr/bin/chromium is missing; CI sets
AZULTEL_REQUIRE_BROWSER=1 so a missing browser fails the run instead.

Every page opened through ``browser_page`` records the requests it makes; a request to any host
other than the test server is blocked and fails the test (B5).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("TEST_ARTIFACTS", "test-artifacts"))
AXE_PATH = Path(__file__).resolve().parents[3] / "node_modules" / "axe-core" / "axe.min.js"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--metrics-recording-only",
]


def _browser_required() -> bool:
    return os.environ.get("AZULTEL_REQUIRE_BROWSER") == "1"


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    if not Path(CHROMIUM_PATH).exists():
        reason = (
            f"Debian's Chromium is not installed at {CHROMIUM_PATH} "
            "(apt-get install chromium); browser tests need it."
        )
        if _browser_required():
            pytest.fail(reason)
        pytest.skip(reason)
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # around it are ordinary synchronous calls.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM_PATH, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@dataclass
class RequestLog:
    all_urls: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)


def _is_local_url(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.hostname in LOCAL_HOSTS


@pytest.fixture
def browser_requests() -> RequestLog:
    return RequestLog()


@pytest.fixture
def browser_context(
    chromium: Any, live_server: Any, browser_requests: RequestLog
) -> Iterator[object]:
    context = chromium.new_context(base_url=live_server.url, locale="en-US")

    def guard(route: Any) -> None:
        url = route.request.url
        browser_requests.all_urls.append(url)
        if _is_local_url(url):
            route.continue_()
        else:
            browser_requests.outside.append(url)
            route.abort()

    context.route(re.compile(r".*"), guard)
    yield context
    context.close()
    assert browser_requests.outside == [], (
        f"B5: a page asked for a third-party host: {browser_requests.outside}"
    )


@pytest.fixture
def browser_page(browser_context: Any, browser_requests: RequestLog) -> Iterator[object]:
    page = browser_context.new_page()
    page.set_default_timeout(15_000)
    page.on(
        "console",
        lambda msg: (
            browser_requests.console_errors.append(msg.text) if msg.type == "error" else None
        ),
    )
    yield page
    page.close()


def screenshot(page: Any, name: str) -> Path:
    """Keep a screenshot under test-artifacts/ (CI keeps the folder)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def sideways_overflow(page: Page) -> int:
    """How many pixels the page is wider than the window: 0 when nothing scrolls sideways
    (``scrollWidth <= innerWidth``). Waits for the page to load first: measured while a
    navigation is committing, the document has no root element yet."""
    page.wait_for_load_state("load")
    return int(
        page.evaluate("Math.max(0, document.documentElement.scrollWidth - window.innerWidth)")
    )


def axe_violations(
    page: Any, *, impacts: tuple[str, ...] = ("serious", "critical")
) -> list[dict[str, object]]:
    """Run axe-core (from npm) on the current page; return violations of the given impacts."""
    if not AXE_PATH.exists():
        raise RuntimeError(
            f"axe-core is missing at {AXE_PATH}: run `npm install` (make test does)."
        )
    # The page and its stylesheet must be in: unstyled targets look too small to axe.
    page.wait_for_load_state("load")
    page.evaluate(AXE_PATH.read_text())
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})"
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
        if v["impact"] in impacts
    ]
