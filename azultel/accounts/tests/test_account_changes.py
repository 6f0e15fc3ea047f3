"""Profile changes (P13, P30, B6): re-authentication first, a notice to the old contact details,
never the new value."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail
from django.test import Client

from azultel.accounts.models import CustomerProfile, User
from azultel.accounts.testing import (
    PASSWORD,
    customer_create,
    reauthenticate,
    sign_in,
    totp_enable,
)
from azultel.comms.models import OutboxMessage
from azultel.privacy.services import consent_record, subject_for_user

ADDRESS = {
    "street": "77 Coral Way",
    "unit": "Apt 4",
    "city": "Coral Gables",
    "state": "FL",
    "zip_code": "33134",
    "phone": "305-555-0188",
}


def _opted_out_of_everything(user) -> None:  # type: ignore[no-untyped-def]
    subject = subject_for_user(user=user)
    for topic in ("product_info", "special_offers", "newsletter", "surveys", "service_offers"):
        consent_record(subject=subject, topic=topic, granted=False, source="profile")


@pytest.fixture
def signed_in(client: Client):  # type: ignore[no-untyped-def]
    user = customer_create(email="old.address@example.com")
    _opted_out_of_everything(user)
    sign_in(client, user)
    reauthenticate(client)
    mail.outbox.clear()
    return user


@pytest.mark.promise("B6")
@pytest.mark.django_db
def test_address_change_needs_recent_reauthentication(client: Client) -> None:
    user = customer_create()
    sign_in(client, user)

    refused = client.post("/account/profile/address/", ADDRESS)
    confirm = reauthenticate(client)
    accepted = client.post("/account/profile/address/", ADDRESS)

    assert refused.status_code == 302 and "/account/reauthenticate/" in refused["Location"]
    assert confirm.status_code == 302
    assert accepted.status_code == 302 and accepted["Location"] == "/account/profile/"
    assert CustomerProfile.objects.get(user=user).street == "77 Coral Way"


@pytest.mark.promise("P13")
@pytest.mark.promise("P30")
@pytest.mark.django_db(transaction=True)
def test_address_change_notifies_the_email_on_record_without_the_new_address(
    client: Client,
    signed_in,  # type: ignore[no-untyped-def]
) -> None:
    response = client.post("/account/profile/address/", ADDRESS)

    assert response.status_code == 302
    assert CustomerProfile.objects.get(user=signed_in).street == "77 Coral Way"
    notice = mail.outbox[-1]
    assert notice.to == ["old.address@example.com"]
    assert "address of record" in notice.body
    for new_value in ("77 Coral Way", "Coral Gables", "33134", "0188"):
        assert new_value not in notice.body and new_value not in notice.subject
    assert OutboxMessage.objects.get(template="accounts_change_notice").category == "security"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"zip_code": "ABCDE"}, "zip_code", "Enter a zip code"),
        ({"state": "ZZ"}, "state", "Choose a US state or territory"),
        ({"street": ""}, "street", "This field is required."),
        ({"phone": "12"}, "phone", "phone number"),
    ],
)
def test_bad_address_input_is_refused_and_nothing_changes(
    client: Client,
    signed_in,
    change: dict[str, str],
    field: str,
    message: str,  # type: ignore[no-untyped-def]
) -> None:
    response = client.post("/account/profile/address/", {**ADDRESS, **change})

    assert response.status_code == 400
    block = response.content.decode().split(f'id="id_{field}_error"', 1)[1].split("</ul>", 1)[0]
    assert message in block
    assert CustomerProfile.objects.get(user=signed_in).street == "1200 Brickell Ave"
    assert OutboxMessage.objects.filter(template="accounts_change_notice").count() == 0


@pytest.mark.promise("P13")
@pytest.mark.promise("P30")
@pytest.mark.django_db(transaction=True)
def test_email_change_tells_old_and_new_address_without_showing_the_new_one(
    client: Client,
    signed_in,  # type: ignore[no-untyped-def]
) -> None:
    client.post("/account/email/", {"action_add": "", "email": "new.address@example.com"})
    verification = next(m for m in mail.outbox if m.to == ["new.address@example.com"])
    # Links in emails are on SITE_URL, not on the host the request came to.
    link = re.search(
        re.escape(settings.SITE_URL) + r"(/account/confirm-email/\S+/)", verification.body
    ).group(1)
    client.post(link)

    notices = [m for m in mail.outbox if "was changed" in m.subject]
    assert sorted(m.to[0] for m in notices) == [
        "new.address@example.com",
        "old.address@example.com",
    ]
    for notice in notices:
        assert "new.address@example.com" not in notice.body
        assert "email address of your Azultel account was changed" in notice.body
    signed_in.refresh_from_db()
    assert signed_in.email == "new.address@example.com"
    assert EmailAddress.objects.get(user=signed_in).email == "new.address@example.com"


@pytest.mark.promise("P13")
@pytest.mark.promise("P19")
@pytest.mark.django_db(transaction=True)
def test_password_change_sends_an_immediate_security_notice(client: Client, signed_in) -> None:  # type: ignore[no-untyped-def]
    new_password = "a brand new long passphrase"

    client.post(
        "/account/password/change/",
        {"oldpassword": PASSWORD, "password1": new_password, "password2": new_password},
    )

    notice = mail.outbox[-1]
    assert notice.to == ["old.address@example.com"]
    assert "password of your Azultel account was changed" in notice.body
    assert new_password not in notice.body


@pytest.mark.promise("B6")
@pytest.mark.promise("P30")
@pytest.mark.django_db(transaction=True)
def test_turning_off_two_step_sign_in_sends_a_notice(client: Client, signed_in) -> None:  # type: ignore[no-untyped-def]
    totp_enable(signed_in)

    response = client.post("/account/2fa/totp/deactivate/")

    assert response.status_code == 302
    assert any("Two-step sign-in was turned off" in m.body for m in mail.outbox)
    assert not any("secret" in m.body.lower() for m in mail.outbox)


@pytest.mark.promise("P13")
@pytest.mark.django_db(transaction=True)
def test_name_change_is_saved_and_the_email_on_record_is_told(client: Client, signed_in) -> None:  # type: ignore[no-untyped-def]
    response = client.post("/account/profile/", {"given_name": "Mariana", "family_name": "López"})

    signed_in.refresh_from_db()
    assert response.status_code == 302
    assert (signed_in.given_name, signed_in.family_name) == ("Mariana", "López")
    notice = mail.outbox[-1]
    assert notice.to == ["old.address@example.com"]
    assert "name on your Azultel account was changed" in notice.body
    assert "López" not in notice.body


@pytest.mark.promise("P10")
@pytest.mark.django_db
def test_moving_out_of_the_service_area_ends_the_local_profile(client: Client, signed_in) -> None:  # type: ignore[no-untyped-def]
    from azultel.accounts.services import local_profile_enable
    from azultel.catalog.tests.factories import ServiceAreaFactory

    ServiceAreaFactory(
        zip_code="33131", state="FL", city="Miami", copper=True, dsl=False, fiber=False
    )
    local_profile_enable(user=signed_in, actor=signed_in)

    client.post(
        "/account/profile/address/",
        {**ADDRESS, "city": "Boise", "state": "ID", "zip_code": "83702"},
    )

    assert CustomerProfile.objects.get(user=signed_in).has_local_profile is False


@pytest.mark.django_db
def test_empty_name_is_refused(client: Client, signed_in) -> None:  # type: ignore[no-untyped-def]
    response = client.post("/account/profile/", {"given_name": "", "family_name": "López"})

    signed_in.refresh_from_db()
    assert response.status_code == 400
    assert signed_in.given_name == "Maria"


@pytest.mark.django_db
def test_arbitrary_profile_and_privacy_input_never_causes_a_server_error(client: Client) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    user = customer_create()
    sign_in(client, user)
    reauthenticate(client)
    fields = [*ADDRESS, "given_name", "family_name", "topic", "granted", "confirm"]

    @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
    @given(
        data=st.dictionaries(st.sampled_from(fields), st.text(max_size=60)),
        url=st.sampled_from(
            [
                "/account/profile/address/",
                "/account/profile/",
                "/account/privacy/consent/",
                "/account/profile/local/",
            ]
        ),
    )
    def post_anything(data: dict[str, str], url: str) -> None:
        response = client.post(url, {k: v.replace("\x00", "") for k, v in data.items()})
        assert response.status_code in (200, 302, 400)

    post_anything()

    assert User.objects.get(pk=user.pk).erased_at is None
