"""Writing audit records. Services call ``audit_record`` inside their transaction.

Actions are ``AuditAction`` members: each app declares its own enum (``<app>/audit.py``) whose
values are the strings stored in ``AuditEvent.action``; a plain string is refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from django.db import models

from azultel.core.actors import Actor, SystemActor, actor_user_id, check_actor
from azultel.core.models import AuditEvent


class AuditAction(StrEnum):
    """Base of every app's audit actions; a member's value is what the audit trail stores."""


class CoreAudit(AuditAction):
    STORED_FILE_SAVE = "stored_file.save"
    STORED_FILE_DELETE = "stored_file.delete"
    STORED_FILE_RETENTION = "stored_file.retention"
    STORED_FILE_SERVE = "stored_file.serve"
    STORED_FILE_SERVE_REFUSED = "stored_file.serve_refused"


def audit_record(
    *,
    actor: Actor | None,
    action: AuditAction,
    subject: models.Model | None = None,
    detail: Mapping[str, object] | None = None,
) -> AuditEvent:
    """Append one audit event; ``detail`` must never hold a clear sensitive value.

    A person is stored as the event's actor (when signed in); a system job is named in the
    detail under ``"system"`` (the component), since it has no user row.
    """
    if not isinstance(action, AuditAction):
        raise TypeError(f"An audit action is an AuditAction member, not {action!r}.")
    check_actor(actor, optional=True)
    stored = dict(detail or {})
    if isinstance(actor, SystemActor):
        stored.setdefault("system", actor.component)
    return AuditEvent.objects.create(
        actor_id=actor_user_id(actor),
        action=action.value,
        subject_type=subject._meta.label_lower if subject is not None else "",
        subject_id=str(subject.pk) if subject is not None else "",
        detail=stored,
    )
