"""Staff outbox and admin: gated by permissions, constant queries per page, and the bodies of
sensitive messages never shown."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from azultel.accounts.models import User
from azultel.accounts.testing import totp_enable
from azultel.comms.models import MessageCategory, OutboxMessage, SuppressedAddress
from azultel.comms.services import message_send
from azultel.comms.tests.conftest import NOTICE

LIST_URL = reverse("comms:outbox_list")
SECRET_LINK = "https://www.azultel.example/accounts/confirm-email/MTIz:secret-key-abc/"


def _queue_pair() -> tuple[OutboxMessage, OutboxMessage]:
    plain = message_send(
        category=MessageCategory.CONFIRMATION,
        to="ana.ruiz@example.com",
        template="notice",
        context={"title": "Order AZ-7 confirmed", "paragraphs": ["Two lines of fiber."]},
    )
    sensitive = message_send(
        category=MessageCategory.SECURITY,
        to="ana.ruiz@example.com",
        template="notice",
        context={"title": "Confirm your email", "paragraphs": [SECRET_LINK]},
        sensitive=True,
    )
    return plain, sensitive


@pytest.mark.django_db
def test_the_outbox_asks_anonymous_visitors_to_sign_in(client: Client) -> None:
    response = client.get(LIST_URL)

    assert response.status_code == 302
    assert LIST_URL in response["Location"]


@pytest.mark.promise("P23")
@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["comms:outbox_list", "comms:mailbox_list"])
def test_staff_without_the_permission_are_refused(
    client: Client, staff_user_with: Callable[..., User], url_name: str
) -> None:
    client.force_login(staff_user_with())

    response = client.get(reverse(url_name))

    assert response.status_code == 403


@pytest.mark.django_db
def test_the_outbox_lists_status_attempts_category_and_times(
    client: Client, staff_user_with: Callable[..., User]
) -> None:
    _plain, _sensitive = _queue_pair()
    client.force_login(staff_user_with("view_outbox"))

    response = client.get(LIST_URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert "2 messages" in html
    assert "Order AZ-7 confirmed" in html
    assert "Confirmation of an order, payment or registration" in html
    assert "Security notice" in html
    assert "(sensitive)" in html
    assert "Queued" in html
    assert SECRET_LINK not in html
    assert "Two lines of fiber." not in html


def _page_queries(captured: CaptureQueriesContext) -> list[str]:
    """Queries of the page itself: session upkeep (at most once a minute) is left out."""
    return [
        q["sql"]
        for q in captured.captured_queries
        if "session" not in q["sql"] and "SAVEPOINT" not in q["sql"]
    ]


@pytest.mark.django_db
def test_the_outbox_list_costs_the_same_queries_for_one_or_many_messages(
    client: Client, staff_user_with: Callable[..., User]
) -> None:
    client.force_login(staff_user_with("view_outbox"))
    _queue_pair()
    with CaptureQueriesContext(connection) as few_queries:
        few = client.get(LIST_URL)
    for n in range(30):
        message_send(
            category=MessageCategory.REPLY,
            to=f"c{n}@example.com",
            template="notice",
            context=NOTICE,
        )

    with CaptureQueriesContext(connection) as many_queries:
        many = client.get(LIST_URL)

    assert few.status_code == many.status_code == 200
    assert "32 messages" in many.content.decode()
    assert len(_page_queries(many_queries)) == len(_page_queries(few_queries))
    # The page's own reads: one count and one page of rows (the rest is sign-in and session).
    outbox_reads = [q for q in many_queries.captured_queries if "comms_outboxmessage" in q["sql"]]
    assert len(outbox_reads) == 2


@pytest.mark.django_db
def test_the_detail_page_shows_the_body_only_of_a_message_that_is_not_sensitive(
    client: Client, staff_user_with: Callable[..., User]
) -> None:
    plain, sensitive = _queue_pair()
    client.force_login(staff_user_with("view_outbox"))

    plain_page = client.get(reverse("comms:outbox_detail", args=[plain.pk]))
    sensitive_page = client.get(reverse("comms:outbox_detail", args=[sensitive.pk]))

    assert plain_page.status_code == sensitive_page.status_code == 200
    assert "Two lines of fiber." in plain_page.content.decode()
    assert SECRET_LINK not in sensitive_page.content.decode()
    assert "marked sensitive" in sensitive_page.content.decode()


@pytest.mark.django_db
def test_an_unknown_message_is_not_found(
    client: Client, staff_user_with: Callable[..., User]
) -> None:
    client.force_login(staff_user_with("view_outbox"))

    response = client.get(
        reverse("comms:outbox_detail", args=["00000000-0000-0000-0000-000000000000"])
    )

    assert response.status_code == 404


@pytest.mark.django_db
def test_the_outbox_filters_by_status_category_and_address(
    client: Client, staff_user_with: Callable[..., User]
) -> None:
    _queue_pair()
    message_send(
        category=MessageCategory.REPLY, to="otro@example.com", template="notice", context=NOTICE
    )
    client.force_login(staff_user_with("view_outbox"))

    by_address = client.get(LIST_URL, {"to": "ANA.RUIZ@example.com"})
    by_category = client.get(LIST_URL, {"category": "reply"})
    by_status = client.get(LIST_URL, {"status": "sent"})

    assert "2 messages" in by_address.content.decode()
    assert "1 message" in by_category.content.decode()
    assert "0 messages" in by_status.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "field"),
    [({"status": "exploded"}, "status"), ({"category": "x"}, "category"), ({"to": "nope"}, "to")],
)
def test_a_bad_filter_is_shown_as_an_error(
    client: Client, staff_user_with: Callable[..., User], query: dict[str, str], field: str
) -> None:
    client.force_login(staff_user_with("view_outbox"))

    response = client.get(LIST_URL, query)

    assert response.status_code == 400
    assert f'id="id_{field}_error"' in response.content.decode()


@pytest.fixture
def admin_client_with_staff(client: Client, db: None) -> Client:
    admin = User.objects.create_superuser(
        "chief@azultel.example", "a long admin password 123", given_name="C", family_name="A"
    )
    totp_enable(admin)
    client.force_login(admin)
    return client


@pytest.mark.django_db
def test_the_admin_shows_outbox_messages_read_only_with_sensitive_bodies_hidden(
    admin_client_with_staff: Client,
) -> None:
    plain, sensitive = _queue_pair()
    base = f"/{django_settings.ADMIN_URL_PATH}comms/outboxmessage/"

    listing = admin_client_with_staff.get(base)
    sensitive_page = admin_client_with_staff.get(f"{base}{sensitive.pk}/change/")
    plain_page = admin_client_with_staff.get(f"{base}{plain.pk}/change/")
    add_page = admin_client_with_staff.get(f"{base}add/")
    delete = admin_client_with_staff.post(f"{base}{plain.pk}/delete/", {"post": "yes"})

    assert listing.status_code == 200
    assert sensitive_page.status_code == plain_page.status_code == 200
    assert SECRET_LINK not in sensitive_page.content.decode()
    assert "Two lines of fiber." in plain_page.content.decode()
    assert add_page.status_code == 403
    assert delete.status_code == 403
    assert OutboxMessage.objects.count() == 2


@pytest.mark.django_db
def test_staff_add_an_address_to_the_suppression_list_in_the_admin(
    admin_client_with_staff: Client,
) -> None:
    url = f"/{django_settings.ADMIN_URL_PATH}comms/suppressedaddress/add/"

    bad = admin_client_with_staff.post(url, {"email": "not an address", "reason": "manual"})
    good = admin_client_with_staff.post(url, {"email": "quit@example.com", "reason": "manual"})

    assert bad.status_code == 200
    assert "Enter a valid email address." in bad.content.decode()
    assert good.status_code == 302
    entry = SuppressedAddress.objects.get()
    assert entry.reason == "manual"
    assert "quit" not in entry.fingerprint
