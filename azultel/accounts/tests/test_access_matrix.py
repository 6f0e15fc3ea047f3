"""Least privilege (P23): every account and staff URL, for every kind of visitor."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from azultel.accounts.models import User
from azultel.accounts.roles import ROLES
from azultel.accounts.testing import customer_create, staff_create
from azultel.privacy.services import subject_for_user
from azultel.privacy.tests.factories import IdentitySampleFactory
from azultel.privacy.tests.sensitive_app.models import IdentitySample

ROLE_KEYS = [r.key for r in ROLES]
ACTORS = ["anonymous", "customer", "other_customer", *ROLE_KEYS]
SIGNED_IN = [a for a in ACTORS if a != "anonymous"]

# url name -> (path template, actors allowed)
MATRIX: dict[str, tuple[str, list[str]]] = {
    "account overview": ("/account/", SIGNED_IN),
    "account profile": ("/account/profile/", SIGNED_IN),
    "privacy centre": ("/account/privacy/", SIGNED_IN),
    "sessions": ("/account/sessions/", SIGNED_IN),
    "my data": ("/account/my-data/", SIGNED_IN),
    # Holds call detail (CPNI): only after the password in this session (see test_my_data).
    "my data download": ("/account/my-data/download/", []),
    "staff home": ("/staff/", ROLE_KEYS),
    "customer lookup": ("/staff/customers/?q=Lopez", ["customer_care", "billing", "administrator"]),
    "customer record": (
        "/staff/customers/{customer}/",
        ["customer_care", "billing", "administrator"],
    ),
    "reveal": ("/staff/reveal/privacy_testapp.identitysample/{sample}/ssn/", ["customer_care"]),
    "admin": ("/staff/admin/", ROLE_KEYS),
    "staff roles": ("/staff/roles/", ["administrator"]),
    "reveal log": ("/staff/admin/privacy/sensitiveaccess/", ["privacy_officer"]),
    "disclosure log": ("/staff/admin/privacy/disclosure/", ["privacy_officer"]),
    "consent ledger": ("/staff/admin/privacy/consentevent/", ["privacy_officer"]),
    "outbox": ("/staff/outbox/", ["privacy_officer"]),
    "mailbox": ("/staff/mailbox/", ["privacy_officer"]),
    "statistics": ("/staff/stats/", ["analyst", "marketing", "marketing_supervisor"]),
    "email campaigns": ("/staff/marketing/", ["marketing", "marketing_supervisor"]),
    "segments": ("/staff/marketing/segments/", ["marketing", "marketing_supervisor"]),
    "CPNI campaign records": (
        "/staff/marketing/cpni-records/",
        ["marketing", "marketing_supervisor"],
    ),
    "directory listing": ("/account/directory/", SIGNED_IN),
    "directory assistance": ("/staff/directory/", ["directory_operator"]),
    "directory feed": ("/staff/directory/feed/", ["privacy_officer"]),
}


@pytest.fixture
def world(db: None) -> dict[str, Any]:
    customer = customer_create(email="owner@example.com", family_name="Lopez")
    other = customer_create(email="other@example.com", family_name="Other")
    sample = IdentitySampleFactory(holder=subject_for_user(user=customer), ssn="078-05-1120")
    users: dict[str, User | None] = {
        "anonymous": None,
        "customer": customer,
        "other_customer": other,
    }
    users.update({key: staff_create(role=key) for key in ROLE_KEYS})
    return {"users": users, "customer": customer.public_id, "sample": sample.pk}


def _allowed(response: Any) -> bool:
    return response.status_code == 200


@pytest.mark.promise("P23")
@pytest.mark.promise("P11")
@pytest.mark.parametrize("page", list(MATRIX))
def test_each_page_admits_exactly_the_roles_that_need_it(world: dict[str, Any], page: str) -> None:
    template, allowed = MATRIX[page]
    path = template.format(customer=world["customer"], sample=world["sample"])
    outcome = {}
    for actor in ACTORS:
        client = Client()
        user = world["users"][actor]
        if user is not None:
            client.force_login(user)
        response = client.get(path)
        outcome[actor] = _allowed(response)
        if not outcome[actor]:
            assert response.status_code in (302, 403, 404), (actor, page, response.status_code)
            if response.status_code == 302:
                assert "login/" in response["Location"] or (
                    "reauthenticate/" in response["Location"]
                ), (actor, page)

    assert {a for a, ok in outcome.items() if ok} == set(allowed)


@pytest.mark.promise("P23")
@pytest.mark.django_db
def test_staff_without_two_step_sign_in_are_sent_to_set_it_up(client: Client) -> None:
    agent = staff_create(role="customer_care", two_factor=False)
    client.force_login(agent)

    response = client.get("/staff/customers/")

    assert response.status_code == 302
    assert response["Location"].startswith("/account/2fa/totp/activate/")


@pytest.mark.promise("P23")
@pytest.mark.django_db
def test_a_customer_never_reaches_another_customers_record(client: Client) -> None:
    owner = customer_create()
    intruder = customer_create()
    client.force_login(intruder)

    assert client.get(f"/staff/customers/{owner.public_id}/").status_code == 403
    assert owner.email not in client.get("/account/my-data/download/").content.decode()


@pytest.mark.promise("P23")
@pytest.mark.django_db
def test_logs_cannot_be_edited_or_deleted_even_by_a_superuser(client: Client) -> None:
    from azultel.privacy.models import ConsentEvent
    from azultel.privacy.services import consent_record

    event = consent_record(
        subject=subject_for_user(user=customer_create()),
        topic="newsletter",
        granted=True,
        source="registration",
    )
    officer = staff_create(role="privacy_officer")
    boss = staff_create(role="administrator")
    boss.is_superuser = True
    boss.save()

    for user in (officer, boss):
        client.force_login(user)
        change = client.post(
            f"/staff/admin/privacy/consentevent/{event.pk}/change/", {"granted": "off"}
        )
        delete = client.post(
            f"/staff/admin/privacy/consentevent/{event.pk}/delete/", {"post": "yes"}
        )
        assert change.status_code == 403
        assert delete.status_code == 403
    assert ConsentEvent.objects.get(pk=event.pk).granted is True


@pytest.mark.promise("P23")
@pytest.mark.django_db
def test_customer_care_sees_sensitive_fields_masked_and_a_reveal_is_logged(client: Client) -> None:
    from azultel.privacy.models import SensitiveAccess
    from azultel.privacy.registry import sensitive_records_register

    customer = customer_create()
    sample = IdentitySampleFactory(holder=subject_for_user(user=customer), ssn="078-05-1120")
    sensitive_records_register(lambda user: list(IdentitySample.objects.filter(holder__user=user)))
    agent = staff_create(role="customer_care")
    client.force_login(agent)

    record = client.get(f"/staff/customers/{customer.public_id}/").content.decode()
    reveal_url = f"/staff/reveal/privacy_testapp.identitysample/{sample.pk}/ssn/"
    refused = client.post(reveal_url, {"purpose": "credit_check", "reason": ""})
    revealed = client.post(
        reveal_url, {"purpose": "credit_check", "reason": "customer disputes the credit decision"}
    )

    assert "•••• 1120" in record and "078-05-1120" not in record
    assert refused.status_code == 400 and "078-05-1120" not in refused.content.decode()
    assert "078-05-1120" in revealed.content.decode()
    assert revealed["Cache-Control"].startswith("max-age=0")
    access = SensitiveAccess.objects.get()
    assert (access.actor, access.purpose, access.granted) == (agent, "credit_check", True)


@pytest.mark.promise("P23")
@pytest.mark.django_db
def test_a_role_without_the_staff_flag_still_needs_two_step_sign_in(client: Client) -> None:
    from django.contrib.auth.models import Group

    from azultel.accounts.roles import ROLE_BY_KEY, roles_sync

    roles_sync()
    member = customer_create()
    member.groups.add(Group.objects.get(name=ROLE_BY_KEY["customer_care"].title))
    client.force_login(member)

    response = client.get("/staff/customers/?q=Lopez")

    assert response.status_code == 302
    assert response["Location"].startswith("/account/2fa/totp/activate/")


@pytest.mark.promise("P23")
@pytest.mark.django_db
def test_an_administrator_cannot_grant_superuser_or_set_a_password(client: Client) -> None:
    boss = staff_create(role="administrator")  # the role holds accounts.change_user
    customer = customer_create()
    client.force_login(boss)

    client.post(
        f"/staff/admin/accounts/user/{boss.pk}/change/",
        {
            "email": boss.email,
            "given_name": "A",
            "family_name": "B",
            "is_active": "on",
            "is_staff": "on",
            "is_superuser": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "00:00:00",
        },
    )
    password_page = client.get(f"/staff/admin/accounts/user/{customer.pk}/password/")

    boss.refresh_from_db()
    assert boss.is_superuser is False
    assert password_page.status_code == 403
