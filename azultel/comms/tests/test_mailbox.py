"""The embedded default: each email becomes one .eml file in the local mailbox, which staff with
the permission can list and read, following the links in it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from azultel.accounts.models import User
from azultel.comms.mailbox import FILENAME
from azultel.comms.models import MessageCategory, MessageStatus, OutboxMessage
from azultel.comms.services import message_deliver, message_send

VERIFY_LINK = "https://www.azultel.example/accounts/confirm-email/MTIz:abc/"


def _send_verification(django_capture_on_commit_callbacks: Any) -> OutboxMessage:
    with django_capture_on_commit_callbacks(execute=True):
        return message_send(
            category=MessageCategory.ACCOUNT_MAINTENANCE,
            to="new.customer@example.com",
            template="notice",
            context={
                "title": "Confirm your email address",
                "paragraphs": ["Welcome to Azultel."],
                "action_url": VERIFY_LINK,
                "action_label": "Confirm your address",
            },
            sensitive=True,
        )


@pytest.mark.django_db
def test_each_email_is_one_eml_file_named_by_time_and_message_id(
    mailbox_folder: Path, django_capture_on_commit_callbacks: Any
) -> None:
    message = _send_verification(django_capture_on_commit_callbacks)

    [path] = list(mailbox_folder.iterdir())
    match = FILENAME.match(path.name)
    assert match is not None
    assert match.group("uid") == message.id.hex
    assert match.group("stamp").startswith(message.created_at.strftime("%Y%m%dT%H%M%S"))
    raw = path.read_bytes()
    assert b"Subject: Confirm your email address" in raw
    assert f"Message-ID: {message.rfc_message_id}".encode() in raw
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT


@pytest.mark.django_db
def test_delivering_the_same_message_again_rewrites_the_same_file(
    mailbox_folder: Path, django_capture_on_commit_callbacks: Any
) -> None:
    message = _send_verification(django_capture_on_commit_callbacks)
    first = {p.name: p.read_bytes() for p in mailbox_folder.iterdir()}
    OutboxMessage.objects.filter(pk=message.pk).update(status=MessageStatus.QUEUED)

    message_deliver(message_id=message.pk)

    assert {p.name: p.read_bytes() for p in mailbox_folder.iterdir()} == first


@pytest.mark.django_db
def test_staff_list_and_read_the_mailbox_and_can_follow_the_link(
    mailbox_folder: Path,
    client: Client,
    staff_user_with: Callable[..., User],
    django_capture_on_commit_callbacks: Any,
) -> None:
    _send_verification(django_capture_on_commit_callbacks)
    [path] = list(mailbox_folder.iterdir())
    client.force_login(staff_user_with("view_mailbox"))

    listing = client.get(reverse("comms:mailbox_list"))
    detail = client.get(reverse("comms:mailbox_detail", args=[path.name]))
    raw = client.get(reverse("comms:mailbox_raw", args=[path.name]))

    assert listing.status_code == 200
    assert "Confirm your email address" in listing.content.decode()
    assert "new.customer@example.com" in listing.content.decode()
    assert detail.status_code == 200
    assert f'<a href="{VERIFY_LINK}"' in detail.content.decode()
    assert raw.status_code == 200
    assert raw["Content-Type"] == "message/rfc822"
    assert raw.content == path.read_bytes()


@pytest.mark.django_db
def test_an_empty_mailbox_says_so(
    mailbox_folder: Path, client: Client, staff_user_with: Callable[..., User]
) -> None:
    client.force_login(staff_user_with("view_mailbox"))

    response = client.get(reverse("comms:mailbox_list"))

    assert response.status_code == 200
    assert "The mailbox is empty." in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    [
        "..%2F..%2Fsecret_key",
        "20261129T092255000000Z-f5dff10f8da14876803a8d0c187c6fd5.eml.bak",
        "20261129T092255000000Z-f5dff10f8da14876803a8d0c187c6fd5.eml",
        "x.eml",
    ],
)
def test_unknown_or_crafted_names_are_not_found(
    mailbox_folder: Path, client: Client, staff_user_with: Callable[..., User], name: str
) -> None:
    client.force_login(staff_user_with("view_mailbox"))

    detail = client.get(f"/staff/mailbox/{name}/")
    raw = client.get(f"/staff/mailbox/{name}/raw/")

    assert (detail.status_code, raw.status_code) == (404, 404)


@pytest.mark.django_db
def test_the_outbox_permission_does_not_open_the_mailbox(
    mailbox_folder: Path,
    client: Client,
    staff_user_with: Callable[..., User],
    django_capture_on_commit_callbacks: Any,
) -> None:
    _send_verification(django_capture_on_commit_callbacks)
    [path] = list(mailbox_folder.iterdir())
    client.force_login(staff_user_with("view_outbox"))

    response = client.get(reverse("comms:mailbox_detail", args=[path.name]))

    assert response.status_code == 403
