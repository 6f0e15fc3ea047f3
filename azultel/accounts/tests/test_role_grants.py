"""Staff roles need two people (P23): one administrator asks, another approves, nobody changes
their own roles, and the privacy office hears of each step (the admin side: test_admin_access)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction
from django.test import Client

from azultel.accounts.models import RoleGrant, RoleGrantStatus, User
from azultel.accounts.role_grants import (
    RoleChangeRefused,
    role_grant_approve,
    role_grant_request,
    role_remove,
)
from azultel.accounts.roles import ROLE_BY_KEY
from azultel.accounts.testing import customer_create, staff_create
from azultel.comms.models import OutboxMessage
from azultel.core.models import AuditEvent

pytestmark = [pytest.mark.django_db, pytest.mark.promise("P23")]

PRIVACY_OFFICE = "privacy-office@azultel.example"


@pytest.fixture(autouse=True)
def _privacy_office(settings: Any) -> None:
    settings.PRIVACY_CONTACT_EMAIL = PRIVACY_OFFICE


def _client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _roles_of(user: User) -> set[str]:
    return set(User.objects.get(pk=user.pk).groups.values_list("name", flat=True))


def _group(key: str) -> Group:
    return Group.objects.get(name=ROLE_BY_KEY[key].title)


def _state() -> dict[str, Any]:
    """Everything a role change writes: memberships, flags, requests, audit, outbox."""
    return {
        "memberships": sorted(
            User.groups.through.objects.values_list("user_id", "group_id")  # type: ignore[attr-defined]
        ),
        "flags": sorted(User.objects.values_list("pk", "is_staff", "is_superuser")),
        "grants": sorted(RoleGrant.objects.values_list("pk", "status", "decided_by_id")),
        "audit": AuditEvent.objects.filter(action__startswith="accounts.role").count(),
        "outbox": OutboxMessage.objects.count(),
    }


# --- Requests and decisions through the staff roles page ----------------------------------------


def _request_role(client: Client, *, email: str, role: str, reason: str = "Covers Q3") -> Any:
    return client.post("/staff/roles/request/", {"email": email, "role": role, "reason": reason})


def test_a_second_administrators_approval_applies_the_role_audits_and_tells_the_privacy_office(
    django_capture_on_commit_callbacks: Any,
) -> None:
    asker = staff_create(role="administrator")
    approver = staff_create(role="administrator")
    officer = staff_create(role="privacy_officer")
    newcomer = customer_create(email="newcomer@azultel.example", profile=False)

    asked = _request_role(
        _client_for(asker), email="Newcomer@azultel.example", role="billing", reason="New hire"
    )
    grant = RoleGrant.objects.get()
    waiting_roles = _roles_of(newcomer)
    with django_capture_on_commit_callbacks() as callbacks:
        approved = _client_for(approver).post(f"/staff/roles/requests/{grant.pk}/approve/")

    grant.refresh_from_db()
    newcomer.refresh_from_db()
    assert (asked.status_code, approved.status_code) == (302, 302)
    assert waiting_roles == set()
    assert _roles_of(newcomer) == {"Billing"} and newcomer.is_staff is True
    assert (grant.status, grant.requested_by, grant.decided_by) == (
        RoleGrantStatus.APPROVED,
        asker,
        approver,
    )
    assert grant.decided_at is not None
    actions = list(
        AuditEvent.objects.filter(action__startswith="accounts.role")
        .filter(actor__isnull=False)  # not the set-up's system grants
        .order_by("id")
        .values_list("action", "actor_id", "subject_type", "subject_id")
    )
    assert actions == [
        ("accounts.role_grant_requested", asker.pk, "accounts.rolegrant", str(grant.pk)),
        ("accounts.role_grant_approved", approver.pk, "accounts.rolegrant", str(grant.pk)),
        ("accounts.role_added", approver.pk, "accounts.user", str(newcomer.pk)),
    ]
    told = OutboxMessage.objects.filter(subject_line__startswith="Staff role given")
    assert sorted(told.values_list("to_address", flat=True)) == sorted(
        [PRIVACY_OFFICE, officer.email]
    )
    assert set(told.values_list("category", flat=True)) == {"security"}
    body = told.first().body_text  # type: ignore[union-attr]
    assert asker.get_full_name() in body and approver.get_full_name() in body
    assert "Billing" in body and "New hire" in body
    assert (
        OutboxMessage.objects.filter(subject_line__startswith="Staff role requested").count() == 2
    )
    assert len(callbacks) == 2  # each message goes to delivery only after commit


def test_an_administrator_cannot_approve_their_own_request() -> None:
    asker = staff_create(role="administrator")
    newcomer = customer_create(profile=False)
    client = _client_for(asker)
    _request_role(client, email=newcomer.email, role="privacy_officer")
    grant = RoleGrant.objects.get()
    before = _state()

    response = client.post(f"/staff/roles/requests/{grant.pk}/approve/")

    assert response.status_code == 403
    assert "another administrator must decide" in response.content.decode()
    assert RoleGrant.objects.get().status == RoleGrantStatus.PENDING
    assert _roles_of(newcomer) == set()
    assert _state() == before


def test_the_person_a_request_is_for_cannot_approve_it() -> None:
    asker = staff_create(role="administrator")
    other_admin = staff_create(role="administrator")
    _request_role(_client_for(asker), email=other_admin.email, role="privacy_officer")
    grant = RoleGrant.objects.get()
    before = _state()

    response = _client_for(other_admin).post(f"/staff/roles/requests/{grant.pk}/approve/")

    assert response.status_code == 403
    assert _roles_of(other_admin) == {"Administrator"}
    assert _state() == before


def test_an_administrator_cannot_ask_for_a_role_for_themselves() -> None:
    boss = staff_create(role="administrator")
    before = _state()

    response = _request_role(_client_for(boss), email=boss.email, role="privacy_officer")

    assert response.status_code == 403
    assert "yourself" in response.content.decode()
    assert _state() == before


@pytest.mark.parametrize("role", ["customer_care", "privacy_officer", "billing", "customer"])
def test_a_non_administrator_cannot_ask_approve_refuse_or_remove(role: str) -> None:
    asker = staff_create(role="administrator")
    newcomer = customer_create(profile=False)
    colleague = staff_create(role="billing")
    role_grant_request(actor=asker, target=newcomer, role="customer_care", reason="Cover")
    grant = RoleGrant.objects.get()
    outsider = customer_create() if role == "customer" else staff_create(role=role)
    client = _client_for(outsider)
    before = _state()

    responses = [
        client.get("/staff/roles/"),
        _request_role(client, email=outsider.email, role="administrator"),
        _request_role(client, email=newcomer.email, role="administrator"),
        client.post(f"/staff/roles/requests/{grant.pk}/approve/"),
        client.post(f"/staff/roles/requests/{grant.pk}/refuse/"),
        client.post(f"/staff/roles/requests/{grant.pk}/withdraw/"),
        client.post(
            "/staff/roles/remove/",
            {"person": colleague.public_id, "role": "billing", "reason": "x"},
        ),
    ]

    assert [r.status_code for r in responses] == [403] * len(responses)
    assert _state() == before


@pytest.mark.parametrize("role", ["customer_care", "privacy_officer"])
def test_the_services_refuse_a_non_administrator_too(role: str) -> None:
    asker = staff_create(role="administrator")
    newcomer = customer_create(profile=False)
    grant = role_grant_request(actor=asker, target=newcomer, role="billing", reason="Cover")
    outsider = staff_create(role=role)
    before = _state()

    with pytest.raises(RoleChangeRefused):
        role_grant_request(actor=outsider, target=newcomer, role="analyst", reason="x")
    with pytest.raises(RoleChangeRefused):
        role_grant_approve(actor=outsider, grant=grant)
    with pytest.raises(RoleChangeRefused):
        role_remove(actor=outsider, target=asker, role="administrator", reason="x")

    assert _state() == before


def test_a_refusal_changes_no_roles_and_is_audited_and_told() -> None:
    asker = staff_create(role="administrator")
    decider = staff_create(role="administrator")
    newcomer = customer_create(profile=False)
    grant = role_grant_request(actor=asker, target=newcomer, role="billing", reason="Cover")

    response = _client_for(decider).post(f"/staff/roles/requests/{grant.pk}/refuse/")

    grant.refresh_from_db()
    assert response.status_code == 302
    assert (grant.status, grant.decided_by) == (RoleGrantStatus.REJECTED, decider)
    assert _roles_of(newcomer) == set()
    assert AuditEvent.objects.filter(action="accounts.role_grant_rejected", actor=decider).exists()
    assert OutboxMessage.objects.filter(
        to_address=PRIVACY_OFFICE, subject_line__startswith="Staff role refused"
    ).exists()


def test_only_the_asker_can_withdraw_a_request() -> None:
    asker = staff_create(role="administrator")
    other = staff_create(role="administrator")
    newcomer = customer_create(profile=False)
    grant = role_grant_request(actor=asker, target=newcomer, role="billing", reason="Cover")
    before = _state()

    refused = _client_for(other).post(f"/staff/roles/requests/{grant.pk}/withdraw/")
    unchanged = _state()
    withdrawn = _client_for(asker).post(f"/staff/roles/requests/{grant.pk}/withdraw/")

    grant.refresh_from_db()
    assert (refused.status_code, withdrawn.status_code) == (403, 302)
    assert unchanged == before
    assert (grant.status, grant.decided_by) == (RoleGrantStatus.CANCELLED, asker)
    assert _roles_of(newcomer) == set()


def test_one_waiting_request_per_person_and_role() -> None:
    asker = staff_create(role="administrator")
    other = staff_create(role="administrator")
    newcomer = customer_create(profile=False)
    role_grant_request(actor=asker, target=newcomer, role="billing", reason="Cover")
    before = _state()

    response = _request_role(_client_for(other), email=newcomer.email, role="billing")

    assert response.status_code == 403
    assert "already waiting" in response.content.decode()
    assert _state() == before


def test_approval_is_refused_once_the_asker_is_no_longer_an_administrator() -> None:
    asker = staff_create(role="administrator")
    decider = staff_create(role="administrator")
    newcomer = customer_create(profile=False)
    grant = role_grant_request(actor=asker, target=newcomer, role="billing", reason="Cover")
    User.objects.get(pk=asker.pk).groups.clear()
    before = _state()

    response = _client_for(decider).post(f"/staff/roles/requests/{grant.pk}/approve/")

    assert response.status_code == 403
    assert _roles_of(newcomer) == set()
    assert _state() == before


def test_an_unknown_address_is_refused_on_the_form() -> None:
    boss = staff_create(role="administrator")
    before = _state()

    response = _request_role(_client_for(boss), email="nobody@example.com", role="billing")

    assert response.status_code == 400
    assert "No open Azultel account uses that address." in response.content.decode()
    assert _state() == before


# --- Removal ------------------------------------------------------------------------------------


def test_an_administrator_removes_someone_elses_role_at_once() -> None:
    boss = staff_create(role="administrator")
    agent = staff_create(role="customer_care")

    response = _client_for(boss).post(
        "/staff/roles/remove/",
        {"person": agent.public_id, "role": "customer_care", "reason": "Left the company"},
    )

    agent.refresh_from_db()
    assert response.status_code == 302
    assert _roles_of(agent) == set() and agent.is_staff is False
    event = AuditEvent.objects.get(action="accounts.role_removed")
    assert (event.actor, event.subject_id, event.detail["role"]) == (
        boss,
        str(agent.pk),
        "customer_care",
    )
    assert OutboxMessage.objects.filter(
        to_address=PRIVACY_OFFICE, subject_line__startswith="Staff role removed"
    ).exists()


def test_nobody_removes_their_own_role() -> None:
    boss = staff_create(role="administrator")
    before = _state()

    response = _client_for(boss).post(
        "/staff/roles/remove/",
        {"person": boss.public_id, "role": "administrator", "reason": "Testing"},
    )

    assert response.status_code == 403
    assert _roles_of(boss) == {"Administrator"}
    assert _state() == before


# --- The page and the database ------------------------------------------------------------------


def test_the_roles_page_offers_decisions_only_on_other_peoples_requests(
    django_assert_max_num_queries: Any,
) -> None:
    asker = staff_create(role="administrator")
    decider = staff_create(role="administrator")
    for n in range(5):
        newcomer = customer_create(profile=False)
        role_grant_request(actor=asker, target=newcomer, role="billing", reason=f"Hire {n}")
        staff_create(role="customer_care")
    asker_client, decider_client = _client_for(asker), _client_for(decider)
    asker_client.get("/staff/roles/")  # warm the session and permission caches

    with django_assert_max_num_queries(20):
        as_asker = asker_client.get("/staff/roles/").content.decode()
    as_decider = decider_client.get("/staff/roles/").content.decode()

    assert "/approve/" not in as_asker and as_asker.count("/withdraw/") == 5
    assert as_decider.count("/approve/") == 5 and "/withdraw/" not in as_decider


def test_the_database_refuses_a_request_for_oneself_and_a_self_approval() -> None:
    boss = staff_create(role="administrator")
    newcomer = customer_create(profile=False)
    grant = role_grant_request(actor=boss, target=newcomer, role="billing", reason="Cover")

    with pytest.raises(IntegrityError), transaction.atomic():
        RoleGrant.objects.create(target=boss, role="billing", reason="x", requested_by=boss)
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleGrant.objects.filter(pk=grant.pk).update(
            status=RoleGrantStatus.APPROVED, decided_by=boss, decided_at=grant.created_at
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleGrant.objects.create(
            target=newcomer,
            role="billing",
            reason="again",
            requested_by=staff_create(role="administrator"),
        )

    assert RoleGrant.objects.get().status == RoleGrantStatus.PENDING


def test_deleting_an_account_withdraws_its_waiting_requests() -> None:
    from azultel.accounts.services import account_erase

    boss = staff_create(role="administrator")
    newcomer = customer_create()
    grant = role_grant_request(actor=boss, target=newcomer, role="billing", reason="Cover")

    account_erase(user=newcomer, actor=newcomer)

    grant.refresh_from_db()
    assert (grant.status, grant.decided_by) == (RoleGrantStatus.CANCELLED, None)


# --- The system path ----------------------------------------------------------------------------


def test_demo_seeding_gives_roles_as_the_system_with_an_audit_record() -> None:
    from azultel.accounts.demo import demo_seed

    demo_seed()
    demo_seed()  # idempotent

    admin = User.objects.get(email="admin@demo.azultel.test")
    assert _roles_of(admin) == {"Administrator"} and admin.is_staff is True
    event = AuditEvent.objects.get(action="accounts.role_added", subject_id=str(admin.pk))
    assert (event.actor, event.detail) == (
        None,
        {"role": "administrator", "by": "system:seed_demo"},
    )
    assert not RoleGrant.objects.exists()


def test_only_seeding_and_test_set_up_use_the_system_path() -> None:
    from pathlib import Path

    import azultel

    root = Path(azultel.__file__).parent
    users = {
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "role_assign_by_system" in path.read_text(encoding="utf-8")
        and "/tests/" not in str(path)
    }

    # test set-up gives roles in accounts/tests/factories.py (StaffFactory), inside tests/
    # marketing's, events' and compliance's demos give their demo staff their roles (seeding only)
    assert users == {
        "accounts/role_grants.py",
        "accounts/demo.py",
        "marketing/demo.py",
        "events/demo.py",
        "compliance/demo.py",
    }
