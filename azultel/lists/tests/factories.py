"""Factories for the lists app (factory_boy) and a builder of import files.

Lists made by a factory carry no consent entries: tests of the import itself go through
``services.contact_list_import``; these rows serve the pages, selectors and retention tests.
"""

from __future__ import annotations

import csv
import io
from datetime import date

import factory
from django.utils import timezone

from azultel.lists.models import ContactList, ListContact
from azultel.privacy.tests.factories import DataSubjectFactory

HEADER = ("email", "given_name", "consent_date", "consent_method", "topics")
EVIDENCE = "sign-up form at the Austin Tech Fair, 2026-10-02"


def csv_file(rows: list[tuple[str, ...]], *, header: tuple[str, ...] = HEADER) -> bytes:
    """An import file: the header line, then one line per row (quoted where needed)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def contact_row(
    email: str,
    *,
    given_name: str = "",
    consent_date: date | str = date(2026, 10, 2),
    method: str = EVIDENCE,
    topics: str = "newsletter",
) -> tuple[str, ...]:
    return (email, given_name, str(consent_date), method, topics)


class ContactListFactory(factory.django.DjangoModelFactory[ContactList]):
    class Meta:
        model = ContactList

    name = factory.Sequence(lambda n: f"Fair sign-ups {n}")
    source_organisation = "Hill Country Makers Association"
    imported_at = factory.LazyFunction(timezone.now)
    rows_in_file = 0
    rows_imported = 0
    rows_skipped = 0


class ListContactFactory(factory.django.DjangoModelFactory[ListContact]):
    class Meta:
        model = ListContact

    contact_list = factory.SubFactory(ContactListFactory)
    subject = factory.SubFactory(DataSubjectFactory)
    given_name = "Jordan"
    consent_date = date(2026, 10, 2)
    consent_method = EVIDENCE
    topics = factory.LazyFunction(lambda: ["newsletter"])
    line_number = factory.Sequence(lambda n: n + 2)
