"""Disclosures (P14, P15): the one way personal data leaves Azultel, on one of five bases, in a
tamper-evident (HMAC-chained) log that ``disclosure_log_verify`` walks."""

from __future__ import annotations

import hashlib
import hmac
import json

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from azultel.core.actors import (
    Actor,
    actor_label,
    actor_user_id,
    check_actor,
)
from azultel.privacy.datamap import CATEGORIES
from azultel.privacy.models import (
    ConsentState,
    ConsentTopic,
    DataSubject,
    Disclosure,
    DisclosureBasis,
    DisclosureChainHead,
)
from azultel.privacy.services.kept_records import _keep


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
