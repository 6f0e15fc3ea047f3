"""An HTML email opened in Debian's Chromium, as a mail client shows it: readable from 320 px to a
desktop, in light and dark mode, without loading anything and with no serious axe violation.
The email goes to test-artifacts/email.html, its screenshots beside it (email-390.png,
email-1280.png and their -dark twins; docs/screenshots keeps a copy)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from azultel.comms.services import message_send
from azultel.comms.tests.email_samples import SAMPLES
from azultel.core.testing.browser import ARTIFACTS, axe_violations, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def _email_html(name: str) -> str:
    sample = SAMPLES[name]
    return message_send(
        category=sample.category,
        to="lucia.mendez@example.com",
        template=sample.template,
        context=dict(sample.context),
    ).body_html


@pytest.fixture
def requests_made() -> list[str]:
    return []


@pytest.fixture
def open_email(chromium: Any, requests_made: list[str]) -> Iterator[Any]:
    """Opens an email's HTML in a page of the given width and colour scheme; every request the
    email would make is refused and recorded."""
    contexts: list[Any] = []

    def open_(document: str, *, width: int, scheme: str) -> Any:
        context = chromium.new_context(
            viewport={"width": width, "height": 900}, color_scheme=scheme, locale="en-US"
        )
        contexts.append(context)

        def refuse(route: Any) -> None:
            requests_made.append(route.request.url)
            route.abort()

        context.route(re.compile(r".*"), refuse)
        page = context.new_page()
        page.set_content(document, wait_until="load")
        return page

    yield open_
    for context in contexts:
        context.close()


def _colours(page: Any) -> dict[str, str]:
    return page.evaluate(
        """() => {
          const style = (selector) => getComputedStyle(document.querySelector(selector));
          return {card: style('.card').backgroundColor, text: style('.content p').color,
                  page: style('body').backgroundColor};
        }"""
    )


@pytest.mark.parametrize("width", [320, 390, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_an_email_reads_well_at_every_width_in_light_and_dark(
    open_email: Any, requests_made: list[str], width: int, scheme: str
) -> None:
    document = _email_html("orders_confirmed")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "email.html").write_text(document)  # the email as a file, to open anywhere

    page = open_email(document, width=width, scheme=scheme)
    overflow = page.evaluate("document.documentElement.scrollWidth") - width
    card_width = page.evaluate("document.querySelector('.card').getBoundingClientRect().width")
    colours = _colours(page)
    violations = axe_violations(page)
    if width in (390, 1280):
        suffix = "" if scheme == "light" else "-dark"
        screenshot(page, f"email-{width}{suffix}")

    assert overflow <= 0
    assert card_width <= 602  # one column of at most 600 px (plus its border)
    if width == 1280:
        assert card_width >= 590
    if scheme == "dark":
        assert colours["card"] == "rgb(22, 33, 44)"
        assert colours["text"] == "rgb(230, 237, 243)"
    else:
        assert colours["card"] == "rgb(255, 255, 255)"
        assert colours["text"] == "rgb(20, 32, 43)"
    assert violations == []
    assert requests_made == []


def test_a_commercial_email_fits_a_small_phone_with_its_unsubscribe_link(
    open_email: Any, requests_made: list[str]
) -> None:
    page = open_email(_email_html("notice (newsletter)"), width=320, scheme="dark")

    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert page.get_by_role("link", name="Unsubscribe").is_visible()
    assert axe_violations(page) == []
    assert requests_made == []
