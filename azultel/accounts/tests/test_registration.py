"""Registration (P09, P22, B4): three unticked choices, verified email, nothing half-saved."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings as django_settings
from django.core import mail
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from azultel.accounts.models import CustomerProfile, User
from azultel.accounts.testing import PASSWORD, customer_create
from azultel.comms.models import OutboxMessage
from azultel.privacy.models import ConsentEvent
from azultel.privacy.selectors import policy_current

SIGNUP = "/account/signup/"
VALID = {
    "given_name": "Ana",
    "family_name": "Ruiz",
    "email": "ana.ruiz@example.com",
    "password1": PASSWORD,
    "password2": PASSWORD,
    "street": "100 Ocean Dr",
    "unit": "",
    "city": "Miami",
    "state": "FL",
    "zip_code": "33139",
    "adult": "on",
}


def _nothing_saved() -> None:
    assert User.objects.count() == 0
    assert CustomerProfile.objects.count() == 0
    assert ConsentEvent.objects.count() == 0
    assert OutboxMessage.objects.count() == 0


@pytest.mark.promise("P09")
@pytest.mark.django_db
def test_signup_asks_three_separate_unticked_choices(client: Client) -> None:
    html = client.get(SIGNUP).content.decode()

    boxes = re.findall(r'<input type="checkbox" name="(\w+)"[^>]*>', html)
    # The three email choices, then the adult attestation (issue 19), none ticked.
    assert boxes == ["product_info", "special_offers", "newsletter", "adult"]
    assert "checked" not in "".join(re.findall(r'<input type="checkbox"[^>]*>', html))
    for label in ("company and product information", "special offers", "newsletters"):
        assert label in html


@pytest.mark.promise("P09")
@pytest.mark.promise("B4")
@pytest.mark.django_db(transaction=True)
def test_each_choice_becomes_a_ledger_entry_with_the_policy_version(
    client: Client, site_content: None
) -> None:
    response = client.post(SIGNUP, {**VALID, "newsletter": "on"})

    assert response.status_code == 302
    user = User.objects.get(email="ana.ruiz@example.com")
    events = {e.topic: e for e in ConsentEvent.objects.filter(subject__user=user)}
    assert {t: e.granted for t, e in events.items()} == {
        "product_info": False,
        "special_offers": False,
        "newsletter": True,
    }
    assert {e.source for e in events.values()} == {"registration"}
    assert {e.policy_version for e in events.values()} == {policy_current()}
    assert (user.given_name, user.family_name) == ("Ana", "Ruiz")
    assert user.profile.zip_code == "33139"


@pytest.mark.promise("P19")
@pytest.mark.django_db(transaction=True)
def test_email_must_be_verified_before_the_account_is_used(client: Client) -> None:
    client.post(SIGNUP, VALID)
    user = User.objects.get(email=VALID["email"])

    blocked = client.get("/account/")
    verification = mail.outbox[-1]
    # Links in emails are on SITE_URL, not on the host the request came to.
    link = re.search(
        re.escape(django_settings.SITE_URL) + r"(/account/confirm-email/\S+/)", verification.body
    ).group(1)
    confirm_page = client.get(link)
    confirmed = client.post(link)

    assert blocked.status_code == 302 and "/account/login/" in blocked["Location"]
    assert verification.to == [VALID["email"]]
    assert OutboxMessage.objects.get().category == "confirmation"
    assert confirm_page.status_code == 200
    assert confirmed.status_code == 302
    assert EmailAddress.objects.get(user=user).verified is True
    assert client.get("/account/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"email": "not-an-email"}, "email", "Enter a valid email address."),
        ({"given_name": ""}, "given_name", "This field is required."),
        ({"family_name": ""}, "family_name", "This field is required."),
        ({"street": ""}, "street", "This field is required."),
        ({"state": "XX"}, "state", "Choose a US state or territory from the list."),
        ({"zip_code": "3313"}, "zip_code", "Enter a zip code in the format XXXXX or XXXXX-XXXX."),
        (
            {"password1": "short one", "password2": "short one"},
            "password1",
            "at least 12 characters",
        ),
        ({"password1": "password1234", "password2": "password1234"}, "password1", "too common"),
        (
            {"password1": "ana.ruiz@example.com", "password2": "ana.ruiz@example.com"},
            "password1",
            "too similar",
        ),
        ({"password2": "something else entirely"}, "password2", "You must type the same password"),
    ],
)
def test_each_rejection_shows_the_error_beside_the_field_and_saves_nothing(
    client: Client, change: dict[str, str], field: str, message: str
) -> None:
    response = client.post(SIGNUP, {**VALID, **change})

    assert response.status_code == 200
    html = response.content.decode()
    block = html.split(f'id="id_{field}_error"', 1)[1].split("</ul>", 1)[0]
    assert message in block
    _nothing_saved()


@pytest.mark.django_db
def test_an_address_already_registered_creates_nothing_new(client: Client) -> None:
    existing = customer_create(email="ana.ruiz@example.com")

    client.post(SIGNUP, VALID)

    assert User.objects.filter(email__iexact="ana.ruiz@example.com").count() == 1
    assert CustomerProfile.objects.exclude(user=existing).count() == 0
    assert ConsentEvent.objects.count() == 0


@pytest.mark.django_db
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.dictionaries(st.sampled_from([*VALID, "newsletter"]), st.text(max_size=80)))
def test_arbitrary_signup_input_never_causes_a_server_error(
    client: Client, data: dict[str, str]
) -> None:
    response = client.post(SIGNUP, {k: v.replace("\x00", "") for k, v in data.items()})

    assert response.status_code in (200, 302, 429)
