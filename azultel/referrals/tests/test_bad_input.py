"""Bad input and floods on the tell-a-friend form: a clear error next to the field (or above the
form for a limit), and nothing written: no referral, no outbox row, no email."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from azultel.comms.models import OutboxMessage
from azultel.referrals.models import Referral
from azultel.referrals.tests.conftest import FRIEND

pytestmark = pytest.mark.django_db


def _nothing_written() -> bool:
    return not Referral.objects.exists() and not OutboxMessage.objects.exists() and not mail.outbox


def _field_error(response: Any, field: str) -> str:
    """The error message shown beside ``field`` (its id_<field>_error element)."""
    page = response.content.decode()
    match = re.search(rf'id="id_{field}_error"[^>]*>(.*?)</', page, re.S)
    assert match is not None, f"no error beside {field}"
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())


def _post(client: Client, **fields: str) -> Any:
    data = {"friend_name": "Ana", "friend_email": FRIEND, "note": ""}
    data.update(fields)
    return client.post("/tell-a-friend/", data)


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("friend_name", "Ana\r\nBcc: victim@example.com", "on one line"),
        ("friend_name", "Ana\nSubject: win", "on one line"),
        ("friend_name", "", "required"),
        ("friend_name", "x" * 101, "100 characters"),
        ("friend_name", "Ana www.spam.example", "web or email address"),
        ("friend_email", "not-an-address", "like name@example.com"),
        ("friend_email", "ana@example.com\r\nBcc: victim@example.com", "like name@example.com"),
        ("friend_email", "ana@example.com, bob@example.com", "like name@example.com"),
        ("note", "x" * 301, "300 characters or fewer"),
    ],
)
@pytest.mark.promise("P05")
def test_p05_bad_input_is_refused_beside_the_field_and_nothing_is_saved(
    signed_in: Client, field: str, value: str, says: str
) -> None:
    response = _post(signed_in, **{field: value})

    assert response.status_code == 400
    assert response.content.decode().count("<title>Error:") == 1
    assert says in _field_error(response, field)
    assert _nothing_written()


@pytest.mark.promise("P05")
def test_p05_a_visitors_name_with_a_line_break_is_refused(
    client: Client, visitor_post: Callable[..., Any]
) -> None:
    response = visitor_post(client, sender_name="Jon\r\nBcc: victim@example.com")

    assert response.status_code == 400
    assert "on one line" in _field_error(response, "sender_name")
    assert _nothing_written()


@pytest.mark.parametrize(
    ("fields", "field", "says"),
    [
        ({"answer": "99"}, "answer", "not the right answer"),
        ({"answer": "seven"}, "answer", "in digits"),
        ({"challenge": "forged-token"}, "answer", "expired"),
        ({"website": "http://spam.example"}, "website", "empty"),
    ],
)
def test_a_visitor_without_the_right_answer_or_with_the_hidden_field_filled_sends_nothing(
    client: Client,
    visitor_post: Callable[..., Any],
    fields: dict[str, str],
    field: str,
    says: str,
) -> None:
    response = visitor_post(client, **fields)

    assert response.status_code == 400
    assert says in _field_error(response, field)
    assert _nothing_written()


def test_a_visitor_who_sends_at_once_is_asked_again(
    client: Client, visitor_post: Callable[..., Any], settings: Any
) -> None:
    settings.REFERRALS_MIN_FORM_SECONDS = 60

    response = visitor_post(client)

    assert response.status_code == 400
    assert "very quick" in _field_error(response, "answer")
    assert _nothing_written()


def test_links_and_addresses_are_taken_out_of_the_note(
    signed_in: Client, django_capture_on_commit_callbacks: Any
) -> None:
    note = "Look at https://evil.example/x and www.spam.example or bad.example/win, ask me@x.com!"
    with django_capture_on_commit_callbacks(execute=True):
        _post(signed_in, note=note)

    body = mail.outbox[0].body
    assert "Look at and or ask" in body
    for left_out in ("evil.example", "spam.example", "bad.example", "me@x.com"):
        assert left_out not in body
        assert left_out not in OutboxMessage.objects.get().body_html


@pytest.mark.promise("P05")
def test_p05_a_sender_beyond_the_daily_limit_is_told_and_nothing_more_is_sent(
    signed_in: Client, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.REFERRALS_PER_SENDER_DAY = 2
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(2):
            _post(signed_in, friend_email=f"friend{n}@example.com")

    response = _post(signed_in, friend_email="friend9@example.com")

    assert response.status_code == 429
    assert "as many invitations as we allow in one day" in response.content.decode()
    assert Referral.objects.count() == 2 and OutboxMessage.objects.count() == 2


@pytest.mark.promise("P05")
def test_p05_a_visitor_beyond_the_daily_limit_per_client_is_told(
    client: Client, visitor_post: Callable[..., Any], settings: Any
) -> None:
    settings.REFERRALS_PER_VISITOR_DAY = 1
    visitor_post(client, friend_email="friend1@example.com")

    response = visitor_post(client, friend_email="friend2@example.com")

    assert response.status_code == 429
    assert "as many invitations as we allow in one day" in response.content.decode()
    assert Referral.objects.count() == 1 and OutboxMessage.objects.count() == 1


@pytest.mark.promise("P05")
def test_p05_attempts_at_one_address_beyond_the_daily_limit_send_nothing_silently(
    settings: Any, customer: Any, django_capture_on_commit_callbacks: Any
) -> None:
    # With no 30-day rule, only the per-address limit stands between the two senders' emails.
    settings.REFERRALS_REPEAT_DAYS = 0
    settings.REFERRALS_PER_ADDRESS_DAY = 1
    from azultel.accounts.testing import customer_create

    first, second = Client(), Client()
    first.force_login(customer)
    second.force_login(customer_create(email="jon@example.com", given_name="Jon"))
    with django_capture_on_commit_callbacks(execute=True):
        _post(first)
        response = second.post(
            "/tell-a-friend/", {"friend_name": "Ana", "friend_email": FRIEND}, follow=True
        )

    assert "Thank you for telling a friend" in response.content.decode()
    assert len(mail.outbox) == 1
    assert Referral.objects.count() == 1 and OutboxMessage.objects.count() == 1
