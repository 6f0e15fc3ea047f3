"""The admin changes nobody's access (P23): roles, direct permissions, the staff flag and the
superuser flag are read-only for everyone, superusers included; groups (the roles) cannot be
edited; a superuser is made only on the command line."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client

from azultel.accounts.models import User
from azultel.accounts.roles import ROLE_BY_KEY
from azultel.accounts.testing import staff_create, totp_enable
from azultel.comms.models import OutboxMessage
from azultel.core.models import AuditEvent

pytestmark = [pytest.mark.django_db, pytest.mark.promise("P23")]


def _client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _roles_of(user: User) -> set[str]:
    return set(User.objects.get(pk=user.pk).groups.values_list("name", flat=True))


def _group(key: str) -> Group:
    return Group.objects.get(name=ROLE_BY_KEY[key].title)


def _state() -> dict[str, Any]:
    """Everything an access change could write: memberships, flags, permissions, audit, outbox."""
    return {
        "memberships": sorted(
            User.groups.through.objects.values_list("user_id", "group_id")  # type: ignore[attr-defined]
        ),
        "direct": sorted(
            User.user_permissions.through.objects.values_list("user_id", "permission_id")  # type: ignore[attr-defined]
        ),
        "flags": sorted(User.objects.values_list("pk", "is_staff", "is_superuser")),
        "group_permissions": sorted(
            Group.permissions.through.objects.values_list("group_id", "permission_id")  # type: ignore[attr-defined]
        ),
        "groups": sorted(Group.objects.values_list("pk", "name")),
        "users": User.objects.count(),
        "audit": AuditEvent.objects.exclude(action__startswith="signin.").count(),
        "outbox": OutboxMessage.objects.count(),
    }


def _user_change_form(user: User, **extra: Any) -> dict[str, Any]:
    return {
        "email": user.email,
        "given_name": user.given_name,
        "family_name": user.family_name,
        "is_active": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "00:00:00",
        **extra,
    }


def test_an_administrator_cannot_add_a_role_to_themselves_in_the_admin() -> None:
    boss = staff_create(role="administrator")
    officer_group = _group("privacy_officer")
    before = _state()

    response = _client_for(boss).post(
        f"/staff/admin/accounts/user/{boss.pk}/change/",
        _user_change_form(boss, groups=[officer_group.pk, _group("administrator").pk]),
    )

    assert _roles_of(boss) == {"Administrator"}
    assert _state() == before
    assert response.status_code == 403


def test_an_administrator_cannot_give_another_person_a_role_in_the_admin() -> None:
    boss = staff_create(role="administrator")
    colleague = staff_create(role="customer_care")
    before = _state()

    response = _client_for(boss).post(
        f"/staff/admin/accounts/user/{colleague.pk}/change/",
        _user_change_form(colleague, groups=[_group("privacy_officer").pk]),
    )

    assert _roles_of(colleague) == {"Customer care"}
    assert _state() == before
    assert response.status_code == 403


def test_the_admin_user_page_shows_access_read_only() -> None:
    boss = staff_create(role="administrator")
    colleague = staff_create(role="customer_care")

    page = _client_for(boss).get(f"/staff/admin/accounts/user/{colleague.pk}/change/")

    html = page.content.decode()
    assert page.status_code == 200
    for field in ("groups", "is_staff", "is_superuser", "user_permissions"):
        assert f'name="{field}"' not in html, field
    assert "Customer care" in html


@pytest.mark.parametrize("editor", ["administrator", "superuser"])
def test_nobody_can_set_the_superuser_flag_in_the_admin(editor: str) -> None:
    boss = staff_create(role="administrator")
    User.objects.filter(pk=boss.pk).update(is_superuser=editor == "superuser")
    colleague = staff_create(role="customer_care")
    before = _state()

    response = _client_for(User.objects.get(pk=boss.pk)).post(
        f"/staff/admin/accounts/user/{colleague.pk}/change/",
        _user_change_form(colleague, is_staff="on", is_superuser="on"),
    )

    assert User.objects.get(pk=colleague.pk).is_superuser is False
    assert _state() == before
    assert response.status_code == 403


def test_no_superuser_can_be_created_through_the_admin() -> None:
    root = User.objects.create_superuser(
        "root@azultel.example", "a long enough passphrase", given_name="Root", family_name="User"
    )
    totp_enable(root)
    count = User.objects.count()

    response = _client_for(root).post(
        "/staff/admin/accounts/user/add/",
        {
            "email": "new@azultel.example",
            "given_name": "New",
            "family_name": "Person",
            "password1": "violet harbor lantern 42",
            "password2": "violet harbor lantern 42",
            "is_superuser": "on",
            "is_staff": "on",
        },
    )

    assert not User.objects.filter(email="new@azultel.example").exists()
    assert User.objects.count() == count
    assert response.status_code == 403


def test_createsuperuser_still_makes_a_superuser_on_the_command_line(monkeypatch: Any) -> None:
    from django.core.management import call_command

    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a long enough passphrase 42")

    call_command(
        "createsuperuser",
        interactive=False,
        email="ops@azultel.example",
        given_name="Ops",
        family_name="Person",
        verbosity=0,
    )

    made = User.objects.get(email="ops@azultel.example")
    assert (made.is_superuser, made.is_staff) == (True, True)


@pytest.mark.parametrize("editor", ["administrator", "superuser"])
def test_group_permissions_cannot_be_edited_in_the_admin(editor: str) -> None:
    from azultel.accounts.roles import roles_sync

    roles_sync()
    boss = staff_create(role="administrator")
    User.objects.filter(pk=boss.pk).update(is_superuser=editor == "superuser")
    client = _client_for(User.objects.get(pk=boss.pk))
    care = _group("customer_care")
    mailbox = Permission.objects.get(codename="view_mailbox")
    wanted = sorted(care.permissions.values_list("pk", flat=True))

    change = client.post(
        f"/staff/admin/auth/group/{care.pk}/change/",
        {"name": care.name, "permissions": [*wanted, mailbox.pk]},
    )
    add = client.post("/staff/admin/auth/group/add/", {"name": "Everything", "permissions": []})
    delete = client.post(f"/staff/admin/auth/group/{care.pk}/delete/", {"post": "yes"})
    view = client.get(f"/staff/admin/auth/group/{care.pk}/change/")

    held = Group.permissions.through.objects.filter(group_id=care.pk)  # type: ignore[attr-defined]
    assert sorted(held.values_list("permission_id", flat=True)) == wanted
    assert Group.objects.filter(pk=care.pk).exists()
    assert not Group.objects.filter(name="Everything").exists()
    assert (change.status_code, add.status_code, delete.status_code) == (403, 403, 403)
    assert view.status_code == 200 and 'name="permissions"' not in view.content.decode()
