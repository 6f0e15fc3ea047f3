"""Fixtures for the comms tests: people with and without marketing consent, staff users, a real
SMTP server on loopback (aiosmtpd) and the local mailbox in a temporary folder."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth.models import Permission

from azultel.accounts.models import User
from azultel.accounts.testing import totp_enable
from azultel.accounts.tests.factories import UserFactory
from azultel.privacy.models import ConsentSource, ConsentTopic, DataSubject
from azultel.privacy.services import consent_record, subject_for_email

TEST_TEMPLATES = Path(__file__).resolve().parent / "templates"

NOTICE = {"title": "Your order AZ-1001 is confirmed", "paragraphs": ["Thank you for ordering."]}


@pytest.fixture(autouse=True)
def _comms_settings(settings: Any) -> None:
    """Predictable outbox timing and an https site address (as in production)."""
    settings.SITE_URL = "https://www.azultel.example"
    settings.COMMS_MAX_ATTEMPTS = 3
    settings.COMMS_RETRY_BASE_SECONDS = 60
    settings.COMMS_RETRY_MAX_SECONDS = 600
    settings.COMMS_SENDING_LEASE_SECONDS = 600
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def test_email_templates(settings: Any) -> None:
    """Adds deliberately broken email templates (blank subject, missing body)."""
    templates = [dict(t) for t in settings.TEMPLATES]
    templates[0]["DIRS"] = [*templates[0]["DIRS"], TEST_TEMPLATES]
    settings.TEMPLATES = templates


def _subject_with(email: str, choices: dict[str, bool]) -> DataSubject:
    subject = subject_for_email(email=email)
    for topic, granted in choices.items():
        consent_record(
            subject=subject, topic=topic, granted=granted, source=ConsentSource.REGISTRATION
        )
    return subject


@pytest.fixture
def subscriber(db: None) -> DataSubject:
    """Someone who asked for newsletters, offers and product information."""
    return _subject_with(
        "lucia.mendez@example.com",
        {
            ConsentTopic.NEWSLETTER: True,
            ConsentTopic.SPECIAL_OFFERS: True,
            ConsentTopic.PRODUCT_INFO: True,
        },
    )


@pytest.fixture
def opted_out(db: None) -> DataSubject:
    """Someone who refused every kind of marketing email."""
    return _subject_with(
        "tomas.rivera@example.com",
        {
            ConsentTopic.NEWSLETTER: False,
            ConsentTopic.SPECIAL_OFFERS: False,
            ConsentTopic.PRODUCT_INFO: False,
            ConsentTopic.SURVEYS: False,
            ConsentTopic.SERVICE_OFFERS: False,
        },
    )


@pytest.fixture
def staff_user_with(db: None) -> Callable[..., User]:
    def make(*codenames: str) -> User:
        user: User = UserFactory(
            email=f"staff{User.objects.count()}@azultel.example",
            given_name="Sam",
            family_name="Staff",
            is_staff=True,
        )
        for codename in codenames:
            user.user_permissions.add(
                Permission.objects.get(content_type__app_label="comms", codename=codename)
            )
        # Staff pages need two-step sign-in turned on (accounts' StaffTwoFactorMiddleware).
        totp_enable(user)
        return user

    return make


# --- A real SMTP server on loopback -------------------------------------------------------------


@dataclass
class SmtpHandler:
    """Records what it accepts; can refuse (451) after N messages or refuse given addresses."""

    received: list[bytes] = field(default_factory=list)
    refuse_after: int | None = None
    unknown_addresses: set[str] = field(default_factory=set)

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: Any
    ) -> str:
        if address.lower() in self.unknown_addresses:
            return f"550 5.1.1 <{address}>: no such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.refuse_after is not None and len(self.received) >= self.refuse_after:
            return "451 4.3.0 Temporarily unable to accept mail, try again later"
        self.received.append(bytes(envelope.content))
        return "250 Message accepted"

    def messages(self) -> list[EmailMessage]:
        return [
            message_from_bytes(raw, policy=policy.default)  # type: ignore[misc]
            for raw in self.received
        ]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp_server(settings: Any) -> Iterator[SmtpHandler]:
    handler = SmtpHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 10
    yield handler
    controller.stop()


@pytest.fixture
def mailbox_folder(settings: Any, tmp_path: Path) -> Path:
    """The embedded default: every email delivered as a .eml file in a temporary folder."""
    folder = tmp_path / "mail"
    settings.EMAIL_BACKEND = "azultel.comms.mailbox.MailboxBackend"
    settings.EMAIL_FILE_PATH = str(folder)
    return folder
