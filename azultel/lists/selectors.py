"""Reads of the lists app: the staff pages, campaign audiences (marketing) and "my data" (B2)."""

from __future__ import annotations

import uuid
from datetime import datetime

from django.db.models import Count, Max, Q, QuerySet

from azultel.lists.models import ContactList, ListContact, SkippedLine
from azultel.privacy.models import ConsentEvent, DataSubject

_CHUNK = 500


def contact_lists_for_campaigns() -> QuerySet[ContactList]:
    """Every list, newest first, each with ``contact_count`` (the people still on it): one query."""
    return (
        ContactList.objects.annotate(contact_count=Count("contacts"))
        .select_related("imported_by")
        .order_by("-imported_at", "-created_at")
    )


def contact_list_get(*, list_id: uuid.UUID | str) -> ContactList | None:
    try:
        wanted = uuid.UUID(str(list_id))
    except ValueError:
        return None
    return contact_lists_for_campaigns().filter(pk=wanted).first()


def list_contacts_for_staff(*, contact_list: ContactList) -> QuerySet[ListContact]:
    """The people on a list in file order, with what a page shows of them (one query a page)."""
    return ListContact.objects.filter(contact_list=contact_list).select_related("subject__user")


def skipped_lines(*, contact_list: ContactList) -> QuerySet[SkippedLine]:
    return SkippedLine.objects.filter(contact_list=contact_list)


def list_contact_address(contact: ListContact) -> str | None:
    """The address to write to: the account's when the person has one, else the list's."""
    subject = contact.subject
    if subject.erased_at is not None:
        return None
    if subject.user_id is not None and subject.user is not None:
        return str(subject.user.email) or None
    return subject.email or None


def contact_list_recipients(
    *, contact_list: ContactList, topic: str | None = None
) -> list[tuple[str, DataSubject, dict[str, object]]]:
    """The list as a campaign audience: (address, data subject, context) in one query.

    With ``topic``, only the people whose evidence covers that consent topic (a list row that
    agreed to newsletters is no audience for a special offer). Context holds only what the data
    map allows for marketing: the given name the list supplied. Erased people are left out.
    The ledger and the suppression list are not checked here: the campaign checks the ledger
    when it sends, and comms checks both for each recipient at delivery (P18).
    """
    recipients: list[tuple[str, DataSubject, dict[str, object]]] = []
    for contact in list_contacts_for_staff(contact_list=contact_list).order_by("line_number"):
        if topic is not None and topic not in contact.topics:
            continue
        address = list_contact_address(contact)
        if address is None:
            continue
        recipients.append((address, contact.subject, {"given_name": contact.given_name}))
    return recipients


def list_memberships_for_user(*, user: object) -> QuerySet[ListContact]:
    """Every list entry about an account holder: through the account's data subject, or the
    address alone when the list predates the account."""
    email = str(getattr(user, "email", "") or "").strip().lower()
    found = Q(subject__user=user)
    if email:
        found |= Q(subject__email=email, subject__user__isnull=True)
    return ListContact.objects.filter(found).select_related("contact_list")


def list_memberships_export(*, user: object) -> list[dict[str, object]]:
    """The person's list entries for "my data" (B2)."""
    return [
        {
            "list": contact.contact_list.name,
            "supplied_by": contact.contact_list.source_organisation,
            "imported_on": contact.contact_list.imported_at.date().isoformat(),
            "given_name": contact.given_name,
            "consent_date": contact.consent_date.isoformat(),
            "consent_method": contact.consent_method,
            "topics": list(contact.topics),
        }
        for contact in list_memberships_for_user(user=user)
    ]


def list_memberships_export_for_email(email: str) -> list[dict[str, object]]:
    return [
        {
            "list": contact.contact_list.name,
            "supplied_by": contact.contact_list.source_organisation,
            "imported_on": contact.contact_list.imported_at.date().isoformat(),
            "given_name": contact.given_name,
            "consent_date": contact.consent_date.isoformat(),
            "consent_method": contact.consent_method,
            "topics": list(contact.topics),
        }
        for contact in list_memberships_for_email(email=email)
    ]


def withdrawals_by_address(*, emails: list[str]) -> dict[str, dict[str, datetime]]:
    """For each address (lower case), the newest withdrawal per topic in the consent ledger.

    Both the account's record (an account using the address) and the record of the address
    alone (choices made before the account existed, e.g. an unsubscribe) count. Addresses with
    no withdrawal are left out. Three queries per 500 addresses; nothing is created.
    """
    found: dict[str, dict[str, datetime]] = {}
    for start in range(0, len(emails), _CHUNK):
        chunk = emails[start : start + _CHUNK]
        owners: dict[uuid.UUID, str] = {}
        # Account addresses are stored in lower case (accounts.UserManager).
        for subject_id, email in DataSubject.objects.filter(user__email__in=chunk).values_list(
            "pk", "user__email"
        ):
            owners[subject_id] = email
        for subject_id, address in DataSubject.objects.filter(email__in=chunk).values_list(
            "pk", "email"
        ):
            if address:
                owners[subject_id] = address
        if not owners:
            continue
        newest = (
            ConsentEvent.objects.filter(subject_id__in=list(owners), granted=False)
            .values("subject_id", "topic")
            .annotate(newest=Max("created_at"))
            .order_by()
        )
        for row in newest:
            per_topic = found.setdefault(owners[row["subject_id"]], {})
            current = per_topic.get(row["topic"])
            if current is None or row["newest"] > current:
                per_topic[row["topic"]] = row["newest"]
    return found


def list_memberships_for_email(*, email: str) -> QuerySet[ListContact]:
    """A privacy request by a verified address (issue 19): the list entries under it."""
    return ListContact.objects.filter(subject__email=email.strip().lower()).select_related(
        "contact_list"
    )
