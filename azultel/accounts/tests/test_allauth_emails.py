"""Every email django-allauth can send goes through comms' outbox in the site's own words, with
the same HTML layout as every other email; allauth's stock sentences never reach anyone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import allauth
import pytest
from allauth.account.adapter import get_adapter
from allauth.core.context import request_context
from django.test import Client, RequestFactory, override_settings
from django.utils import timezone

from azultel.accounts import adapter as account_adapter
from azultel.accounts.testing import customer_create
from azultel.comms.models import OutboxMessage
from azultel.comms.tests.email_samples import html_problems, missing_facts, parse

SITE_URL = "https://www.azultel.example"
ALLAUTH_TEMPLATES = Path(allauth.__file__).resolve().parent / "templates"
# The allauth apps this site installs (socialaccount is not one of them).
INSTALLED = ("account", "mfa")

# allauth's own wording: none of it may appear in an email the site sends.
STOCK_PHRASES = (
    "receiving this e-mail",
    "receiving this email",
    "receiving this mail",
    "Hello from",
    "Thank you for using",
    "example.com",
    "You're receiving",
    "can be safely ignored",
    "take proper security precautions",
    "password forgotten procedure",
    "IP address",
    "Browser:",
)


def _allauth_emails() -> list[str]:
    return sorted(
        f"{app}/email/{path.name.removesuffix('_subject.txt')}"
        for app in INSTALLED
        for path in (ALLAUTH_TEMPLATES / app / "email").glob("*_subject.txt")
    )


def _stock_subject(prefix: str) -> str:
    raw = (ALLAUTH_TEMPLATES / f"{prefix}_subject.txt").read_text()
    start = raw.find("{% blocktrans %}") + len("{% blocktrans %}")
    return raw[start : raw.find("{% endblocktrans %}")].strip()


@pytest.fixture(autouse=True)
def _site(settings: Any) -> None:
    settings.SITE_URL = SITE_URL


def test_allauth_has_emails_and_each_has_our_own_template() -> None:
    emails = _allauth_emails()

    assert len(emails) >= 18  # allauth 65: 13 account emails and 5 two-step sign-in notices
    unmapped = [
        prefix
        for prefix in emails
        if prefix not in account_adapter._ALLAUTH_MAIL
        and prefix not in account_adapter._ALLAUTH_NOTICES
    ]
    assert unmapped == []


def _allauth_context(user: Any) -> dict[str, Any]:
    """What allauth puts in its email contexts, client details included."""
    return {
        "user": user,
        "activate_url": f"{SITE_URL}/account/confirm-email/MQ:abc/",
        "password_reset_url": f"{SITE_URL}/account/password/reset/key/1-abc/",
        "code": "KX7PQ2",
        "signup_url": "http://evil.example/account/signup/",
        "ip": "203.0.113.9",
        "user_agent": "Mozilla/5.0 StockAgent",
        "timestamp": timezone.now(),
        "from_email": "old@example.com",
        "to_email": "new@example.com",
        "deleted_email": "gone@example.com",
        "email": "ana.ruiz@example.com",
    }


@pytest.mark.parametrize("prefix", _allauth_emails())
@pytest.mark.django_db
def test_each_allauth_email_is_queued_in_our_words_with_the_html_layout(prefix: str) -> None:
    user = customer_create(email="ana.ruiz@example.com", given_name="Ana")
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.9")

    with request_context(request):
        get_adapter().send_mail(prefix, "ana.ruiz@example.com", _allauth_context(user))

    message = OutboxMessage.objects.get()
    everything = f"{message.subject_line}\n{message.body_text}\n{message.body_html}"
    assert message.template != "accounts_notice"  # a real template, not the catch-all
    assert message.sensitive is True
    assert message.subject_line.lower() != _stock_subject(prefix).lower()
    assert "Azultel" in message.subject_line
    assert [p for p in STOCK_PHRASES if p.lower() in everything.lower()] == []
    # Nothing about the client, and no value allauth offered that the site did not choose.
    for leaked in ("203.0.113.9", "StockAgent", "evil.example", "new@example.com"):
        assert leaked not in everything
    assert html_problems(message.body_html) == []
    assert missing_facts(text=message.body_text, document=message.body_html) == []
    assert "Azultel customer care" in parse(message.body_html).visible_text()


@pytest.mark.django_db
@override_settings(ACCOUNT_EMAIL_NOTIFICATIONS=True)
@pytest.mark.parametrize("prefix", sorted(account_adapter._ALLAUTH_NOTICES))
def test_allauths_change_notifications_if_turned_on_read_as_our_security_notices(
    prefix: str,
) -> None:
    user = customer_create(email="ana.ruiz@example.com", given_name="Ana")
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT="StockAgent")

    with request_context(request):
        get_adapter().send_notification_mail(prefix, user)

    message = OutboxMessage.objects.get()
    assert (message.template, message.category) == ("accounts_change_notice", "security")
    assert account_adapter._ALLAUTH_NOTICES[prefix] in message.body_text
    assert "(800) 298-5835" in message.body_text
    assert "203.0.113.9" not in message.body_text + message.body_html


@pytest.mark.django_db
def test_real_sign_up_and_reset_emails_carry_the_sites_wording() -> None:
    client = Client()
    client.post(
        "/account/signup/",
        {"given_name": "Ana", "family_name": "Ruiz", "email": "ana.ruiz@example.com",
         "password1": "harbor lights at dusk 42", "password2": "harbor lights at dusk 42",
         "street": "100 Ocean Dr", "unit": "", "city": "Miami", "state": "FL",
         "zip_code": "33139", "adult": "on"},
    )  # fmt: skip
    Client().post("/account/password/reset/", {"email": "nobody@example.com"})

    verify = OutboxMessage.objects.get(template="accounts_verify_email")
    unknown = OutboxMessage.objects.get(template="accounts_unknown_account")
    assert verify.subject_line == "Confirm your email address for Azultel"
    assert "no account will be created" in verify.body_text
    assert unknown.subject_line == "About your Azultel password reset request"
    for message in (verify, unknown):
        everything = message.body_text + message.body_html
        assert [p for p in STOCK_PHRASES if p.lower() in everything.lower()] == []
        assert html_problems(message.body_html) == []


def test_allauth_can_never_build_an_email_from_its_own_templates() -> None:
    # Such an email would carry allauth's stock wording and leave outside comms' outbox.
    with pytest.raises(NotImplementedError, match="_ALLAUTH_MAIL"):
        get_adapter().render_mail("account/email/password_changed", "ana@example.com", {})
