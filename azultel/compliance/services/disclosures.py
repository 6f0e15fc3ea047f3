"""Disclosures on request (P14, 47 CFR 64.2010): legal process, emergencies and customer
authorisations, recorded by one privacy officer and decided by another.

* ``disclosure_request_record``: what was asked, by whom, on what basis, for which customer and
  which fields of the fixed list (``compliance.fields``); it waits for a second officer.
* ``disclosure_request_approve`` / ``disclosure_request_refuse``: another privacy officer decides,
  approving all or some of the fields asked for.
* ``disclosure_hand_over``: the file of the approved fields, built once (a second call is refused)
  and written to the tamper-evident disclosure log through ``privacy.services.disclosure_make``.
  The customer is told by email unless a non-disclosure order holds the notice.
* ``delayed_notices_send``: the periodic job that tells customers once their hold has expired.

Every refusal saves nothing and is logged (``services.refusals``).
"""

from __future__ import annotations

import io
import re
import uuid
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from azultel.accounts.models import CustomerProfile, User
from azultel.billing.selectors import billing_export
from azultel.comms.services import message_send
from azultel.compliance.audit import ComplianceAudit
from azultel.compliance.fields import FIELD_BY_KEY
from azultel.compliance.models import DisclosureRequest, RequestKind, RequestStatus
from azultel.compliance.services.refusals import refused
from azultel.core.actors import Person, actor_user_id
from azultel.core.audit import audit_record
from azultel.core.csv_safe import csv_writer
from azultel.privacy.models import DisclosureBasis
from azultel.privacy.services import disclosure_make, subject_for_user

PERMISSION = "compliance.manage_disclosure_requests"
BASIS_FOR_KIND = {
    RequestKind.SUBPOENA: DisclosureBasis.LEGAL_PROCESS,
    RequestKind.COURT_ORDER: DisclosureBasis.LEGAL_PROCESS,
    RequestKind.WARRANT: DisclosureBasis.LEGAL_PROCESS,
    RequestKind.EMERGENCY: DisclosureBasis.SAFETY,
    RequestKind.CUSTOMER: DisclosureBasis.CUSTOMER_AUTHORIZATION,
}


@dataclass(frozen=True)
class RequestDraft:
    kind: str
    asked: str
    requester: str
    legal_basis: str
    document_reference: str
    customer_email: str
    fields: list[str]
    hold_until: date | None = None
    hold_reference: str = ""


@dataclass(frozen=True)
class HandOverFile:
    filename: str
    content: bytes
    disclosure_seq: int


def _draft_problem(draft: RequestDraft) -> str:
    if draft.kind not in RequestKind.values:
        return "Choose what kind of request this is."
    for value, name in (
        (draft.asked, "what was asked"),
        (draft.requester, "who is asking"),
        (draft.legal_basis, "the legal basis"),
        (draft.document_reference, "the document reference"),
    ):
        if not (value or "").strip():
            return f"Record {name}."
    if not draft.fields or any(f not in FIELD_BY_KEY for f in draft.fields):
        return "Choose the fields asked for from the list."
    if draft.hold_until is not None and draft.hold_until <= timezone.localdate():
        return "A non-disclosure order's end date must be in the future."
    if draft.hold_until is not None and not draft.hold_reference.strip():
        return "Record the reference of the non-disclosure order."
    return ""


def disclosure_request_record(*, actor: Person, draft: RequestDraft) -> DisclosureRequest:
    """Record a request; it waits until another privacy officer decides it."""
    what = "record a disclosure request"
    if not actor.has_perm(PERMISSION):
        raise refused(actor=actor, what=what, reason="Only a privacy officer records requests.")
    if problem := _draft_problem(draft):
        raise refused(actor=actor, what=what, reason=problem)
    customer = User.objects.filter(
        email__iexact=draft.customer_email.strip(), erased_at__isnull=True, is_staff=False
    ).first()
    if customer is None:
        raise refused(actor=actor, what=what, reason="No open customer account has that email.")
    with transaction.atomic():
        request = DisclosureRequest.objects.create(
            kind=draft.kind,
            asked=draft.asked.strip(),
            requester=draft.requester.strip()[:200],
            legal_basis=draft.legal_basis.strip()[:300],
            document_reference=draft.document_reference.strip()[:200],
            customer=customer,
            fields_requested=sorted(set(draft.fields)),
            hold_until=draft.hold_until,
            hold_reference=draft.hold_reference.strip()[:200],
            recorded_by_id=actor_user_id(actor),
        )
        audit_record(
            actor=actor,
            action=ComplianceAudit.DISCLOSURE_REQUEST_RECORDED,
            subject=request,
            detail={"kind": request.kind, "fields": request.fields_requested},
        )
    return request


def _decision_problem(actor: Person, request: DisclosureRequest | None) -> str:
    if not actor.has_perm(PERMISSION):
        return "Only a privacy officer decides requests."
    if request is None:
        return "No such request."
    if request.status != RequestStatus.WAITING:
        return "This request has already been decided."
    if request.recorded_by_id == actor_user_id(actor):
        return "You recorded this request, so another privacy officer must decide it."
    return ""


def disclosure_request_approve(
    *, actor: Person, request_id: uuid.UUID, fields: list[str], note: str = ""
) -> DisclosureRequest:
    """A second privacy officer approves all or some of the fields asked for."""
    what = "approve a disclosure request"
    problem = ""
    with transaction.atomic():
        request = DisclosureRequest.objects.select_for_update().filter(pk=request_id).first()
        problem = _decision_problem(actor, request)
        if not problem and (
            not fields
            or any(f not in (request.fields_requested if request else []) for f in fields)
        ):
            problem = "Approve only fields that were asked for, at least one."
        if not problem and request is not None:
            request.status = RequestStatus.APPROVED
            request.fields_approved = sorted(set(fields))
            request.decided_by_id = actor_user_id(actor)
            request.decided_at = timezone.now()
            request.decision_note = note.strip()[:500]
            request.save(
                update_fields=[
                    "status",
                    "fields_approved",
                    "decided_by",
                    "decided_at",
                    "decision_note",
                    "updated_at",
                ]
            )
            audit_record(
                actor=actor,
                action=ComplianceAudit.DISCLOSURE_REQUEST_APPROVED,
                subject=request,
                detail={"fields": request.fields_approved},
            )
    if problem or request is None:
        raise refused(actor=actor, what=what, reason=problem, subject=request)
    return request


def disclosure_request_refuse(
    *, actor: Person, request_id: uuid.UUID, note: str
) -> DisclosureRequest:
    """A second privacy officer refuses the request, with the reason."""
    what = "refuse a disclosure request"
    with transaction.atomic():
        request = DisclosureRequest.objects.select_for_update().filter(pk=request_id).first()
        problem = _decision_problem(actor, request)
        if not problem and not note.strip():
            problem = "Say why the request is refused."
        if not problem and request is not None:
            request.status = RequestStatus.REFUSED
            request.decided_by_id = actor_user_id(actor)
            request.decided_at = timezone.now()
            request.decision_note = note.strip()[:500]
            request.save(
                update_fields=["status", "decided_by", "decided_at", "decision_note", "updated_at"]
            )
            audit_record(
                actor=actor, action=ComplianceAudit.DISCLOSURE_REQUEST_REFUSED, subject=request
            )
    if problem or request is None:
        raise refused(actor=actor, what=what, reason=problem, subject=request)
    return request


def _profile_value(customer: User, key: str, billing: dict[str, object]) -> str:
    profile = CustomerProfile.objects.filter(user=customer).first()
    if key == "name":
        return customer.get_full_name()
    if key == "email":
        return customer.email
    if key == "address" and profile is not None:
        parts = [profile.street, profile.unit, profile.city, str(profile.state), profile.zip_code]
        return ", ".join(p for p in parts if p)
    if key == "phone" and profile is not None:
        return profile.phone
    if key == "account_number" and isinstance(billing.get("account"), dict):
        return str(billing["account"]["account_number"])  # type: ignore[index]
    return ""


def hand_over_content(*, customer: User, fields: list[str]) -> bytes:
    """The CSV of exactly ``fields`` for ``customer``: one row of the customer's details, then
    the calls when call detail was approved."""
    billing = billing_export(customer=customer)
    plain = [f for f in fields if f in FIELD_BY_KEY and not FIELD_BY_KEY[f].cpni]
    buffer = io.StringIO()
    writer = csv_writer(buffer)
    if plain:
        writer.writerow([FIELD_BY_KEY[f].label for f in plain])
        writer.writerow([_profile_value(customer, f, billing) for f in plain])
    if "call_detail" in fields:
        if plain:
            writer.writerow([])
        writer.writerow(["Call from", "Call to", "Started at", "Duration (seconds)"])
        calls = billing.get("calls")
        for call in calls if isinstance(calls, list) else []:
            writer.writerow(
                [call["from"], call["to"], call["started_at"], call["duration_seconds"]]
            )
    return buffer.getvalue().encode()


def _customer_notice(request: DisclosureRequest, customer: User) -> None:
    labels = ", ".join(FIELD_BY_KEY[f].label.lower() for f in request.fields_approved)
    message_send(
        category="security",
        to=customer.email,
        template="notice",
        subject=subject_for_user(user=customer),
        context={
            "greeting_name": customer.given_name,
            "title": "We gave some of your information to someone outside Azultel",
            "paragraphs": [
                f"On {request.handed_over_at:%B %-d, %Y} we gave {request.requester} your "  # type: ignore[str-format]
                f"{labels}.",
                f"Why: {request.get_kind_display().lower()} ({request.legal_basis}).",
                "Two privacy officers checked the request before anything was given, and the "
                "hand-over is recorded in our disclosure log. You can see it in your privacy "
                "centre.",
            ],
            "action_url": settings.SITE_URL.rstrip("/") + "/account/privacy/",
            "action_label": "Open your privacy centre",
        },
        dedupe_key=f"disclosure-request-notice:{request.pk}",
    )
    request.customer_notified_at = timezone.now()
    request.save(update_fields=["customer_notified_at", "updated_at"])
    audit_record(actor=None, action=ComplianceAudit.DISCLOSURE_CUSTOMER_NOTIFIED, subject=request)


def _hold_active(request: DisclosureRequest, today: date) -> bool:
    return request.hold_until is not None and today <= request.hold_until


def disclosure_hand_over(*, actor: Person, request_id: uuid.UUID) -> HandOverFile:
    """Build the approved fields' file once, record it in the disclosure log, tell the customer
    (unless a non-disclosure order holds the notice)."""
    what = "download a disclosure hand-over"
    problem = ""
    result: HandOverFile | None = None
    with transaction.atomic():
        request = (
            DisclosureRequest.objects.select_for_update(of=("self",))
            .select_related("customer")
            .filter(pk=request_id)
            .first()
        )
        if not actor.has_perm(PERMISSION):
            problem = "Only a privacy officer hands over disclosures."
        elif request is None:
            problem = "No such request."
        elif request.status == RequestStatus.HANDED_OVER:
            problem = "This hand-over was already downloaded; each approval allows one download."
        elif request.status != RequestStatus.APPROVED or request.decided_by_id is None:
            problem = "Nothing is handed over before a second privacy officer approves it."
        elif request.customer is None:
            problem = "The customer's account no longer exists."
        else:
            customer = request.customer
            payload = hand_over_content(customer=customer, fields=request.fields_approved)
            disclosure = disclosure_make(
                actor=actor,
                recipient=request.requester,
                basis=BASIS_FOR_KIND[RequestKind(request.kind)],
                basis_reference=f"{request.get_kind_display()} {request.document_reference}: "
                f"{request.legal_basis}",
                categories=sorted({FIELD_BY_KEY[f].category for f in request.fields_approved}),
                subjects=[subject_for_user(user=customer)],
                payload=payload,
                record_count=1,
            )
            request.status = RequestStatus.HANDED_OVER
            request.handed_over_at = timezone.now()
            request.handed_over_by_id = actor_user_id(actor)
            request.disclosure = disclosure
            request.save(
                update_fields=[
                    "status",
                    "handed_over_at",
                    "handed_over_by",
                    "disclosure",
                    "updated_at",
                ]
            )
            audit_record(
                actor=actor,
                action=ComplianceAudit.DISCLOSURE_HANDED_OVER,
                subject=request,
                detail={"disclosure": disclosure.seq, "fields": request.fields_approved},
            )
            if not _hold_active(request, timezone.localdate()):
                _customer_notice(request, customer)
            result = HandOverFile(
                "disclosure-"
                + re.sub(r"[^A-Za-z0-9]+", "-", request.document_reference)[:40]
                + ".csv",
                payload,
                disclosure.seq,
            )
    if problem or result is None:
        raise refused(actor=actor, what=what, reason=problem, subject=request)
    return result


def delayed_notices_send(*, today: date | None = None) -> int:
    """Tell each customer whose hand-over was held by a non-disclosure order that has now ended."""
    today = today or timezone.localdate()
    sent = 0
    due = DisclosureRequest.objects.filter(
        status=RequestStatus.HANDED_OVER,
        customer_notified_at__isnull=True,
        customer__isnull=False,
        hold_until__lt=today,
    ).values_list("pk", flat=True)
    for pk in list(due):
        with transaction.atomic():
            request = (
                DisclosureRequest.objects.select_for_update(of=("self",))
                .select_related("customer")
                .filter(pk=pk, customer_notified_at__isnull=True)
                .first()
            )
            if request is None or request.customer is None:
                continue
            _customer_notice(request, request.customer)
            sent += 1
    return sent
