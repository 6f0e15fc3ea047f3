"""The bulk consent services (B4): data subjects for many addresses and many ledger grants, in
a fixed number of queries, with the same rules as the one-at-a-time services."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from azultel.accounts.tests.factories import UserFactory
from azultel.privacy.models import ConsentEvent, ConsentSource, ConsentState, DataSubject
from azultel.privacy.selectors import consent_states
from azultel.privacy.services import (
    consent_grant_many,
    consent_record,
    subject_for_email,
    subject_for_user,
    subjects_for_emails,
)

pytestmark = pytest.mark.django_db


def test_subjects_for_emails_match_subject_for_email_one_by_one() -> None:
    holder = UserFactory.create(email="holder@example.com")
    known = subject_for_email(email="known@example.com")

    found = subjects_for_emails(
        emails=[" Holder@Example.com", "known@example.com", "new@example.com"]
    )

    assert set(found) == {"holder@example.com", "known@example.com", "new@example.com"}
    assert found["holder@example.com"] == subject_for_user(user=holder)
    assert found["known@example.com"] == known
    assert found["new@example.com"] == subject_for_email(email="new@example.com")
    assert DataSubject.objects.count() == 3


def test_subjects_for_emails_run_a_fixed_number_of_queries() -> None:
    few = [f"a{n}@example.com" for n in range(3)]
    many = [f"b{n}@example.com" for n in range(300)]
    with CaptureQueriesContext(connection) as small:
        subjects_for_emails(emails=few)
    with CaptureQueriesContext(connection) as large:
        subjects_for_emails(emails=many)
    # SQLite may split one insert in two (its limit on parameters); still no query per person.
    assert len(small.captured_queries) <= 7 and len(large.captured_queries) <= 8


@pytest.mark.promise("B4")
def test_grants_add_ledger_entries_only_for_changes_with_the_current_state() -> None:
    subjects = subjects_for_emails(emails=["a@example.com", "b@example.com"])
    a, b = subjects["a@example.com"], subjects["b@example.com"]
    consent_record(subject=a, topic="newsletter", granted=True, source=ConsentSource.PROFILE)
    consent_record(subject=b, topic="newsletter", granted=False, source=ConsentSource.PROFILE)
    before = ConsentEvent.objects.count()

    added = consent_grant_many(
        grants={a.pk: ["newsletter", "surveys"], b.pk: ["newsletter"]},
        source=ConsentSource.THIRD_PARTY_LIST,
    )

    # a already said yes to the newsletter: no entry; b's "no" becomes a new "yes".
    assert added == 2 and ConsentEvent.objects.count() == before + 2
    assert consent_states(subject=a) == {"newsletter": True, "surveys": True}
    assert consent_states(subject=b) == {"newsletter": True}
    state = ConsentState.objects.get(subject=b, topic="newsletter")
    assert (state.last_event.source, state.last_event.granted) == ("third_party_list", True)


def test_grants_run_a_fixed_number_of_queries(django_assert_max_num_queries: Any) -> None:
    subjects = subjects_for_emails(emails=[f"p{n}@example.com" for n in range(300)])
    # One by one this is ~3,000 queries; in bulk a handful per 500 people (SQLite splits a
    # large insert into several by its limit on parameters, hence the margin).
    with django_assert_max_num_queries(20):
        added = consent_grant_many(
            grants={s.pk: ["newsletter", "surveys"] for s in subjects.values()},
            source=ConsentSource.THIRD_PARTY_LIST,
        )
    assert added == 600


@pytest.mark.parametrize(
    ("topics", "source"),
    [(["no_such_topic"], ConsentSource.THIRD_PARTY_LIST), (["newsletter"], "no_such_source")],
)
def test_unknown_topics_or_sources_are_refused_and_nothing_written(
    topics: list[str], source: str
) -> None:
    subject = subject_for_email(email="a@example.com")
    with pytest.raises(ValueError, match="Unknown consent"):
        consent_grant_many(grants={subject.pk: topics}, source=source)
    assert not ConsentEvent.objects.exists()


def test_an_erased_subject_is_refused_and_nothing_written() -> None:
    kept = subject_for_email(email="kept@example.com")
    erased = subject_for_email(email="gone@example.com")
    DataSubject.objects.filter(pk=erased.pk).update(erased_at=timezone.now())
    with pytest.raises(ValueError, match="erased"):
        consent_grant_many(
            grants={kept.pk: ["newsletter"], erased.pk: ["newsletter"]},
            source=ConsentSource.THIRD_PARTY_LIST,
        )
    assert not ConsentEvent.objects.exists()
