"""The profiling guard (P17): online and offline data are combined only with the person's consent.

Records that can feed a profile carry the channel they were collected through. ``profiling_combine``
is the one place that joins the two; it refuses every subject who has not granted
``profiling_combination``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.db import models

from azultel.privacy.models import ConsentState, ConsentTopic


class CollectionChannel(models.TextChoices):
    ONLINE = "online", "Online (this website)"
    OFFLINE = "offline", "Offline (store, phone, mail)"


class ChannelRecord(Protocol):
    collection_channel: str

    @property
    def data_subject_id(self) -> object: ...


@dataclass
class ProfilingResult:
    combined: dict[Any, list[Any]] = field(default_factory=dict)
    refused_subjects: set[Any] = field(default_factory=set)


def profiling_combine(records: Iterable[ChannelRecord]) -> ProfilingResult:
    """Group records by subject; subjects with both channels need ``profiling_combination``.

    Subjects with records from one channel only pass unchanged (nothing is being combined).
    Refused subjects' records are left out entirely, not partially.
    """

    by_subject: dict[Any, list[Any]] = defaultdict(list)
    for record in records:
        if record.collection_channel not in CollectionChannel.values:
            raise ValueError(f"Unknown collection channel {record.collection_channel!r}.")
        by_subject[record.data_subject_id].append(record)
    mixed = {
        subject
        for subject, items in by_subject.items()
        if {r.collection_channel for r in items} == set(CollectionChannel.values)
    }
    consenting = set(
        ConsentState.objects.filter(
            subject_id__in=mixed, topic=ConsentTopic.PROFILING_COMBINATION, granted=True
        ).values_list("subject_id", flat=True)
    )
    result = ProfilingResult()
    for subject, items in by_subject.items():
        if subject in mixed and subject not in consenting:
            result.refused_subjects.add(subject)
        else:
            result.combined[subject] = items
    return result
