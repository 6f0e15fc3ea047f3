"""Reading a sensitive field (P04, P23): the one path to a clear value, purpose-checked and logged;
and the retention of that log (B3)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Model
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from azultel.core.actors import (
    Actor,
    SystemActor,
    actor_label,
    actor_user_id,
    check_actor,
    is_signed_in,
)
from azultel.privacy import crypto
from azultel.privacy.datamap import Personal, declaration_for
from azultel.privacy.fields import EncryptedTextField, SensitiveValue
from azultel.privacy.models import (
    SensitiveAccess,
)
from azultel.privacy.services.kept_records import _keep


class RevealRefused(PermissionError):
    """Clear text was asked for without an allowed purpose or permission (the attempt is logged)."""


@sensitive_variables("value")
def sensitive_reveal(*, obj: Model, field: str, purpose: str, actor: Actor, reason: str) -> str:
    """Return the clear value of one sensitive field, for one allowed purpose, and log the access.

    ``actor`` is a staff user holding ``privacy.reveal_sensitive`` or a ``SystemActor`` (for
    example ``system_actor("credit-bureau")``); a string raises TypeError. The purpose must be one
    the data map allows for that field. Refusals raise ``RevealRefused`` and are logged too; the log
    entry is written before the exception, so callers must not roll it back.
    """

    check_actor(actor)
    model_field = obj._meta.get_field(field)
    declaration = declaration_for(type(obj), field)
    if not isinstance(model_field, EncryptedTextField) or not isinstance(declaration, Personal):
        raise ValueError(f"{obj._meta.label}.{field} is not a declared sensitive field.")
    reason = (reason or "").strip()
    refusal = ""
    if purpose not in declaration.purposes:
        refusal = f"purpose {purpose!r} is not allowed for this field"
    elif not reason:
        refusal = "a reason is required"
    elif isinstance(actor, SystemActor):
        pass
    elif not is_signed_in(actor) or not actor.has_perm("privacy.reveal_sensitive"):
        refusal = "the actor may not reveal sensitive fields"
    subject_getter = getattr(obj, "privacy_subject", None)
    entry = {
        "actor_id": actor_user_id(actor),
        "actor_label": actor_label(actor),
        "data_subject": subject_getter() if callable(subject_getter) else None,
        "model_label": obj._meta.label_lower,
        "row_key": str(getattr(obj, model_field.row_key_field)),
        "field_name": field,
        "category": declaration.category,
        "purpose": purpose[:64],
        "reason": reason[:300],
        "granted": not refusal,
        "refusal": refusal,
        "created_at": timezone.now(),
    }
    access = SensitiveAccess.objects.create(**entry)
    _keep(lambda: SensitiveAccess.objects.create(**entry))
    if refusal:
        raise RevealRefused(f"Refused: {refusal} (logged as access #{access.pk}).")
    value = getattr(obj, field)
    if value is None or value == "":
        return ""
    if not isinstance(value, SensitiveValue):
        raise ValueError("Save the object before revealing its sensitive fields.")
    return crypto.decrypt(value.token, associated_data=model_field.associated_data(obj))


def access_log_purge(*, now: datetime | None = None) -> int:
    """Delete reveal-log entries older than ACCESS_LOG_RETENTION_DAYS (data map: access_log_2y).

    The log refuses edits and deletions through the ORM; retention is the one sanctioned removal,
    so it deletes with a raw query on the expired rows only.
    """

    cutoff = (now or timezone.now()) - timedelta(days=settings.ACCESS_LOG_RETENTION_DAYS)
    expired = SensitiveAccess.objects.filter(created_at__lt=cutoff)
    return int(expired._raw_delete(expired.db))
