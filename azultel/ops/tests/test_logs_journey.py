"""P27: the structured logs of a whole visit hold no personal data.

Every log line of a journey (anonymous pages, a failed and a good sign-in, account pages, a
profile change, the cart, a page that does not exist, a database outage, sign-out) is captured
through the production JSON formatter and scanned for the person's email, names, address,
password, client address and user agent. Each line is one JSON event carrying a request id.
"""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest
from django.test import Client

from azultel.accounts.models import User
from azultel.accounts.testing import PASSWORD, customer_create, sign_in
from azultel.config.json_logging import JsonFormatter

CLIENT_IP = "203.0.113.77"
USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) JourneyBrowser/99.1"


@pytest.fixture
def customer() -> User:
    return customer_create(
        email="quentin.journey@example.com",
        given_name="Quentin",
        family_name="Zyxwright",
        street="987 Unusual Lane",
    )


@pytest.fixture
def json_log(customer: User) -> Iterator[io.StringIO]:
    """The production formatter at the production level (INFO), from the first request on."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    previous = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        yield stream
    finally:
        root.removeHandler(handler)
        root.setLevel(previous)


@pytest.mark.promise("P27")
@pytest.mark.django_db
@pytest.mark.urls("azultel.ops.tests.outage_views")
def test_P27_the_logs_of_a_full_journey_hold_nothing_personal(
    customer: User, json_log: io.StringIO
) -> None:
    # Given a customer and a browser
    user = customer
    client = Client(REMOTE_ADDR=CLIENT_IP, HTTP_USER_AGENT=USER_AGENT)
    client.raise_request_exception = False

    # When they browse, sign in (once wrongly), use their account, and leave
    for path in ("/", "/shop/", "/legal/privacy/", "/no-such-page/quentin.journey@example.com/"):
        client.get(path)
    sign_in(client, user, password="a wrong passphrase here", REMOTE_ADDR=CLIENT_IP)
    sign_in(client, user, REMOTE_ADDR=CLIENT_IP)
    for path in ("/account/", "/account/profile/", "/account/bills/", "/account/privacy/"):
        client.get(path)
    client.get("/order/add/home-phone-essential/")
    client.get("/test-outage/")
    client.get("/test-bug/")
    client.post("/account/logout/")

    # Then the log has lines, each one JSON event with a request id, and nothing personal
    lines = [line for line in json_log.getvalue().splitlines() if line.strip()]
    assert lines
    events = [json.loads(line) for line in lines]
    assert all(
        event["request_id"] for event in events if event["logger"].startswith("django.request")
    )
    text = json_log.getvalue()
    for personal in (
        "quentin",
        "Quentin",
        "Zyxwright",
        "Unusual Lane",
        PASSWORD,
        "a wrong passphrase here",
        CLIENT_IP,
        "JourneyBrowser",
    ):
        assert personal not in text, personal
