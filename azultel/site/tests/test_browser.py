"""Browser journeys in Debian's Chromium: the public site, accessibility (axe-core) and B5."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from azultel.core.testing.browser import RequestLog, axe_violations, screenshot, sideways_overflow
from azultel.site.models import ContactMessage
from azultel.site.tests.test_pages import PUBLIC_PAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.promise("B5")
def test_journey_home_faq_search_contact(
    browser_page: Any, browser_requests: RequestLog, site_content: None
) -> None:
    page = browser_page
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Support").click()
    page.get_by_role("main").get_by_role("link", name="Privacy questions").click()
    page.get_by_label("Search the privacy FAQs").fill("unsubscribe")
    page.keyboard.press("Enter")
    page.wait_for_url("**/privacy-faqs/?q=unsubscribe")
    results = page.locator("section.results")
    assert "How do I stop marketing email?" in results.inner_text()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Support").click()
    page.get_by_role("main").get_by_role("link", name="contact form").click()
    page.get_by_label("Your name").fill("Ana Ruiz")
    page.get_by_label("Email address").fill("not-an-email")
    page.get_by_label("Topic").select_option("privacy")
    page.get_by_label("Message").fill("Which cookies do you set on the order page?")
    page.get_by_role("button", name="Send message").click()
    assert page.get_by_role("alert").is_visible()
    assert ContactMessage.objects.count() == 0

    page.get_by_label("Email address").fill("ana.ruiz@example.com")
    page.get_by_role("button", name="Send message").click()
    page.wait_for_url("**/contact/thanks/")
    screenshot(page, "journey-contact-thanks")

    assert page.get_by_role("heading", level=1).inner_text().startswith("Thank you")
    assert ContactMessage.objects.get().email == "ana.ruiz@example.com"
    assert browser_requests.outside == []
    assert all(u.startswith(page.url.split("/contact")[0]) for u in browser_requests.all_urls)
    assert not [e for e in browser_requests.console_errors if "Content Security Policy" in e]


@pytest.mark.parametrize("width", [390, 1280])
def test_public_pages_have_no_serious_accessibility_violations(
    browser_page: Any, browser_requests: RequestLog, site_content: None, width: int
) -> None:
    """Every public page at a phone's and a laptop's width: axe finds nothing serious or
    critical, and nothing scrolls sideways (scrollWidth <= innerWidth)."""
    browser_page.set_viewport_size({"width": width, "height": 900})
    failures: dict[str, object] = {}

    def check(name: str) -> None:
        if violations := axe_violations(browser_page):
            failures[name] = violations
        if overflow := sideways_overflow(browser_page):
            failures[f"{name} overflow"] = overflow

    for url_name, _heading in PUBLIC_PAGES:
        browser_page.goto(reverse(url_name))
        check(url_name)
    browser_page.goto(reverse("site:faq") + "?q=cookies")
    check("faq-results")
    browser_page.goto(reverse("site:contact"))
    browser_page.get_by_role("button", name="Send message").click()
    check("contact-errors")

    assert failures == {}
    assert browser_requests.outside == []


def test_keyboard_user_can_skip_to_content_and_sees_focus(
    browser_page: Any, site_content: None
) -> None:
    page = browser_page
    page.goto("/")

    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    page.keyboard.press("Enter")

    assert focused == "Skip to main content"
    assert outline != "none"
    assert page.evaluate("document.activeElement.id") == "main"


def test_site_works_with_javascript_off(
    chromium: Any, live_server: Any, site_content: None
) -> None:
    context = chromium.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(reverse("site:faq") + "?q=cookies")
        assert page.locator("section.results article").count() >= 1
        page.goto(reverse("site:contact"))
        page.get_by_label("Your name").fill("Ana Ruiz")
        page.get_by_label("Email address").fill("ana@example.com")
        page.get_by_label("Topic").select_option("general")
        page.get_by_label("Message").fill("Do you serve the Keys area yet?")
        page.get_by_role("button", name="Send message").click()
        page.wait_for_url("**/contact/thanks/")
    finally:
        context.close()

    assert ContactMessage.objects.count() == 1


def test_axe_harness_does_report_a_real_violation(browser_page: Any) -> None:
    browser_page.goto("/robots.txt")
    browser_page.set_content(
        '<html><body><main><img src="/static/site/logo.svg"></main></body></html>'
    )

    violations = axe_violations(browser_page)

    assert "image-alt" in {v["id"] for v in violations}
