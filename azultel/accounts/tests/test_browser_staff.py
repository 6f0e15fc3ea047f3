"""The staff back office in Chromium (issue 14): the staff home and every staff list at 390 and
1280 px wide, with no sideways scrolling and no serious or critical axe finding; chart labels
that do not overlap as drawn; screenshots of the staff home for docs/screenshots/."""

from __future__ import annotations

import itertools
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from azultel.accounts.models import User
from azultel.accounts.role_grants import role_assign_by_system
from azultel.accounts.testing import customer_create, signed_in_as, staff_create
from azultel.comms.models import MessageStatus, OutboxMessage
from azultel.comms.tests.factories import OutboxMessageFactory
from azultel.core.testing.browser import (
    RequestLog,
    axe_violations,
    screenshot,
    sideways_overflow,
)
from azultel.core.testing.screenshots import screenshot_dir
from azultel.orders.models import Order

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (390, 1280)
STAFF_PAGES = [
    "/staff/",
    "/staff/orders/",
    "/staff/orders/?status=submitted&q=Lopez",
    "/staff/customers/?q=Lopez",
    "/staff/billing/?q=example.com",
    "/staff/outbox/",
    "/staff/outbox/?status=failed&page=2",
    "/staff/mailbox/",
    "/staff/roles/",
    "/staff/directory/",
    "/staff/directory/feed/",
    "/staff/orders/{order}/",
    "/staff/customers/{customer}/",
    "/staff/outbox/{message}/",
    "/staff/stats/?range=30d",
    "/staff/stats/?range=custom&start={start}&end={end}",
    "/staff/stats/?range=30d&tab=pages",
    "/staff/stats/?range=12m&tab=sources",
    "/staff/stats/?range=30d&tab=audience",
]


def _orders(count: int) -> None:
    from azultel.catalog.demo import demo_seed
    from azultel.orders.services import order_place
    from azultel.orders.tests.checkouts import checkout_ready

    demo_seed()
    customer = customer_create(given_name="Maria", family_name="Lopez")
    for n in range(count):
        ready = checkout_ready(customer)
        order_place(
            checkout=ready.checkout,
            identity=ready.identity,
            payment=ready.card,
            idempotency_key=f"browser-staff-{n}",
            actor=customer,
        )


@pytest.fixture
def member(settings: Any) -> User:
    """One person holding every role with a staff list, and rows in those lists."""
    settings.PAYMENT_GATEWAY = "azultel.payments.gateway.SandboxGateway"
    settings.CREDIT_BUREAU = "azultel.orders.credit.SandboxCreditBureau"
    settings.CATALOG_CACHE_SECONDS = 0
    person = staff_create(role="administrator")
    for role in ("customer_care", "billing", "privacy_officer", "analyst", "directory_operator"):
        role_assign_by_system(user=person, role=role, component="tests")
    staff_create(role="administrator")  # someone to ask, on the role page
    _orders(3)
    for n, status in zip(range(60), itertools.cycle((MessageStatus.FAILED, MessageStatus.SENT))):
        OutboxMessageFactory(
            to_address=f"person{n}@example.com",
            subject_line=f"A security notice with a rather long subject line, number {n}",
            status=status,
        )
    return User.objects.get(pk=person.pk)


def _overlapping_x_labels(page: Any) -> list[tuple[str, str]]:
    """Pairs of neighbouring x-axis labels whose drawn boxes touch (measured, not estimated)."""
    boxes = page.locator("svg.chart-line text.x-label").evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect();"
        " return [e.textContent, r.left, r.right]; })"
    )
    return [(a[0], b[0]) for a, b in itertools.pairwise(boxes) if b[1] < a[2]]


def test_the_staff_pages_fit_390_and_1280_px_with_no_serious_accessibility_finding(
    browser_page: Any, browser_requests: RequestLog, live_server: Any, member: User
) -> None:
    page = browser_page
    signed_in_as(page, live_server, member)
    problems: dict[str, Any] = {}
    today = timezone.localdate()
    long_ago = today - timedelta(days=120)  # a custom period drawn one point a day
    order = Order.objects.select_related("customer").first()
    assert order is not None
    ids = {
        "order": order.pk,
        "customer": order.customer.public_id,
        "message": OutboxMessage.objects.values_list("pk", flat=True).first(),
    }

    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for template in STAFF_PAGES:
            path = template.format(start=long_ago.isoformat(), end=today.isoformat(), **ids)
            response = page.goto(path)
            key = f"{path} at {width}px"
            if response is None or response.status != 200:
                problems[key] = f"status {response.status if response else None}"
                continue
            if (overflow := sideways_overflow(page)) > 0:
                problems[f"{key}: overflow"] = overflow
            if found := axe_violations(page):
                problems[f"{key}: axe"] = found
            if "/staff/stats/" in path and (touching := _overlapping_x_labels(page)):
                problems[f"{key}: x labels"] = touching
        page.goto("/staff/")
        screenshot(page, f"staff-home-{width}")
        page.screenshot(path=str(screenshot_dir() / f"staff-home-{width}.png"), full_page=True)

    assert problems == {}
    assert browser_requests.outside == []
    assert not [e for e in browser_requests.console_errors if "Content Security Policy" in e]


def test_the_role_page_fits_a_phone_and_passes_axe(
    browser_page: Any, live_server: Any, member: User
) -> None:
    page = browser_page
    analyst = staff_create(role="analyst")
    signed_in_as(page, live_server, analyst)
    page.set_viewport_size({"width": 390, "height": 800})

    response = page.goto("/staff/orders/")
    screenshot(page, "staff-not-in-role-390")

    assert response is not None and response.status == 403
    assert page.get_by_role("heading", name="This page is not part of your role").is_visible()
    assert sideways_overflow(page) == 0
    assert axe_violations(page) == []
    page.get_by_role("main").get_by_role("link", name="Staff home").click()
    page.wait_for_url("**/staff/")
