"""The annual CPNI compliance certificate and its accompanying statement (47 CFR 64.2009(e)),
computed from the system's own records, and the staff's CPNI training acknowledgements.

Nothing in the statement is typed in: the counts come from marketing's CPNI campaign records,
the privacy contact threads, the breach records and the acknowledgements, so a new record changes
the certificate. The officer signs once a year (a unique constraint on the year)."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from azultel.compliance import selectors
from azultel.compliance.audit import ComplianceAudit
from azultel.compliance.models import CpniCertification, TrainingAcknowledgement
from azultel.compliance.services.refusals import refused
from azultel.core.actors import Person, actor_user_id
from azultel.core.audit import audit_record

#: How approval for CPNI use is obtained and checked, described from the code (not a policy text).
APPROVAL_MECHANISMS: tuple[str, ...] = (
    "Approval is recorded in the consent ledger under the topic 'Use of my telephone service "
    "information (CPNI) for offers'. Customers give or withdraw it in their privacy centre; every "
    "change is an append-only consent event kept at least one year after it changes.",
    "A segment that uses telephone-service information is marked as a CPNI segment. Its campaign "
    "can be sent only after a marketing supervisor other than its author approves it, and that "
    "approval is kept as a CPNI campaign record for at least one year.",
    "Each email of a CPNI campaign is queued only for people whose CPNI approval is on, and is "
    "checked again at the moment of delivery: a withdrawal made after queueing stops it.",
    "Call detail and other telephone-service information are shown online only after a password "
    "sign-in, never after answering biographical questions, and changes to the password, the "
    "address of record or the account email are told to the customer at once.",
    "Call detail is given to anyone outside the company only through a disclosure request that "
    "one privacy officer records and a second approves; each hand-over is written to a "
    "tamper-evident disclosure log. There is no unauthenticated way to obtain it.",
    "Staff acknowledge the CPNI training every year; the certificate lists who has not.",
)


@dataclass(frozen=True)
class BreachLine:
    determined_on: date
    customers_affected: int
    law_enforcement_told: date | None
    customers_told: date | None


@dataclass(frozen=True)
class CertificateFacts:
    year: int
    cpni_campaigns: int
    supervisor_approvals: int
    complaints: int
    breaches: list[BreachLine]
    staff_total: int
    training_acknowledged: int
    training_missing: list[str] = field(default_factory=list)
    disclosure_requests: int = 0


def certificate_facts(*, year: int) -> CertificateFacts:
    """Everything the certificate states about ``year``, read from the records now."""
    staff = selectors.staff_members()
    acknowledged = selectors.training_acknowledged_ids(year=year)
    return CertificateFacts(
        year=year,
        cpni_campaigns=selectors.cpni_campaigns_count(year=year),
        supervisor_approvals=selectors.cpni_approvals_count(year=year),
        complaints=selectors.cpni_complaints_count(year=year),
        breaches=[
            BreachLine(
                b.determined_on,
                b.customers_affected,
                timezone.localdate(b.law_enforcement_notified_at)
                if b.law_enforcement_notified_at
                else None,
                timezone.localdate(b.customers_notified_at) if b.customers_notified_at else None,
            )
            for b in selectors.breaches_in_year(year=year)
        ],
        staff_total=len(staff),
        training_acknowledged=sum(1 for s in staff if s.pk in acknowledged),
        training_missing=[
            f"{s.get_full_name()} ({s.email})" for s in staff if s.pk not in acknowledged
        ],
        disclosure_requests=selectors.disclosure_requests_count(year=year),
    )


def _date(day: date | None) -> str:
    return f"{day:%B %-d, %Y}" if day else "not yet"


def certificate_text(
    facts: CertificateFacts, *, signer: tuple[str, str, date] | None = None
) -> str:
    """The certificate and the accompanying statement as plain text (the page, the download)."""
    name, title, signed_on = signer or ("(not signed yet)", "", None)
    lines = [
        f"Annual 47 C.F.R. 64.2009(e) CPNI certification for {facts.year}",
        "",
        "Company: Azultel",
        f"Signed by: {name}{', ' + title if title else ''}",
        f"Date signed: {_date(signed_on)}",
        "",
        "I certify that I am an officer of the company and that I have personal knowledge that "
        "the company has established operating procedures that are adequate to ensure "
        "compliance with the Commission's CPNI rules (47 C.F.R. 64.2001 et seq.).",
        "",
        "Accompanying statement: how the company's procedures ensure compliance",
        "",
        *[f"- {text}" for text in APPROVAL_MECHANISMS],
        "",
        f"Records for {facts.year}",
        "",
        f"- Campaigns that used CPNI: {facts.cpni_campaigns}",
        f"- Supervisory approvals of CPNI campaigns recorded: {facts.supervisor_approvals}",
        f"- Complaints received about the unauthorised release of CPNI (privacy messages): "
        f"{facts.complaints}",
        f"- Disclosure requests received (legal process, emergencies, customer authorisations): "
        f"{facts.disclosure_requests}",
        f"- CPNI breaches: {len(facts.breaches)}",
        *[
            f"  - determined {_date(b.determined_on)}, {b.customers_affected} customers, "
            f"law enforcement told {_date(b.law_enforcement_told)}, customers told "
            f"{_date(b.customers_told)}"
            for b in facts.breaches
        ],
        f"- Staff who acknowledged the CPNI training: {facts.training_acknowledged} of "
        f"{facts.staff_total}",
        *(
            [f"- Not acknowledged yet: {', '.join(facts.training_missing)}"]
            if facts.training_missing
            else []
        ),
        "",
        "Actions taken against data brokers and what the company learned about pretexters are "
        "not recorded in this system: the officer adds them (or states that there were none) "
        "before filing.",
    ]
    return "\n".join(lines) + "\n"


def certificate_pdf(text: str) -> bytes:
    """The certificate as a PDF (ReportLab), one paragraph a line."""
    # ReportLab is heavy and only this download needs it: imported when a PDF is made.
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import LETTER
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    buffer = io.BytesIO()
    styles = getSampleStyleSheet()
    story: list[object] = []
    for index, line in enumerate(text.splitlines()):
        if not line.strip():
            story.append(Spacer(1, 6))
            continue
        style = styles["Title"] if index == 0 else styles["BodyText"]
        story.append(Paragraph(escape(line), style))
    SimpleDocTemplate(buffer, pagesize=LETTER, title="CPNI certification").build(story)  # type: ignore[arg-type]
    return buffer.getvalue()


def certification_sign(
    *, actor: Person, year: int, signer_name: str, signer_title: str
) -> CpniCertification:
    """The officer signs the certificate for ``year`` (a past year, once)."""
    what = "sign the CPNI certificate"
    reason = ""
    if not actor.has_perm("compliance.sign_cpni_certification"):
        reason = "Only a privacy officer signs the certificate."
    elif year >= timezone.localdate().year or year < 2000:
        reason = "Certify a calendar year that has ended."
    elif not signer_name.strip() or not signer_title.strip():
        reason = "Give the signing officer's name and title."
    elif CpniCertification.objects.filter(year=year).exists():
        reason = f"The certificate for {year} is already signed."
    if reason:
        raise refused(actor=actor, what=what, reason=reason)
    today = timezone.localdate()
    text = certificate_text(
        certificate_facts(year=year), signer=(signer_name.strip(), signer_title.strip(), today)
    )
    try:
        with transaction.atomic():
            certificate = CpniCertification.objects.create(
                year=year,
                signer_id=actor_user_id(actor),
                signer_name=signer_name.strip()[:200],
                signer_title=signer_title.strip()[:200],
                signed_on=today,
                statement=text,
            )
            audit_record(
                actor=actor, action=ComplianceAudit.CERTIFICATION_SIGNED, subject=certificate
            )
    except IntegrityError as exc:
        raise refused(
            actor=actor, what=what, reason=f"The certificate for {year} is already signed."
        ) from exc
    return certificate


def training_acknowledge(*, actor: Person) -> TrainingAcknowledgement:
    """The signed-in staff member acknowledges this year's CPNI training (once a year)."""
    if not actor.has_perm("compliance.acknowledge_cpni_training"):
        raise refused(
            actor=actor, what="acknowledge the CPNI training", reason="Only staff acknowledge it."
        )
    year = timezone.localdate().year
    with transaction.atomic():
        ack, created = TrainingAcknowledgement.objects.get_or_create(
            year=year, staff_id=actor_user_id(actor)
        )
        if created:
            audit_record(actor=actor, action=ComplianceAudit.TRAINING_ACKNOWLEDGED, subject=ack)
    return ack
