"""The applicant's side: applying, withdrawing, downloading what is held and deletion (B2)."""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from kombu.exceptions import OperationalError as BrokerUnavailable

from azultel.careers.audit import CareersAudit
from azultel.careers.models import (
    Application,
    EqualOpportunityAnswer,
    JobListing,
    Stage,
    TextExtraction,
)
from azultel.comms.services import message_send
from azultel.core.actors import Actor
from azultel.core.audit import audit_record
from azultel.core.links import site_reverse
from azultel.core.stored_files import stored_file_delete, stored_file_save
from azultel.core.upload_checks import CheckedUpload

logger = logging.getLogger(__name__)

EEO_FIELDS = ("gender", "ethnicity", "veteran", "disability")


def status_token_hash(token: str) -> str:
    """The keyed hash stored for a private status link's secret (the secret is never stored)."""
    return salted_hmac("azultel.careers.status-token", token).hexdigest()


def submission_key_hash(key: str) -> str:
    return salted_hmac("azultel.careers.submission-key", key).hexdigest()


def submission_key_new() -> str:
    """A one-time key for one application form; submitting it twice makes one application."""
    return secrets.token_urlsafe(24)


@dataclass(frozen=True)
class Submitted:
    application: Application
    # None when the same form was submitted again: the first submission's email has the link.
    status_token: str | None

    @property
    def duplicate(self) -> bool:
        return self.status_token is None


def application_submit(
    *,
    listing: JobListing | None,
    name: str,
    email: str,
    phone: str,
    cover_letter: str,
    answers: list[dict[str, str]],
    resume: CheckedUpload,
    equal_opportunity: dict[str, str] | None,
    submission_key: str,
    actor: Actor,
) -> Submitted:
    """Keep an application and its résumé, acknowledge it by email with the private status link.

    The same ``submission_key`` again returns the first application and writes nothing. The
    equal-opportunity answers are stored apart, linked only to the listing and the day.
    """
    key_hash = submission_key_hash(submission_key)
    existing = Application.objects.filter(submission_key_hash=key_hash).first()
    if existing is not None:
        return Submitted(existing, None)
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    try:
        with transaction.atomic():
            stored = stored_file_save(upload=resume, actor=actor)
            application = Application.objects.create(
                listing=listing,
                name=name,
                email=email,
                phone=phone,
                cover_letter=cover_letter,
                answers=answers,
                resume=stored,
                text_extraction=TextExtraction.PENDING,
                stage=Stage.NEW,
                stage_changed_at=now,
                status_token_hash=status_token_hash(token),
                submission_key_hash=key_hash,
            )
            eeo = {k: v for k, v in (equal_opportunity or {}).items() if k in EEO_FIELDS}
            if any(value and value != "declined" for value in eeo.values()):
                EqualOpportunityAnswer.objects.create(
                    listing=listing,
                    submitted_on=timezone.localdate(now),
                    **{k: v for k, v in eeo.items() if v},
                )
            audit_record(
                actor=actor,
                action=CareersAudit.APPLICATION_SUBMITTED,
                subject=application,
                detail={"listing": listing.pk if listing else None},
            )
            message_send(
                category="confirmation",
                to=email,
                template="careers_application_received",
                context={
                    "name": name,
                    "job_title": listing.title if listing else "",
                    "status_url": site_reverse("careers:status", kwargs={"token": token}),
                    "retention_months": _retention_months(),
                },
                dedupe_key=f"careers-ack:{application.pk}",
                sensitive=True,  # the status link is a secret: staff pages never show it
                actor=actor,
            )
            transaction.on_commit(lambda: _extract_later(application.pk))
    except IntegrityError:
        # The same form submitted twice at once: the other request's application stands.
        existing = Application.objects.filter(submission_key_hash=key_hash).first()
        if existing is None:
            raise
        return Submitted(existing, None)
    return Submitted(application, token)


def _retention_months() -> int:
    return int(settings.CAREERS_RETENTION_MONTHS)


def _extract_later(application_id: object) -> None:
    # careers.tasks imports these services (a cycle): imported when it is needed.
    from azultel.careers import tasks

    try:
        tasks.resume_text_extract.delay(str(application_id))
    except (BrokerUnavailable, ConnectionError, OSError):
        # A broker outage must not fail the applicant's request.
        logger.warning(
            "Résumé text extraction for %s not queued; HR can still read the file.",
            application_id,
        )


def _resume_drop(application: Application, *, actor: Actor | None) -> None:
    """Delete the résumé file and its text from ``application`` (in the caller's transaction)."""
    stored = application.resume
    application.resume = None
    application.resume_text = ""
    application.text_extraction = TextExtraction.NONE
    application.save(
        update_fields=["resume", "resume_text", "resume_words", "text_extraction", "updated_at"]
    )
    if stored is not None:
        stored_file_delete(stored_file=stored, actor=actor)


def application_withdraw(*, application: Application, actor: Actor) -> Application:
    """The applicant withdraws: the stage says so and the résumé is deleted at once."""
    with transaction.atomic():
        locked = (
            Application.objects.select_for_update(of=("self",))
            .select_related("resume")
            .get(pk=application.pk)
        )
        if locked.stage == Stage.WITHDRAWN:
            return locked
        locked.stage = Stage.WITHDRAWN
        locked.stage_changed_at = timezone.now()
        locked.save(update_fields=["stage", "stage_changed_at", "updated_at"])
        _resume_drop(locked, actor=actor)
        audit_record(actor=actor, action=CareersAudit.APPLICATION_WITHDRAWN, subject=locked)
    return locked


def application_erase(*, application: Application, actor: Actor | None, reason: str) -> None:
    """Delete the application, its notes and its résumé now (B2 request or retention, B3)."""
    with transaction.atomic():
        locked = (
            Application.objects.select_for_update(of=("self",))
            .select_related("resume")
            .filter(pk=application.pk)
            .first()
        )
        if locked is None:
            return
        stored = locked.resume
        audit_record(
            actor=actor,
            action=CareersAudit.APPLICATION_ERASED,
            subject=locked,
            detail={"reason": reason},
        )
        locked.delete()  # notes go with it
        if stored is not None:
            stored_file_delete(stored_file=stored, actor=actor)


def application_export(*, application: Application, actor: Actor | None) -> dict[str, object]:
    """Everything held about this application, for the applicant (machine-readable, B2)."""
    audit_record(actor=actor, action=CareersAudit.APPLICATION_EXPORTED, subject=application)
    return application_as_data(application)


def application_as_data(application: Application) -> dict[str, object]:
    resume = application.resume
    return {
        "application_id": str(application.pk),
        "job": application.listing.title if application.listing else "General résumé",
        "submitted_at": _iso(application.created_at),
        "name": application.name,
        "email": application.email,
        "phone": application.phone,
        "cover_letter": application.cover_letter,
        "answers": application.answers,
        "stage": Stage(application.stage).label,
        "stage_changed_at": _iso(application.stage_changed_at),
        "resume_file": (
            {"kind": resume.get_kind_display(), "size_bytes": resume.size} if resume else None
        ),
        # Held encrypted and never shown, the words of the résumé file described above.
        "resume_text": (
            "The words of your résumé file, kept encrypted so our recruiters can search them."
            if application.resume_text
            else ""
        ),
        "notes_held_by_hr": [
            {"written_at": _iso(note.created_at), "note": note.body, "rating": note.rating}
            for note in application.notes.all()
        ],
    }


def _iso(moment: datetime) -> str:
    return moment.isoformat()
