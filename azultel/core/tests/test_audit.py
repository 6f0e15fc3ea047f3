"""The audit trail: typed actors and actions; B3: kept two years, then deleted."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from azultel.core.actors import SystemActor, actor_label, system_actor
from azultel.core.audit import AuditAction, audit_record
from azultel.core.models import AuditEvent
from azultel.core.tasks import audit_events_purge


@pytest.mark.promise("B3")
@pytest.mark.django_db
def test_audit_events_older_than_two_years_are_deleted() -> None:
    old = audit_record(actor=None, action=_TestAudit.CHANGED)
    new = audit_record(actor=None, action=_TestAudit.CHANGED)
    AuditEvent.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=731))

    assert audit_events_purge() == 1
    assert list(AuditEvent.objects.values_list("pk", flat=True)) == [new.pk]


class _TestAudit(AuditAction):
    CHANGED = "test.changed"


@pytest.mark.django_db
def test_a_plain_string_action_is_refused_and_nothing_is_written() -> None:
    with pytest.raises(TypeError, match="AuditAction"):
        audit_record(actor=None, action="test.changed")  # type: ignore[arg-type]

    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("actor", ["system:billing-run", "user:1", 42])
def test_a_string_or_other_actor_is_refused_and_nothing_is_written(actor: object) -> None:
    with pytest.raises(TypeError, match="SystemActor"):
        audit_record(actor=actor, action=_TestAudit.CHANGED)  # type: ignore[arg-type]

    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_a_system_actor_is_stored_as_its_component_and_no_user() -> None:
    audit_record(actor=system_actor("billing-run"), action=_TestAudit.CHANGED, detail={"n": 2})

    event = AuditEvent.objects.get()
    assert (event.action, event.actor_id) == ("test.changed", None)
    assert event.detail == {"n": 2, "system": "billing-run"}


@pytest.mark.django_db
def test_a_signed_in_person_is_stored_as_the_actor_and_anonymous_as_nobody() -> None:
    user = get_user_model().objects.create_user(
        "audit@example.com", "x" * 14, given_name="A", family_name="B"
    )
    audit_record(actor=user, action=_TestAudit.CHANGED)
    audit_record(actor=AnonymousUser(), action=_TestAudit.CHANGED)

    assert list(AuditEvent.objects.order_by("id").values_list("actor_id", "detail")) == [
        (user.pk, {}),
        (None, {}),
    ]
    assert actor_label(user) == f"user:{user.pk}"
    assert actor_label(AnonymousUser()) == "anonymous"
    assert actor_label(system_actor("orders")) == "system:orders"


def test_a_system_actor_needs_a_component_name() -> None:
    with pytest.raises(ValueError):
        system_actor(" ")
    assert system_actor("orders") == SystemActor("orders")
