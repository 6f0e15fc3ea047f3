"""Registering, cancelling by private link, waitlist promotion, check-in and reminders.

Places are counted under a lock on the event row (``select_for_update``, always the event first,
then its registrations), so two people taking the last place cannot both get it. Emails are
outbox rows written in the same transaction; comms delivers them after commit.
"""

from __future__ import annotations

import hashlib
import hmac
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from azultel.comms.models import MessageCategory
from azultel.comms.services import Attachment, message_send
from azultel.core.actors import Actor, system_actor
from azultel.core.audit import audit_record
from azultel.core.links import site_reverse
from azultel.events.audit import EventsAudit
from azultel.events.ics import event_ics
from azultel.events.models import Event, EventKind, Registration, RegistrationStatus
from azultel.privacy.models import ConsentSource, ConsentTopic
from azultel.privacy.services import consent_record, subject_for_email

NAME_MAX = 120
ORGANISATION_MAX = 150
ANSWER_MAX = 500
_CANCEL_SALT = "azultel.events.cancel"


class RegistrationRefused(ValueError):
    """A registration or cancellation that cannot be made; the message is for the person."""


@dataclass(frozen=True)
class Registered:
    registration: Registration
    cancel_token: str


def notice_token(event: Event) -> str:
    """A fingerprint of the co-sponsor notice as the form shows it (P15).

    The form carries it; a submission whose notice differs from the event's current one (not
    shown, or changed since) is refused, so nobody registers without having seen what the
    co-sponsor receives."""
    shown = f"{event.pk}|{event.cosponsor_name}|{','.join(event.cosponsor_fields)}"
    key = hashlib.sha256(f"events-notice:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, shown.encode(), hashlib.sha256).hexdigest()[:32]


def cancel_token_for(registration: Registration) -> str:
    return signing.dumps(str(registration.pk), salt=_CANCEL_SALT)


def cancel_token_read(token: str) -> str | None:
    """The registration id a cancel link names, or None for a link that is not ours."""
    try:
        value = signing.loads(token, salt=_CANCEL_SALT)
    except signing.BadSignature:
        return None
    return value if isinstance(value, str) else None


def plain_line(value: str, *, field: str, limit: int, required: bool = True) -> str:
    """One line of plain text: no line breaks or control characters (no header injection)."""
    value = (value or "").strip()
    if required and not value:
        raise RegistrationRefused(f"Enter {field}.")
    if len(value) > limit:
        raise RegistrationRefused(f"{field.capitalize()} must be {limit} characters or fewer.")
    if any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise RegistrationRefused(f"{field.capitalize()} must be one line of plain text.")
    return value


def _answers_clean(event: Event, answers: dict[str, str]) -> dict[str, str]:
    cleaned: dict[str, str] = {}
    for question in event.questions:
        answer = (answers.get(question) or "").strip()
        if len(answer) > ANSWER_MAX:
            raise RegistrationRefused(f"Each answer must be {ANSWER_MAX} characters or fewer.")
        if answer:
            cleaned[question] = answer
    return cleaned


def _where(event: Event) -> str:
    if event.kind == EventKind.ONLINE:
        return f"Online: {event.online_url}"
    return ", ".join(p for p in (event.venue_name, event.address) if p)


def _email(
    registration: Registration, *, template: str, with_calendar: bool, cancelled: bool = False
) -> None:
    event = registration.event
    attachments = []
    if with_calendar:
        ics = event_ics(
            event=event, registration=registration, now=timezone.now(), cancelled=cancelled
        )
        attachments.append(Attachment("event.ics", "text/calendar", ics))
    message_send(
        category=MessageCategory.CONFIRMATION,
        to=registration.email,
        template=template,
        context={
            "name": registration.name,
            "title": event.title,
            "starts_at": event.starts_at,
            "ends_at": event.ends_at,
            "where": _where(event),
            "cosponsor": event.cosponsor_name,
            "cancel_url": site_reverse(
                "events:cancel", kwargs={"token": cancel_token_for(registration)}
            ),
            "event_url": site_reverse("events:detail", kwargs={"slug": event.slug}),
        },
        subject=registration.subject,
        attachments=attachments,
    )


def registration_submit(
    *,
    event_id: int,
    name: str,
    email: str,
    organisation: str,
    answers: dict[str, str],
    shown_notice: str,
    azultel_consent: bool,
    cosponsor_consent: bool,
    actor: Actor,
) -> Registered:
    """Register one person: a place if one is free, else the waiting list (if the event has one).

    Refuses, having written nothing: a closed or unknown event, a form that did not show the
    event's current co-sponsor notice (P15), bad text, an address already registered, a full
    event without a waiting list. The two consents are optional and separate; each "yes" is
    recorded in the consent ledger (B4), and only a "yes" to the co-sponsor lets the co-sponsor
    receive the details the form named.
    """
    name = plain_line(name, field="your name", limit=NAME_MAX)
    organisation = plain_line(
        organisation, field="your organisation", limit=ORGANISATION_MAX, required=False
    )
    email = plain_line(email, field="your email address", limit=254).lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise RegistrationRefused(
            "Enter an email address in the right format, like name@example.com."
        ) from exc
    now = timezone.now()
    try:
        with transaction.atomic():
            event = Event.objects.select_for_update().filter(pk=event_id, published=True).first()
            if event is None:
                raise RegistrationRefused("This event is not open for registration.")
            if now >= event.registration_closes_at or now >= event.starts_at:
                raise RegistrationRefused("Registration for this event has closed.")
            if not hmac.compare_digest(shown_notice or "", notice_token(event)):
                raise RegistrationRefused(
                    "The details of this event changed while you were filling in the form. "
                    "Please read the form again and send it."
                )
            if cosponsor_consent and not event.is_cosponsored:
                raise RegistrationRefused("This event has no co-sponsor.")
            cleaned_answers = _answers_clean(event, answers)
            active = event.registrations.filter(
                status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED]
            )
            if active.filter(email=email).exists():
                raise RegistrationRefused(
                    "This email address is already registered for this event. Your "
                    "confirmation email has a link to cancel."
                )
            taken = active.filter(status=RegistrationStatus.CONFIRMED).count()
            if taken < event.capacity:
                status = RegistrationStatus.CONFIRMED
            elif event.waitlist_enabled:
                status = RegistrationStatus.WAITLISTED
            else:
                raise RegistrationRefused("This event is full.")
            subject = subject_for_email(email=email)
            registration = Registration.objects.create(
                event=event,
                subject=subject,
                name=name,
                email=email,
                organisation=organisation,
                answers=cleaned_answers,
                status=status,
                notice_cosponsor=event.cosponsor_name,
                notice_fields=list(event.cosponsor_fields) if event.is_cosponsored else [],
                cosponsor_consent=bool(cosponsor_consent),
                azultel_consent=bool(azultel_consent),
            )
            if azultel_consent:
                consent_record(
                    subject=subject,
                    topic=ConsentTopic.PRODUCT_INFO,
                    granted=True,
                    source=ConsentSource.REGISTRATION,
                    actor=actor,
                )
            if cosponsor_consent:
                consent_record(
                    subject=subject,
                    topic=ConsentTopic.DATA_SHARING,
                    granted=True,
                    source=ConsentSource.REGISTRATION,
                    actor=actor,
                )
            audit_record(
                actor=actor,
                action=EventsAudit.REGISTERED,
                subject=registration,
                detail={"event": event.pk, "status": status},
            )
            confirmed = status == RegistrationStatus.CONFIRMED
            _email(
                registration,
                template="events_confirmed" if confirmed else "events_waitlisted",
                with_calendar=confirmed,
            )
    except IntegrityError as exc:
        # The same address registered at the same moment in another request.
        raise RegistrationRefused(
            "This email address is already registered for this event."
        ) from exc
    return Registered(registration, cancel_token_for(registration))


def _promote_next(event: Event, *, now: datetime, actor: Actor) -> Registration | None:
    """Give a free place to the first person on the waiting list (caller holds the event lock)."""
    taken = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    if taken >= event.capacity:
        return None
    first = (
        Registration.objects.select_for_update()
        .filter(event=event, status=RegistrationStatus.WAITLISTED)
        .order_by("created_at", "id")
        .first()
    )
    if first is None:
        return None
    first.status = RegistrationStatus.CONFIRMED
    first.promoted_at = now
    first.save(update_fields=["status", "promoted_at", "updated_at"])
    audit_record(
        actor=actor, action=EventsAudit.PROMOTED, subject=first, detail={"event": event.pk}
    )
    _email(first, template="events_promoted", with_calendar=True)
    return first


def registration_cancel(*, registration_id: str, actor: Actor) -> Registration:
    """Cancel a registration (the private link); a freed place goes to the first person waiting,
    in the same transaction, and both emails go after commit. Cancelling twice changes nothing."""
    now = timezone.now()
    with transaction.atomic():
        event_id = (
            Registration.objects.filter(pk=registration_id)
            .values_list("event_id", flat=True)
            .first()
        )
        if event_id is None:
            raise RegistrationRefused("This registration no longer exists.")
        event = Event.objects.select_for_update().get(pk=event_id)
        registration = Registration.objects.select_for_update().get(pk=registration_id)
        if registration.status == RegistrationStatus.CANCELLED:
            return registration
        was_confirmed = registration.status == RegistrationStatus.CONFIRMED
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at", "updated_at"])
        audit_record(
            actor=actor,
            action=EventsAudit.CANCELLED,
            subject=registration,
            detail={"event": event.pk},
        )
        _email(
            registration, template="events_cancelled", with_calendar=was_confirmed, cancelled=True
        )
        if was_confirmed and event.starts_at > now:
            _promote_next(event, now=now, actor=system_actor("events-waitlist"))
    return registration


def registration_check_in(*, event: Event, registration_id: str, actor: Actor) -> Registration:
    """Mark a confirmed registration of ``event`` as arrived (once; again is a no-op)."""
    try:
        uuid.UUID(str(registration_id))
    except ValueError as exc:
        raise RegistrationRefused("No confirmed registration for this event has that id.") from exc
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update()
            .filter(pk=registration_id, event=event, status=RegistrationStatus.CONFIRMED)
            .first()
        )
        if registration is None:
            raise RegistrationRefused("No confirmed registration for this event has that id.")
        if registration.checked_in_at is None:
            registration.checked_in_at = timezone.now()
            registration.save(update_fields=["checked_in_at", "updated_at"])
            audit_record(
                actor=actor,
                action=EventsAudit.CHECKED_IN,
                subject=registration,
                detail={"event": event.pk},
            )
    return registration


def reminders_send(*, now: datetime | None = None) -> int:
    """Queue the reminder (with the calendar file) for confirmed people of events starting within
    EVENTS_REMINDER_HOURS_BEFORE; each person gets one."""
    now = now or timezone.now()
    horizon = now + timedelta(hours=int(settings.EVENTS_REMINDER_HOURS_BEFORE))
    due = Registration.objects.filter(
        status=RegistrationStatus.CONFIRMED,
        reminder_sent_at__isnull=True,
        event__starts_at__gt=now,
        event__starts_at__lte=horizon,
    ).values_list("pk", flat=True)
    sent = 0
    for registration_id in list(due[:1000]):
        with transaction.atomic():
            registration = (
                Registration.objects.select_for_update()
                .select_related("event")
                .filter(
                    pk=registration_id,
                    status=RegistrationStatus.CONFIRMED,
                    reminder_sent_at__isnull=True,
                )
                .first()
            )
            if registration is None:
                continue
            registration.reminder_sent_at = now
            registration.save(update_fields=["reminder_sent_at", "updated_at"])
            _email(registration, template="events_reminder", with_calendar=True)
            audit_record(
                actor=system_actor("events-reminders"),
                action=EventsAudit.REMINDER_QUEUED,
                subject=registration,
            )
            sent += 1
    return sent
