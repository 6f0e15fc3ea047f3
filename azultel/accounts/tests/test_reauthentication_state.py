"""Re-authentication keeps nothing typed, no client address and no user agent (P27, B6).

A change that needs a recent password confirmation is posted; the session row (database
sessions) is read back and must hold none of it. Once the password is confirmed the person is
back on the page where they were, and nothing was changed behind their back.
"""

from __future__ import annotations

import json
from urllib.parse import quote_plus

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.test import Client

from azultel.accounts.models import CustomerProfile
from azultel.accounts.testing import PASSWORD, customer_create, sign_in

USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) ReauthProbe/7.1 Safari/537.36"
CLIENT_ADDRESS = "127.0.0.1"
CHANGES = {
    "address": (
        "/account/profile/address/",
        {
            "street": "77 Coral Way",
            "unit": "Apt 4",
            "city": "Coral Gables",
            "state": "FL",
            "zip_code": "33134",
            "phone": "305-555-0188",
        },
    ),
    "email": ("/account/email/", {"action_add": "", "email": "typed.new.address@example.com"}),
}


def _session_row_text(session_key: str) -> str:
    """Everything the session row holds, decoded, as text."""
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    row = Session.objects.get(session_key=session_key)
    return json.dumps(SessionStore().decode(row.session_data), default=str)


def _typed(form: dict[str, str]) -> list[str]:
    """What the person typed, as typed and as a form body encodes it."""
    values = [v for v in form.values() if len(v) > 2]
    return values + [quote_plus(v) for v in values]


@pytest.mark.promise("P27")
@pytest.mark.promise("B6")
@pytest.mark.django_db
@pytest.mark.parametrize("change", sorted(CHANGES))
def test_reauthentication_keeps_nothing_typed_nor_the_address_nor_the_user_agent(
    change: str,
) -> None:
    page, form = CHANGES[change]
    user = customer_create(email="keeps.nothing@example.com")
    browser = Client(HTTP_USER_AGENT=USER_AGENT, REMOTE_ADDR=CLIENT_ADDRESS)
    sign_in(browser, user)

    asked = browser.post(page, form)
    stored = _session_row_text(browser.session.session_key)
    reauthenticate_page = browser.get(asked["Location"])
    confirmed = browser.post(asked["Location"], {"password": PASSWORD})
    back = browser.get(confirmed["Location"])

    assert asked.status_code == 302
    assert asked["Location"] == f"/account/reauthenticate/?next={quote_plus(page)}"
    for value in _typed(form):
        assert value not in stored
    assert CLIENT_ADDRESS not in stored
    assert USER_AGENT not in stored and "ReauthProbe" not in stored
    assert "make your change again" in reauthenticate_page.content.decode()
    assert confirmed.status_code == 302 and confirmed["Location"] == page
    assert back.status_code == 200
    assert CustomerProfile.objects.get(user=user).street == "1200 Brickell Ave"
    assert not EmailAddress.objects.filter(email=form.get("email", "-")).exists()
