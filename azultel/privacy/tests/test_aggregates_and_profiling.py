"""Partner aggregates (P16) and the profiling guard (P17)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from azultel.privacy.aggregates import k_suppress, partner_report
from azultel.privacy.models import ConsentEvent
from azultel.privacy.profiling import profiling_combine
from azultel.privacy.services import consent_record, subject_for_email
from azultel.site.models import ContactMessage
from azultel.site.tests.factories import ContactMessageFactory


@pytest.mark.promise("P16")
def test_cells_below_k_are_suppressed() -> None:
    cells = k_suppress([(("FL",), 250), (("NY",), 9), (("TX",), 10), (("PR",), 1)], k=10)

    assert [(c.key, c.count) for c in cells] == [
        (("FL",), 250),
        (("NY",), None),
        (("TX",), 10),
        (("PR",), None),
    ]
    assert [c.suppressed for c in cells] == [False, True, False, True]


@pytest.mark.promise("P16")
@given(
    st.lists(st.tuples(st.text(max_size=3), st.integers(min_value=0, max_value=10_000))),
    st.integers(min_value=2, max_value=50),
)
def test_no_published_count_is_ever_below_k(pairs: list[tuple[str, int]], k: int) -> None:
    cells = k_suppress((((key,), n) for key, n in pairs), k=k)

    assert all(c.count is None or c.count >= k for c in cells)
    assert len(cells) == len(pairs)


def test_k_below_two_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 2"):
        k_suppress([(("a",), 5)], k=1)


@pytest.mark.promise("P16")
@pytest.mark.django_db
def test_partner_report_gives_counts_per_group_never_rows() -> None:
    for i in range(12):
        ContactMessageFactory(
            name=f"N{i}", email=f"a{i}@example.com", topic="billing", message="message body here"
        )
    for i in range(3):
        ContactMessageFactory(
            name=f"M{i}", email=f"b{i}@example.com", topic="privacy", message="message body here"
        )

    cells = partner_report(ContactMessage.objects.all(), dimensions=["topic"])

    assert [(c.key, c.count) for c in cells] == [(("billing",), 12), (("privacy",), None)]
    assert "example.com" not in repr(cells)


@dataclass
class _Record:
    data_subject_id: Any
    collection_channel: str


@pytest.mark.promise("P17")
@pytest.mark.django_db
def test_online_and_offline_are_combined_only_with_consent() -> None:
    agreed = subject_for_email(email="agreed@example.com")
    refused = subject_for_email(email="refused@example.com")
    online_only = subject_for_email(email="online@example.com")
    consent_record(subject=agreed, topic="profiling_combination", granted=True, source="profile")
    consent_record(subject=refused, topic="profiling_combination", granted=True, source="profile")
    consent_record(subject=refused, topic="profiling_combination", granted=False, source="profile")
    records = [
        _Record(agreed.pk, "online"),
        _Record(agreed.pk, "offline"),
        _Record(refused.pk, "online"),
        _Record(refused.pk, "offline"),
        _Record(online_only.pk, "online"),
        _Record(online_only.pk, "online"),
    ]

    result = profiling_combine(records)

    assert set(result.combined) == {agreed.pk, online_only.pk}
    assert result.refused_subjects == {refused.pk}
    assert len(result.combined[agreed.pk]) == 2
    assert ConsentEvent.objects.count() == 3


def test_unknown_channel_is_refused() -> None:
    with pytest.raises(ValueError, match="Unknown collection channel"):
        profiling_combine([_Record("x", "carrier-pigeon")])


@pytest.mark.promise("P17")
@pytest.mark.django_db
def test_contact_messages_carry_their_collection_channel() -> None:
    message = ContactMessageFactory(
        name="A", email="a@example.com", topic="general", message="hello there friends"
    )

    assert message.collection_channel == "online"
