"""Writes of the lists app: importing a partner's list, its retention purge, erasure (B2, B3, B4).

``contact_list_import`` reads and checks the whole file before writing anything: one invalid
row refuses the file and nothing is written (no list, no person, no consent entry). A valid
file is imported in one transaction. Each address is checked against the suppression list
(comms) and the consent ledger first: a suppressed address, or a person who withdrew one of the
list's topics with us on or after the evidence date, is granted nothing and the line is recorded
as skipped (without the address). Everyone else gets a ledger grant per evidenced topic, source
``third_party_list``, with the policy version in effect (privacy's ``consent_set_many``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from azultel.comms.selectors import suppressed_among
from azultel.core.actors import Actor, actor_user_id, check_actor, system_actor
from azultel.core.audit import audit_record
from azultel.lists.audit import ListsAudit
from azultel.lists.contact_file import ContactRow, RowProblem, contact_file_read
from azultel.lists.models import ContactList, ListContact, SkippedLine, SkipReason
from azultel.lists.selectors import (
    list_memberships_for_email,
    list_memberships_for_user,
    withdrawals_by_address,
)
from azultel.privacy.models import ConsentSource
from azultel.privacy.services import consent_grant_many, subjects_for_emails


@dataclass(frozen=True)
class SkippedRow:
    line: int
    reason: str  # a SkipReason value

    @property
    def reason_text(self) -> str:
        return str(SkipReason(self.reason).label)


@dataclass(frozen=True)
class ImportResult:
    """What an import did: ``problems`` (nothing written) or the new list and its skipped lines."""

    contact_list: ContactList | None = None
    problems: list[RowProblem] = field(default_factory=list)
    imported: int = 0
    skipped: list[SkippedRow] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.contact_list is not None


def _skip_reason(
    row: ContactRow, withdrawals: dict[str, datetime], suppressed: set[str]
) -> str | None:
    if row.email in suppressed:
        return SkipReason.SUPPRESSED
    for topic in row.topics:
        withdrawn_at = withdrawals.get(topic)
        # The ledger keeps times, the evidence only a day: a withdrawal that day counts as later.
        if withdrawn_at is not None and timezone.localdate(withdrawn_at) >= row.consent_date:
            return SkipReason.WITHDRAWN_LATER
    return None


def contact_list_import(
    *,
    name: str,
    source: str,
    csv_bytes: bytes,
    actor: Actor,
    description: str = "",
    today: date | None = None,
) -> ImportResult:
    """Import a partner's or co-sponsor's CSV list whole, or refuse it whole with every problem.

    Returns the problems (each with its line number) when any row is invalid; then nothing at
    all has been written.
    """
    check_actor(actor)
    reading = contact_file_read(
        csv_bytes,
        max_rows=int(settings.LISTS_IMPORT_MAX_ROWS),
        max_bytes=int(settings.LISTS_IMPORT_MAX_BYTES),
        today=today or timezone.localdate(),
    )
    if reading.problems:
        return ImportResult(problems=reading.problems)

    with transaction.atomic():
        skipped: list[SkippedRow] = []
        to_grant: list[ContactRow] = []
        emails = [row.email for row in reading.rows]
        withdrawals = withdrawals_by_address(emails=emails)
        suppressed = suppressed_among(emails=emails)
        for row in reading.rows:
            reason = _skip_reason(row, withdrawals.get(row.email, {}), suppressed)
            if reason is None:
                to_grant.append(row)
            else:
                skipped.append(SkippedRow(row.line, reason))
        contact_list = ContactList.objects.create(
            name=name,
            source_organisation=source,
            description=description,
            imported_by_id=actor_user_id(actor),
            imported_at=timezone.now(),
            rows_in_file=len(reading.rows),
            rows_imported=len(to_grant),
            rows_skipped=len(skipped),
        )
        # Bulk: a fixed number of queries per 500 rows, whatever the file's length.
        subjects = subjects_for_emails(emails=[row.email for row in to_grant])
        consent_grant_many(
            grants={subjects[row.email].pk: row.topics for row in to_grant},
            source=ConsentSource.THIRD_PARTY_LIST,
            actor=actor,
        )
        contacts = []
        for row in to_grant:
            contacts.append(
                ListContact(
                    contact_list=contact_list,
                    subject=subjects[row.email],
                    given_name=row.given_name,
                    consent_date=row.consent_date,
                    consent_method=row.consent_method,
                    topics=list(row.topics),
                    line_number=row.line,
                )
            )
        ListContact.objects.bulk_create(contacts, batch_size=1000)
        SkippedLine.objects.bulk_create(
            [
                SkippedLine(contact_list=contact_list, line_number=s.line, reason=s.reason)
                for s in skipped
            ],
            batch_size=1000,
        )
        audit_record(
            actor=actor,
            action=ListsAudit.LIST_IMPORTED,
            subject=contact_list,
            detail={
                "rows_in_file": len(reading.rows),
                "imported": len(to_grant),
                "skipped": len(skipped),
            },
        )
    return ImportResult(contact_list=contact_list, imported=len(to_grant), skipped=skipped)


def _months_before(moment: datetime, months: int) -> datetime:
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    day = min(moment.day, 28)
    return moment.replace(year=year, month=month + 1, day=day)


def list_contacts_purge(*, actor: Actor, now: datetime | None = None) -> int:
    """Delete list entries (and skipped-line notes) of lists imported longer ago than
    ``LISTS_CONTACT_RETENTION_MONTHS`` (B3). The list itself stays, with its counts only; the
    consent entries the import made stay in the ledger (kept under its own rule)."""
    check_actor(actor)
    cutoff = _months_before(now or timezone.now(), int(settings.LISTS_CONTACT_RETENTION_MONTHS))
    with transaction.atomic():
        deleted, _ = ListContact.objects.filter(contact_list__imported_at__lt=cutoff).delete()
        SkippedLine.objects.filter(contact_list__imported_at__lt=cutoff).delete()
        if deleted:
            audit_record(
                actor=actor, action=ListsAudit.CONTACTS_PURGED, detail={"deleted": deleted}
            )
    return deleted


def list_memberships_erase(*, user: object, actor: Actor | None = None) -> int:
    """Delete every list entry about an account holder (B2), in the erasure transaction."""
    deleted, _ = ListContact.objects.filter(
        pk__in=list_memberships_for_user(user=user).values("pk")
    ).delete()
    if deleted:
        audit_record(actor=actor, action=ListsAudit.MEMBERSHIPS_ERASED, detail={"deleted": deleted})
    return deleted


def list_memberships_erase_for_email(email: str) -> int:
    """A deletion request by a verified address (issue 19): its list entries go."""
    deleted, _ = ListContact.objects.filter(
        pk__in=list_memberships_for_email(email=email).values("pk")
    ).delete()
    if deleted:
        audit_record(
            actor=system_actor("privacy-request"),
            action=ListsAudit.MEMBERSHIPS_ERASED,
            detail={"deleted": deleted},
        )
    return deleted
