"""Data-subject requests (B2): download everything; deletion erases or anonymises."""

from __future__ import annotations

import json

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client

from azultel.accounts.models import CustomerProfile, SignInSession, User
from azultel.accounts.testing import customer_create, reauthenticate, sign_in
from azultel.core.actors import system_actor
from azultel.privacy.models import ConsentEvent, DataSubject, Disclosure
from azultel.privacy.selectors import policy_current
from azultel.privacy.services import consent_record, disclosure_make, subject_for_user


@pytest.mark.promise("B2")
@pytest.mark.django_db
def test_download_holds_everything_about_the_person_and_nobody_else(
    client: Client, site_content
) -> None:  # type: ignore[no-untyped-def]
    user = customer_create(email="kim@example.com")
    other = customer_create(email="someone.else@example.com")
    subject = subject_for_user(user=user)
    consent_record(subject=subject, topic="newsletter", granted=True, source="registration")
    disclosure_make(
        actor=system_actor("test"),
        recipient="Court of Miami-Dade",
        basis="legal_process",
        basis_reference="subpoena 26-118",
        categories=["user.name"],
        subjects=[subject],
        payload=b"x",
    )
    sign_in(client, user)

    response = client.get("/account/my-data/download/")
    data = json.loads(response.content)

    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    assert response["Cache-Control"].startswith("max-age=0")
    assert data["account"]["email"] == "kim@example.com"
    assert data["address_of_record"]["zip_code"] == "33131"
    assert data["consents"]["current"] == {"newsletter": True}
    assert data["consents"]["history"][0]["policy_version"] == policy_current().version
    assert data["disclosures"][0]["recipient"] == "Court of Miami-Dade"
    assert data["sign_in_sessions"][0]["device"]
    assert other.email not in response.content.decode()


@pytest.mark.promise("B2")
@pytest.mark.django_db(transaction=True)
def test_deletion_erases_anonymises_ends_sessions_and_confirms(client: Client) -> None:
    user = customer_create(email="kim@example.com")
    subject = subject_for_user(user=user)
    consent_record(subject=subject, topic="newsletter", granted=True, source="registration")
    disclosure_make(
        actor=system_actor("test"),
        recipient="Publisher",
        basis="directory_publishing",
        basis_reference="agreement",
        categories=["user.name"],
        subjects=[subject],
        payload=b"x",
    )
    elsewhere = Client()
    sign_in(elsewhere, user)
    sign_in(client, user)
    reauthenticate(client)

    response = client.post("/account/delete/", {"confirm": "DELETE"})

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.erased_at is not None and not user.is_active
    assert "kim" not in user.email and user.given_name == "Erased"
    assert not user.has_usable_password()
    assert not CustomerProfile.objects.filter(user=user).exists()
    erased = DataSubject.objects.get(pk=subject.pk)
    assert erased.user is None and erased.email is None and erased.erased_at is not None
    assert ConsentEvent.objects.filter(subject=erased).count() == 1
    assert Disclosure.objects.count() == 1
    signed_in = [s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id")]
    assert signed_in == []
    assert SignInSession.objects.filter(user=user).count() == 0
    assert elsewhere.get("/account/").status_code == 302
    assert mail.outbox[-1].to == ["kim@example.com"]
    assert "has been deleted" in mail.outbox[-1].subject
    assert (
        client.post(
            "/account/login/", {"login": "kim@example.com", "password": "violet harbor lantern 42"}
        ).status_code
        == 200
    )


@pytest.mark.promise("B2")
@pytest.mark.django_db
def test_deletion_needs_reauthentication_and_the_confirmation_word(client: Client) -> None:
    user = customer_create()
    sign_in(client, user)

    without_reauth = client.post("/account/delete/", {"confirm": "DELETE"})
    reauthenticate(client)
    wrong_word = client.post("/account/delete/", {"confirm": "delete it"})

    assert without_reauth.status_code == 302 and "reauthenticate" in without_reauth["Location"]
    assert wrong_word.status_code == 400
    assert "Type DELETE in capital letters" in wrong_word.content.decode()
    assert User.objects.get(pk=user.pk).erased_at is None


@pytest.mark.promise("P30")
@pytest.mark.django_db
def test_the_download_holds_cpni_so_it_needs_the_password_in_this_session(client: Client) -> None:
    user = customer_create()
    client.force_login(user)  # signed in without the password (e.g. by an emailed link)

    refused = client.get("/account/my-data/download/")
    reauthenticate(client)
    allowed = client.get("/account/my-data/download/")

    assert refused.status_code == 302
    assert refused["Location"].startswith("/account/reauthenticate/")
    assert allowed.status_code == 200 and allowed["Content-Type"] == "application/json"


@pytest.mark.promise("B2")
@pytest.mark.django_db
def test_deleting_twice_at_once_erases_once(client: Client) -> None:
    from azultel.accounts.services import AccountError, account_erase

    user = customer_create()
    stale = User.objects.get(pk=user.pk)
    account_erase(user=user, actor=user)

    with pytest.raises(AccountError, match="already been deleted"):
        account_erase(user=stale, actor=stale)

    assert DataSubject.objects.filter(user=user).count() == 0


@pytest.mark.promise("B2")
@pytest.mark.django_db(transaction=True)
def test_download_and_erasure_cover_contact_messages_emails_and_activity(client: Client) -> None:
    from azultel.comms.models import OutboxMessage
    from azultel.site.models import ContactMessage

    user = customer_create(email="kim@example.com")
    sign_in(client, user)
    client.post(
        "/contact/",
        {
            "name": "Kim",
            "email": "KIM@example.com",
            "topic": "billing",
            "message": "Why is my bill higher this month?",
        },
    )
    client.post("/account/profile/", {"given_name": "Kimberly", "family_name": "Lopez"})
    reauthenticate(client)

    data = json.loads(client.get("/account/my-data/download/").content)
    client.post("/account/delete/", {"confirm": "DELETE"})

    assert data["contact_messages"][0]["message"] == "Why is my bill higher this month?"
    assert any(e["category"] == "security" for e in data["emails"])
    assert any(e["action"] == "signin.succeeded" for e in data["account_activity"])
    assert ContactMessage.objects.count() == 0
    finished = OutboxMessage.objects.exclude(
        template="accounts_change_notice", body_text__contains="deleted"
    )
    assert set(finished.values_list("to_address", flat=True)) == {""}
