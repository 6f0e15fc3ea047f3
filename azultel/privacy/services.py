"""Writes of privacy records. Every other app records consent and subjects through here."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
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
from azultel.privacy.datamap import CATEGORIES, Personal, declaration_for
from azultel.privacy.fields import EncryptedTextField, SensitiveValue
from azultel.privacy.models import (
    ConsentEvent,
    ConsentSource,
    ConsentState,
    ConsentTopic,
    DataSubject,
    Disclosure,
    DisclosureBasis,
    DisclosureChainHead,
    PolicyVersion,
    SensitiveAccess,
)
from azultel.privacy.selectors import consent_states, policy_current


def _normalise_email(email: str) -> str:
    return email.strip().lower()


def subject_for_user(*, user: Any) -> DataSubject:
    """The data subject of an account, created on first use (race-safe)."""
    existing = DataSubject.objects.filter(user=user).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return DataSubject.objects.create(user=user)
    except IntegrityError:
        return DataSubject.objects.get(user=user)


def subject_for_email(*, email: str) -> DataSubject:
    """The data subject for an address: the account holder's if an account uses it."""

    address = _normalise_email(email)
    user = get_user_model().objects.filter(email__iexact=address).first()
    if user is not None:
        return subject_for_user(user=user)
    existing = DataSubject.objects.filter(email=address).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return DataSubject.objects.create(email=address)
    except IntegrityError:
        return DataSubject.objects.get(email=address)


def consent_record(
    *,
    subject: DataSubject,
    topic: str,
    granted: bool,
    source: str,
    actor: Actor | None = None,
    policy_version: PolicyVersion | None = None,
) -> ConsentEvent:
    """Append a grant or withdrawal to the ledger and update the current state in one transaction.

    ``policy_version`` defaults to the policy in effect now (the version the person was shown).
    """
    if topic not in ConsentTopic.values:
        raise ValueError(f"Unknown consent topic {topic!r}.")
    if source not in ConsentSource.values:
        raise ValueError(f"Unknown consent source {source!r}.")
    with transaction.atomic():
        # Lock the subject row: concurrent changes for one person apply one after the other,
        # and no choice lands on a person erased meanwhile.
        locked = DataSubject.objects.select_for_update().filter(pk=subject.pk).first()
        if locked is None or locked.erased_at is not None:
            raise ValueError("This data subject has been erased.")
        event = ConsentEvent.objects.create(
            subject=subject,
            topic=topic,
            granted=granted,
            source=source,
            actor_id=actor_user_id(actor),
            policy_version=policy_version or policy_current(),
            created_at=timezone.now(),
        )
        ConsentState.objects.update_or_create(
            subject=subject,
            topic=topic,
            defaults={"granted": granted, "last_event": event, "updated_at": event.created_at},
        )
    return event


def consent_set_many(
    *,
    subject: DataSubject,
    choices: dict[str, bool],
    source: str,
    actor: Actor | None = None,
    only_changes: bool = True,
) -> list[ConsentEvent]:
    """Record several choices at once; with ``only_changes`` unchanged answers add no entry."""

    with transaction.atomic():
        current = consent_states(subject=subject)
        events = []
        for topic, granted in choices.items():
            if only_changes and topic in current and current[topic] == granted:
                continue
            events.append(
                consent_record(
                    subject=subject, topic=topic, granted=granted, source=source, actor=actor
                )
            )
    return events


def gpc_withdrawal_record(*, user: Any) -> ConsentEvent | None:
    """Record that a signed-in person's browser sent GPC: sharing withdrawn (B1, B4).

    Adds a ledger entry only when sharing is not already withdrawn.
    """

    subject = subject_for_user(user=user)
    if consent_states(subject=subject).get(ConsentTopic.DATA_SHARING) is False:
        return None
    return consent_record(
        subject=subject,
        topic=ConsentTopic.DATA_SHARING,
        granted=False,
        source=ConsentSource.GPC,
        actor=user,
    )


# --- Records that outlive a rolled-back transaction ---------------------------------------------

_replays: ContextVar[list[Callable[[], object]] | None] = ContextVar(
    "privacy_replays", default=None
)


@contextmanager
def privacy_records_kept() -> Iterator[None]:
    """Keep the reveal-log entries and disclosure records made inside this block even if the work
    around them is rolled back: a sensitive value that was read, or data that was handed over,
    stays on record (P04, P14). Put it outside the ``transaction.atomic`` it protects."""
    replays: list[Callable[[], object]] = []
    token = _replays.set(replays)
    try:
        yield
    except BaseException:
        _replays.reset(token)
        with transaction.atomic():
            for replay in replays:
                replay()
        raise
    _replays.reset(token)


def _keep(replay: Callable[[], object]) -> None:
    replays = _replays.get()
    if replays is not None:
        replays.append(replay)


# --- Sensitive fields (P04, P23) -------------------------------------------------------------


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


# --- Disclosures (P14, P15) ------------------------------------------------------------------


class DisclosureRefused(ValueError):
    """A disclosure without a valid basis, reference or content description."""


def _chain_key() -> bytes:
    return hmac.new(settings.FIELD_HMAC_KEY.encode(), b"disclosure-chain", hashlib.sha256).digest()


def disclosure_entry_hash(*, prev_hash: str, content: dict[str, object]) -> str:
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), default=str)
    return hmac.new(_chain_key(), f"{prev_hash}|{canonical}".encode(), hashlib.sha256).hexdigest()


def _disclosure_content(d: Disclosure) -> dict[str, object]:
    return {
        "seq": d.seq,
        "created_at": d.created_at.isoformat(),
        "actor_label": d.actor_label,
        "recipient": d.recipient,
        "basis": d.basis,
        "basis_reference": d.basis_reference,
        "categories": list(d.categories),
        "subject_ids": list(d.subject_ids),
        "record_count": d.record_count,
        "payload_digest": d.payload_digest,
    }


def disclosure_make(
    *,
    actor: Actor,
    recipient: str,
    basis: str,
    basis_reference: str,
    categories: list[str],
    subjects: list[DataSubject],
    payload: bytes,
    record_count: int | None = None,
) -> Disclosure:
    """Record a hand-over of personal data outside Azultel. The only way such data may leave.

    Refuses a basis outside the five allowed, a missing reference (the authorization, the court
    order, the safety situation, the publisher contract or the event), unknown categories, or a
    payload with nobody in it. Personal data is never sold: there is no "sale" basis.
    """

    check_actor(actor)
    if basis not in DisclosureBasis.values:
        raise DisclosureRefused(
            f"{basis!r} is not a basis for disclosure; "
            f"allowed: {', '.join(DisclosureBasis.values)}."
        )
    basis_reference = (basis_reference or "").strip()
    if not basis_reference:
        raise DisclosureRefused("Name the authorization, order, situation or agreement relied on.")
    recipient = (recipient or "").strip()
    if not recipient:
        raise DisclosureRefused("Name the recipient.")
    unknown = [c for c in categories if c not in CATEGORIES]
    if unknown or not categories:
        raise DisclosureRefused(f"Unknown or missing data categories: {unknown}.")
    if not subjects:
        raise DisclosureRefused("A disclosure must name whom it is about.")
    if basis == DisclosureBasis.CO_SPONSOR:
        # A co-sponsor uses the data for its own purposes: that is sharing, which needs an
        # explicit yes. No answer is not a yes; a refusal (privacy centre, GPC, a policy-change
        # opt-out) is a no (B1, P15).
        agreed = ConsentState.objects.filter(
            subject__in=subjects, topic=ConsentTopic.DATA_SHARING, granted=True
        ).count()
        without_yes = len({s.pk for s in subjects}) - agreed
        if without_yes:
            raise DisclosureRefused(
                f"{without_yes} of these people did not say yes to sharing (they refused, or "
                "never answered); leave them out of what the co-sponsor receives."
            )
    _keep(
        lambda: disclosure_make(
            actor=actor,
            recipient=recipient,
            basis=basis,
            basis_reference=basis_reference,
            categories=categories,
            subjects=subjects,
            payload=payload,
            record_count=record_count,
        )
    )
    with transaction.atomic():
        head, _ = DisclosureChainHead.objects.select_for_update().get_or_create(id=1)
        record = Disclosure(
            seq=head.seq + 1,
            created_at=timezone.now(),
            actor_id=actor_user_id(actor),
            actor_label=actor_label(actor),
            recipient=recipient[:200],
            basis=basis,
            basis_reference=basis_reference[:300],
            categories=sorted(set(categories)),
            subject_ids=sorted({str(s.pk) for s in subjects}),
            record_count=len(subjects) if record_count is None else record_count,
            payload_digest=hashlib.sha256(payload).hexdigest(),
            prev_hash=head.entry_hash,
        )
        record.entry_hash = disclosure_entry_hash(
            prev_hash=head.entry_hash, content=_disclosure_content(record)
        )
        record.save()
        head.seq = record.seq
        head.entry_hash = record.entry_hash
        head.save(update_fields=["seq", "entry_hash"])
    return record


def disclosure_log_verify() -> list[str]:
    """Walk the chain; return every problem found (edited, inserted or deleted records)."""

    problems = []
    prev_hash = ""
    expected_seq = 1
    last_seq = 0
    for record in Disclosure.objects.order_by("seq").iterator(chunk_size=2000):
        if record.seq != expected_seq:
            problems.append(f"record #{expected_seq} is missing (next found is #{record.seq}).")
        if record.prev_hash != prev_hash:
            problems.append(f"record #{record.seq} does not follow the record before it.")
        recomputed = disclosure_entry_hash(
            prev_hash=record.prev_hash, content=_disclosure_content(record)
        )
        if not hmac.compare_digest(recomputed, record.entry_hash):
            problems.append(f"record #{record.seq} was altered after it was written.")
        prev_hash = record.entry_hash
        expected_seq = record.seq + 1
        last_seq = record.seq
    head = DisclosureChainHead.objects.filter(id=1).first()
    if head is not None and (head.seq != last_seq or head.entry_hash != prev_hash):
        problems.append(
            f"the chain ends at #{last_seq} but its head says #{head.seq}: records were removed "
            "from the end or the head was changed."
        )
    if head is None and last_seq:
        problems.append("the chain head is missing.")
    return problems


# --- Retention (B3) ----------------------------------------------------------------------------


def access_log_purge(*, now: datetime | None = None) -> int:
    """Delete reveal-log entries older than ACCESS_LOG_RETENTION_DAYS (data map: access_log_2y).

    The log refuses edits and deletions through the ORM; retention is the one sanctioned removal,
    so it deletes with a raw query on the expired rows only.
    """

    cutoff = (now or timezone.now()) - timedelta(days=settings.ACCESS_LOG_RETENTION_DAYS)
    expired = SensitiveAccess.objects.filter(created_at__lt=cutoff)
    return int(expired._raw_delete(expired.db))
