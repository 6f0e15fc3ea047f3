"""A privacy request's life: filed, verified, (an agent's permission checked), acknowledged,
perhaps extended once, answered; and the single-use download of an access request's result."""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from azultel.accounts.models import User
from azultel.comms.services import message_send
from azultel.core.actors import Actor, Person
from azultel.core.audit import audit_record
from azultel.core.links import site_reverse
from azultel.core.stored_files import stored_file_save
from azultel.core.upload_checks import CheckedUpload
from azultel.dsr.audit import DsrAudit
from azultel.dsr.links import LinkPurpose, LinkRefused, link_read, link_url, nonce_new
from azultel.dsr.models import OPEN_STATUSES, Kind, Outcome, PrivacyRequest, Status
from azultel.dsr.services.fulfilment import (
    WITHDRAWN_BY_KIND,
    request_choices_apply,
    request_erase,
    request_export,
)
from azultel.privacy.registry import email_normalise

HANDLE_PERMISSION = "dsr.handle_privacy_request"
_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


class RequestRefused(ValueError):
    """A request or an action the rules do not allow; the message is for the person."""


@dataclass(frozen=True)
class RequestDetails:
    kind: str
    email: str
    details: str = ""
    appeal_reference: str = ""
    agent_name: str = ""


def reference_new() -> str:
    chars = [secrets.choice(_ALPHABET) for _ in range(6)]
    return f"PR-{''.join(chars[:4])}-{''.join(chars[4:])}"


def _day(value: object) -> str:
    return date_format(timezone.localtime(value), "F j, Y")  # type: ignore[arg-type]


def _tell(request: PrivacyRequest, *, title: str, paragraphs: list[str], **action: str) -> None:
    message_send(
        category="requested_info",
        to=request.email,
        template="notice",
        context={"title": title, "paragraphs": paragraphs, **action},
        sensitive=True,
    )


def officer_require(actor: Person) -> None:
    if not (actor.is_authenticated and actor.is_active and actor.has_perm(HANDLE_PERMISSION)):
        raise PermissionError("Only the privacy officer handles privacy requests.")


def request_file(
    *,
    details: RequestDetails,
    account: User | None,
    reauthenticated: bool,
    agent_permission: CheckedUpload | None,
    actor: Actor | None,
) -> PrivacyRequest:
    """Record a request. A signed-in account holder asking about their own account, just
    re-authenticated, is verified at once; anyone else (another address, an agent, a visitor)
    gets a single-use link at the address the request is about, and nothing is done before."""
    email = email_normalise(details.email)
    if details.agent_name and agent_permission is None:
        raise RequestRefused("An agent must upload the person's signed permission.")
    own_account = (
        account is not None
        and reauthenticated
        and not details.agent_name
        and email_normalise(account.email) == email
    )
    now = timezone.now()
    with transaction.atomic():
        appeal_of = None
        if details.kind == Kind.APPEAL:
            appeal_of = (
                PrivacyRequest.objects.filter(
                    reference=details.appeal_reference.strip().upper(),
                    email=email,
                    status=Status.CLOSED,
                )
                .exclude(kind=Kind.APPEAL)
                .first()
            )
            if appeal_of is None:
                raise RequestRefused(
                    "We could not find an answered request with that reference for this address."
                )
        stored = (
            stored_file_save(upload=agent_permission, actor=actor)
            if agent_permission is not None and details.agent_name
            else None
        )
        request = PrivacyRequest.objects.create(
            reference=reference_new(),
            kind=details.kind,
            email=email,
            account=account if own_account else None,
            details=details.details.strip(),
            appeal_of=appeal_of,
            agent_name=details.agent_name.strip(),
            agent_permission=stored,
            received_at=now,
            status=Status.OPEN if own_account else Status.UNVERIFIED,
            verified_at=now if own_account else None,
            link_nonce="" if own_account else nonce_new(),
        )
        audit_record(
            actor=actor,
            action=DsrAudit.REQUEST_FILED,
            subject=request,
            detail={
                "kind": request.kind,
                "by_agent": request.by_agent,
                "verified_by": "reauthentication" if own_account else "email_link",
                # A signed-in person asking about another address: logged, and that address
                # must confirm before anything is done or shown.
                "signed_in_for_another_address": account is not None and not own_account,
            },
        )
        if own_account:
            _tell_received(request)
        else:
            url = link_url(
                request_id=request.id, nonce=request.link_nonce, purpose=LinkPurpose.VERIFY
            )
            _tell(
                request,
                title=f"Confirm your privacy request {request.reference}",
                paragraphs=[
                    f"We received a request: {request.get_kind_display().lower()}.",
                    "Open the link below to confirm it was you (or your agent). The link works "
                    "once. If you did not ask, ignore this email and nothing will happen.",
                ],
                action_url=url,
                action_label="Confirm the request",
            )
    return request


def _tell_received(request: PrivacyRequest) -> None:
    _tell(
        request,
        title=f"We have your privacy request {request.reference}",
        paragraphs=[
            f"Your request ({request.get_kind_display().lower()}) is confirmed.",
            f"We will answer by {_day(request.answer_due)}.",
        ],
    )


def link_refusal_record(*, refused: LinkRefused, purpose: LinkPurpose) -> None:
    """Log a refused link (forged, expired, replayed): the reason, never the token."""
    subject = (
        PrivacyRequest.objects.filter(pk=refused.request_id).first()
        if refused.request_id is not None
        else None
    )
    audit_record(
        actor=None,
        action=DsrAudit.LINK_REFUSED,
        subject=subject,
        detail={"reason": refused.reason, "purpose": str(purpose)},
    )


def _claimed(token: object, purpose: LinkPurpose, nonce_field: str) -> PrivacyRequest:
    claim = link_read(token, purpose=purpose)
    request = PrivacyRequest.objects.select_for_update().filter(pk=claim.request_id).first()
    if request is None:
        raise LinkRefused("unknown_request")
    stored = getattr(request, nonce_field)
    if not stored or not secrets.compare_digest(stored, claim.nonce):
        raise LinkRefused("used", request.id)
    return request


def request_verify(*, token: object) -> PrivacyRequest:
    """Confirm a request by its emailed link (once). Refusals raise ``LinkRefused``."""
    with transaction.atomic():
        request = _claimed(token, LinkPurpose.VERIFY, "link_nonce")
        if request.status != Status.UNVERIFIED:
            raise LinkRefused("used", request.id)
        request.link_nonce = ""
        request.verified_at = timezone.now()
        request.status = Status.AGENT_REVIEW if request.by_agent else Status.OPEN
        request.save(update_fields=["link_nonce", "verified_at", "status", "updated_at"])
        audit_record(actor=None, action=DsrAudit.REQUEST_VERIFIED, subject=request)
        if not request.by_agent:
            _tell_received(request)
    return request


def request_get_for_officer(*, actor: Person, request_id: uuid.UUID) -> PrivacyRequest:
    officer_require(actor)
    return PrivacyRequest.objects.select_for_update().get(pk=request_id)


def agent_decide(*, request: PrivacyRequest, approve: bool, note: str, actor: User) -> None:
    """The officer's decision on an agent's signed permission; nothing is done before it."""
    with transaction.atomic():
        locked = request_get_for_officer(actor=actor, request_id=request.id)
        if locked.status != Status.AGENT_REVIEW:
            raise RequestRefused("This request is not waiting for a permission check.")
        locked.handler = actor
        if approve:
            locked.status = Status.OPEN
            locked.save(update_fields=["status", "handler", "updated_at"])
            audit_record(actor=actor, action=DsrAudit.AGENT_APPROVED, subject=locked)
            _tell_received(locked)
            return
        answer = note.strip() or "The permission sent does not let us act for this person."
        _close(locked, outcome=Outcome.REFUSED, answer=answer, actor=actor)
        audit_record(actor=actor, action=DsrAudit.AGENT_REFUSED, subject=locked)
        _tell(locked, title=f"Your privacy request {locked.reference}", paragraphs=[answer])


def request_acknowledge(*, request: PrivacyRequest, actor: User) -> None:
    with transaction.atomic():
        locked = request_get_for_officer(actor=actor, request_id=request.id)
        if locked.status not in OPEN_STATUSES or locked.acknowledged_at is not None:
            raise RequestRefused("This request is already acknowledged or closed.")
        locked.acknowledged_at = timezone.now()
        locked.handler = actor
        locked.save(update_fields=["acknowledged_at", "handler", "updated_at"])
        audit_record(actor=actor, action=DsrAudit.ACKNOWLEDGED, subject=locked)
        _tell(
            locked,
            title=f"We are working on your privacy request {locked.reference}",
            paragraphs=[f"We will answer by {_day(locked.answer_due)}."],
        )


def request_extend(*, request: PrivacyRequest, reason: str, actor: User) -> None:
    """The one extension of the answer deadline, with a notice saying why and the new date."""
    with transaction.atomic():
        locked = request_get_for_officer(actor=actor, request_id=request.id)
        if locked.status != Status.OPEN:
            raise RequestRefused("Only an open request can be extended.")
        if locked.extended_at is not None:
            raise RequestRefused("This request was already extended once.")
        if not reason.strip():
            raise RequestRefused("Say why more time is needed; the person is told.")
        locked.extended_at = timezone.now()
        locked.extension_reason = reason.strip()
        locked.answer_reminded_at = None
        locked.handler = actor
        locked.save(
            update_fields=[
                "extended_at",
                "extension_reason",
                "answer_reminded_at",
                "handler",
                "updated_at",
            ]
        )
        audit_record(actor=actor, action=DsrAudit.EXTENDED, subject=locked)
        _tell(
            locked,
            title=f"More time for your privacy request {locked.reference}",
            paragraphs=[
                f"We need more time: {locked.extension_reason}",
                f"We will answer by {_day(locked.answer_due)}.",
            ],
        )


def _close(locked: PrivacyRequest, *, outcome: str, answer: str, actor: User) -> None:
    now = timezone.now()
    locked.status = Status.CLOSED
    locked.closed_at = now
    locked.acknowledged_at = locked.acknowledged_at or now
    locked.outcome = outcome
    locked.answer = answer
    locked.handler = actor
    locked.save()


def request_answer(
    *, request: PrivacyRequest, outcome: str, answer: str, actor: User, tell: bool = True
) -> PrivacyRequest:
    """Close the request with its answer. An access request done as asked gets a single-use
    download link; a deletion done as asked erases across every app first and records what
    each part erased."""
    if outcome not in Outcome.values:
        raise RequestRefused("Choose how the request ended.")
    with transaction.atomic():
        locked = request_get_for_officer(actor=actor, request_id=request.id)
        if locked.status != Status.OPEN:
            raise RequestRefused("Only an open, confirmed request can be answered.")
        action: dict[str, str] = {}
        if outcome == Outcome.DONE and locked.kind == Kind.DELETION:
            locked.erased = request_erase(request=locked, actor=actor)
            audit_record(
                actor=actor, action=DsrAudit.DATA_ERASED, subject=locked, detail=locked.erased
            )
        if outcome == Outcome.DONE and locked.kind in WITHDRAWN_BY_KIND:
            withdrawn = request_choices_apply(request=locked, actor=actor)
            audit_record(
                actor=actor,
                action=DsrAudit.CHOICES_WITHDRAWN,
                subject=locked,
                detail={"topics": withdrawn},
            )
        if outcome == Outcome.DONE and locked.kind == Kind.ACCESS:
            locked.download_nonce = nonce_new()
            action = {
                "action_url": link_url(
                    request_id=locked.id,
                    nonce=locked.download_nonce,
                    purpose=LinkPurpose.DOWNLOAD,
                ),
                "action_label": "Download your data (the link works once)",
            }
        _close(locked, outcome=outcome, answer=answer.strip(), actor=actor)
        audit_record(
            actor=actor,
            action=DsrAudit.REFUSED if outcome == Outcome.REFUSED else DsrAudit.FULFILLED,
            subject=locked,
            detail={"outcome": outcome},
        )
        if tell:
            paragraphs = [f"Your request ({locked.get_kind_display().lower()}) is answered."]
            if locked.answer:
                paragraphs.append(locked.answer)
            if outcome == Outcome.REFUSED:
                paragraphs.append(
                    "You may appeal this decision: file a new request of the kind "
                    f'"appeal" quoting {locked.reference} at '
                    f"{site_reverse('dsr:new')}."
                )
            _tell(
                locked,
                title=f"Answer to your privacy request {locked.reference}",
                paragraphs=paragraphs,
                **action,
            )
    return locked


def result_download(*, token: object, viewer: Person, password_sign_in: bool) -> dict[str, object]:
    """The copy of the data, once, through the emailed link; refusals raise ``LinkRefused``.

    An account's copy holds telephone-customer data (CPNI): it is given only to that account
    signed in with its password (47 CFR 64.2010, P30), never on the link alone; the link stays
    unused until then."""
    with transaction.atomic():
        request = _claimed(token, LinkPurpose.DOWNLOAD, "download_nonce")
        if request.account_id is not None and not (
            viewer.is_authenticated and viewer.pk == request.account_id and password_sign_in
        ):
            raise LinkRefused("sign_in_required", request.id)
        data = request_export(request=request)
        request.download_nonce = ""
        request.downloaded_at = timezone.now()
        request.save(update_fields=["download_nonce", "downloaded_at", "updated_at"])
        audit_record(actor=None, action=DsrAudit.RESULT_DOWNLOADED, subject=request)
    return data
