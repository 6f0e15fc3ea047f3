"""HR's writes on applications: stage, notes and ratings, emails through the outbox, bulk
rejection, and the audit record of every résumé download (P23)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from azultel.careers.audit import CareersAudit
from azultel.careers.models import (
    ENDED_STAGES,
    HR_STAGES,
    Application,
    ApplicationNote,
    Stage,
)
from azultel.comms.services import message_send
from azultel.core.actors import Actor
from azultel.core.audit import audit_record


class ApplicationChangeRefused(ValueError):
    """HR cannot make this change (the applicant withdrew, or the record was reduced)."""


@dataclass(frozen=True)
class EmailTemplate:
    key: str
    title: str
    template: str


# The emails HR can send; each is comms/email/<template>.subject.txt and .txt in this app.
EMAIL_TEMPLATES: tuple[EmailTemplate, ...] = (
    EmailTemplate("interview", "Invitation to interview", "careers_interview_invitation"),
    EmailTemplate("more_info", "Request for more information", "careers_more_information"),
    EmailTemplate("update", "Update on the application", "careers_update"),
)
EMAIL_TEMPLATE_BY_KEY = {t.key: t for t in EMAIL_TEMPLATES}
PERSONAL_MESSAGE_MAX = 4000


def _changeable(application: Application) -> None:
    if application.stage == Stage.WITHDRAWN:
        raise ApplicationChangeRefused("The applicant withdrew this application.")
    if application.reduced:
        raise ApplicationChangeRefused("This application is closed and kept only as a record.")


def application_stage_move(*, application: Application, stage: str, actor: Actor) -> Application:
    if stage not in HR_STAGES:
        raise ApplicationChangeRefused("Choose one of the hiring stages.")
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        _changeable(locked)
        if locked.stage == stage:
            return locked
        previous = locked.stage
        locked.stage = stage
        locked.stage_changed_at = timezone.now()
        locked.save(update_fields=["stage", "stage_changed_at", "updated_at"])
        audit_record(
            actor=actor,
            action=CareersAudit.APPLICATION_STAGE,
            subject=locked,
            detail={"from": previous, "to": stage},
        )
    return locked


def application_note_add(
    *, application: Application, body: str, rating: int | None, actor: Actor
) -> ApplicationNote:
    if not body.strip() and rating is None:
        raise ApplicationChangeRefused("Write a note or choose a rating.")
    if rating is not None and not 1 <= rating <= 5:
        raise ApplicationChangeRefused("A rating is from 1 to 5.")
    with transaction.atomic():
        _changeable(application)
        note = ApplicationNote.objects.create(
            application=application,
            author_id=getattr(actor, "pk", None),
            body=body.strip(),
            rating=rating,
        )
        audit_record(actor=actor, action=CareersAudit.APPLICATION_NOTE, subject=application)
    return note


def application_email_send(
    *, application: Application, template_key: str, personal_message: str, actor: Actor
) -> None:
    """Email the applicant from one of ``EMAIL_TEMPLATES`` through the outbox (a reply about
    their own application: it goes whatever their marketing choices)."""
    chosen = EMAIL_TEMPLATE_BY_KEY.get(template_key)
    if chosen is None:
        raise ApplicationChangeRefused("Choose which email to send.")
    if len(personal_message) > PERSONAL_MESSAGE_MAX:
        raise ApplicationChangeRefused(f"Keep the message under {PERSONAL_MESSAGE_MAX} characters.")
    with transaction.atomic():
        _changeable(application)
        message_send(
            category="reply",
            to=application.email,
            template=chosen.template,
            context=_email_context(application, personal_message),
            actor=actor,
        )
        audit_record(
            actor=actor,
            action=CareersAudit.APPLICATION_EMAILED,
            subject=application,
            detail={"template": chosen.key},
        )


def _email_context(application: Application, personal_message: str) -> dict[str, object]:
    return {
        "name": application.name,
        "job_title": application.listing.title if application.listing else "",
        "personal_message": personal_message.strip(),
    }


def applications_bulk_reject(
    *, applications: Iterable[Application], personal_message: str, actor: Actor
) -> int:
    """Move each open application to "not selected" and send each applicant a kind email.

    Applications already ended (hired, not selected, withdrawn) are left as they are.
    """
    if len(personal_message) > PERSONAL_MESSAGE_MAX:
        raise ApplicationChangeRefused(f"Keep the message under {PERSONAL_MESSAGE_MAX} characters.")
    rejected = 0
    now = timezone.now()
    with transaction.atomic():
        ids = [a.pk for a in applications]
        for locked in (
            Application.objects.select_for_update(of=("self",))
            .select_related("listing")
            .filter(pk__in=ids, reduced=False)
            .exclude(stage__in=ENDED_STAGES)
            .order_by("pk")
        ):
            previous = locked.stage
            locked.stage = Stage.REJECTED
            locked.stage_changed_at = now
            locked.save(update_fields=["stage", "stage_changed_at", "updated_at"])
            message_send(
                category="reply",
                to=locked.email,
                template="careers_not_selected",
                context=_email_context(locked, personal_message),
                dedupe_key=f"careers-rejected:{locked.pk}",
                actor=actor,
            )
            audit_record(
                actor=actor,
                action=CareersAudit.APPLICATION_STAGE,
                subject=locked,
                detail={"from": previous, "to": Stage.REJECTED, "bulk": True},
            )
            rejected += 1
    return rejected


def resume_download_record(*, application: Application, actor: Actor) -> None:
    """Log who read the résumé and why, like a reveal of a sensitive field (P23)."""
    audit_record(
        actor=actor,
        action=CareersAudit.RESUME_DOWNLOADED,
        subject=application,
        detail={"purpose": "recruiting"},
    )


def applications_search_record(*, words: int, actor: Actor) -> None:
    """Log that HR searched names, emails and résumés (the words themselves are not kept)."""
    audit_record(actor=actor, action=CareersAudit.RESUME_SEARCHED, detail={"words": words})


def application_view_record(*, application: Application, actor: Actor) -> None:
    audit_record(actor=actor, action=CareersAudit.APPLICATION_VIEWED, subject=application)
