"""The lists app's part in data-subject requests (B2), retention (B3), the data map (P04) and the
campaign audience selector marketing uses."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.apps import apps
from django.test import Client
from django.utils import timezone

from azultel.accounts.models import User
from azultel.accounts.services import account_erase
from azultel.accounts.testing import customer_create, sign_in
from azultel.core.actors import system_actor
from azultel.core.models import AuditEvent
from azultel.core.periodic import periodic_jobs
from azultel.lists.models import ContactList, ListContact, SkippedLine
from azultel.lists.selectors import contact_list_recipients, contact_lists_for_campaigns
from azultel.lists.services import contact_list_import, list_contacts_purge
from azultel.lists.tasks import lists_contacts_purge
from azultel.lists.tests.factories import (
    ContactListFactory,
    ListContactFactory,
    contact_row,
    csv_file,
)
from azultel.privacy.checks import data_map_problems
from azultel.privacy.models import ConsentEvent
from azultel.privacy.services import subject_for_user
from azultel.privacy.tests.factories import DataSubjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def maria(db: None) -> User:
    return customer_create(email="maria@example.com", given_name="Maria")


@pytest.mark.promise("B2")
def test_my_data_lists_the_partners_lists_a_person_is_on(maria: User, marketer: User) -> None:
    # Given Maria is on a partner's list imported before she opened her account, and on one since
    before = ContactListFactory(name="Fair 2025", source_organisation="Makers")
    ListContactFactory(contact_list=before, subject=DataSubjectFactory(email="maria@example.com"))
    contact_list_import(
        name="Fair 2026",
        source="Makers",
        csv_bytes=csv_file([contact_row("maria@example.com", given_name="Mari", topics="surveys")]),
        actor=marketer,
    )
    client = Client()
    assert sign_in(client, maria).status_code == 302
    # When she downloads her data
    data = json.loads(client.get("/account/my-data/download/").content)["contact_lists"]
    # Then both entries are there with their evidence
    assert sorted(entry["list"] for entry in data) == ["Fair 2025", "Fair 2026"]
    newest = next(entry for entry in data if entry["list"] == "Fair 2026")
    assert newest["given_name"] == "Mari"
    assert newest["topics"] == ["surveys"]
    assert newest["consent_method"] == "sign-up form at the Austin Tech Fair, 2026-10-02"


@pytest.mark.promise("B2")
def test_deleting_the_account_erases_every_list_entry(maria: User) -> None:
    # Given Maria on two lists (one through her account, one by address only) and someone else
    ListContactFactory(subject=subject_for_user(user=maria))
    ListContactFactory(subject=DataSubjectFactory(email="maria@example.com"))
    other = ListContactFactory(subject=DataSubjectFactory(email="jon@example.com"))
    # When she deletes her account
    account_erase(user=maria, actor=maria)
    # Then her entries are gone and the other person's stays
    assert list(ListContact.objects.all()) == [other]
    assert AuditEvent.objects.get(action="lists.memberships_erased").detail["deleted"] == 2


@pytest.mark.promise("B3")
def test_entries_are_deleted_after_the_retention_period(settings: Any) -> None:
    # Given a list imported 25 months ago and one imported 23 months ago
    now = timezone.now()
    old = ContactListFactory(
        imported_at=now - timedelta(days=25 * 31), rows_in_file=2, rows_imported=1, rows_skipped=1
    )
    ListContactFactory(contact_list=old)
    SkippedLine.objects.create(contact_list=old, line_number=3, reason="suppressed")
    recent = ListContactFactory(
        contact_list=ContactListFactory(imported_at=now - timedelta(days=23 * 30))
    )
    # When the daily purge runs (the periodic job is declared)
    assert (
        periodic_jobs()["lists-contacts-purge"]["task"]
        == "azultel.lists.tasks.lists_contacts_purge"
    )
    deleted = lists_contacts_purge()
    # Then only the old list's entries are gone; the list keeps its counts
    assert deleted == 1
    assert list(ListContact.objects.all()) == [recent]
    assert not SkippedLine.objects.exists()
    assert ContactList.objects.get(pk=old.pk).rows_in_file == 2
    assert list_contacts_purge(actor=system_actor("test")) == 0


@pytest.mark.promise("B3")
def test_a_shorter_retention_setting_applies_at_once(settings: Any) -> None:
    settings.LISTS_CONTACT_RETENTION_MONTHS = 1
    ListContactFactory(
        contact_list=ContactListFactory(imported_at=timezone.now() - timedelta(days=40))
    )
    assert list_contacts_purge(actor=system_actor("test"), now=timezone.now()) == 1


def test_every_field_is_in_the_data_map() -> None:
    assert data_map_problems(apps.get_app_config("lists").get_models()) == []


def test_recipients_for_a_campaign_in_one_query(
    maria: User, django_assert_num_queries: Any
) -> None:
    # Given a list with Maria (through her account), a person known by address, and an erased one
    contact_list = ContactListFactory()
    ListContactFactory(
        contact_list=contact_list, subject=subject_for_user(user=maria), given_name="Mari"
    )
    ListContactFactory(
        contact_list=contact_list,
        subject=DataSubjectFactory(email="sam@example.org"),
        given_name="",
    )
    erased = DataSubjectFactory(email=None, erased_at=timezone.now())
    ListContactFactory(contact_list=contact_list, subject=erased)
    # When marketing asks for the audience
    with django_assert_num_queries(1):
        recipients = contact_list_recipients(contact_list=contact_list)
    # Then each reachable person comes with their address, subject and the list's given name
    assert [(address, context) for address, _, context in recipients] == [
        ("maria@example.com", {"given_name": "Mari"}),
        ("sam@example.org", {"given_name": ""}),
    ]
    assert recipients[0][1].user == maria


def test_lists_for_campaigns_count_their_people_in_one_query(
    django_assert_num_queries: Any,
) -> None:
    first = ContactListFactory(imported_at=timezone.now() - timedelta(days=1))
    ListContactFactory.create_batch(3, contact_list=first)
    second = ContactListFactory()
    with django_assert_num_queries(1):
        counted = [(c.pk, c.contact_count) for c in contact_lists_for_campaigns()]
    assert counted == [(second.pk, 0), (first.pk, 3)]


def test_the_demo_list_loads_once_with_a_skipped_line(db: None) -> None:
    from azultel.lists.demo import demo_seed

    demo_seed()
    counts = (
        ContactList.objects.count(),
        ListContact.objects.count(),
        ConsentEvent.objects.count(),
    )
    demo_seed()
    contact_list = ContactList.objects.get()
    assert (contact_list.rows_imported, contact_list.rows_skipped) == (3, 1)
    assert contact_list.source_organisation == "Hill Country Makers Association"
    assert (
        ContactList.objects.count(),
        ListContact.objects.count(),
        ConsentEvent.objects.count(),
    ) == counts
    assert ConsentEvent.objects.filter(source="third_party_list").count() == 5


@pytest.mark.promise("P17")
def test_list_entries_are_offline_data_for_the_profiling_guard(maria: User) -> None:
    from dataclasses import dataclass

    from azultel.privacy.profiling import profiling_combine

    @dataclass
    class OnlineRecord:
        data_subject_id: object
        collection_channel: str = "online"

    # Given Maria on a partner's list and an online record of hers, without profiling consent
    subject = subject_for_user(user=maria)
    contact = ListContactFactory(subject=subject)
    # When marketing tries to combine them
    result = profiling_combine([contact, OnlineRecord(subject.pk)])
    # Then the guard refuses her: the list entry counts as offline data
    assert contact.collection_channel == "offline"
    assert result.refused_subjects == {subject.pk}
