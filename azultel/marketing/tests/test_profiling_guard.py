"""P17: every marketing segment that joins offline data with online data goes through the
profiling guard (``privacy.profiling.profiling_combine``): the campaign audience and the survey
split alike leave out people with both kinds of records and no profiling consent."""

from __future__ import annotations

from unittest import mock

import pytest

from azultel.accounts.models import User
from azultel.accounts.testing import staff_create
from azultel.marketing.selectors import profiling_refused, segment_members_for_analysis
from azultel.marketing.tests.factories import person_make, segment_make
from azultel.privacy.profiling import ProfilingResult

pytestmark = pytest.mark.django_db

TOPICS = ("newsletter", "cpni_marketing")


@pytest.fixture
def marketer(db: None) -> User:
    return staff_create(role="marketing")


@pytest.mark.promise("P17")
def test_a_segment_joining_offline_and_online_data_refuses_people_without_the_consent(
    marketer: User,
) -> None:
    online_only = person_make(topics=TOPICS, service="phone_line")
    offline_no = person_make(topics=TOPICS, service="phone_line", offline=True)
    offline_yes = person_make(
        topics=(*TOPICS, "profiling_combination"), service="phone_line", offline=True
    )
    segment = segment_make(
        "Florida phones", {"state": ["FL"], "services_held": ["phone_line"]}, actor=marketer
    )
    assert segment.combines_channels

    members = set(segment_members_for_analysis(segment=segment))

    assert members == {online_only.pk, offline_yes.pk}
    assert offline_no.pk not in members
    assert profiling_refused(user_ids=[online_only.pk, offline_no.pk, offline_yes.pk]) == {
        offline_no.pk
    }


@pytest.mark.promise("P17")
def test_the_segment_split_is_decided_by_the_guard_itself(marketer: User) -> None:
    """If the guard refuses everyone, the segment yields nobody: the guard is on the path, not a
    copy of its rule."""
    person_make(topics=(*TOPICS, "profiling_combination"), service="phone_line", offline=True)
    segment = segment_make(
        "Florida phones", {"state": ["FL"], "services_held": ["phone_line"]}, actor=marketer
    )

    def refuse_all(records: object) -> ProfilingResult:
        result = ProfilingResult()
        result.refused_subjects.update(r.data_subject_id for r in records)  # type: ignore[attr-defined]
        return result

    with mock.patch("azultel.marketing.selectors.audience.profiling_combine", refuse_all):
        assert list(segment_members_for_analysis(segment=segment)) == []
    assert len(list(segment_members_for_analysis(segment=segment))) == 1
