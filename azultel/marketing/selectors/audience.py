"""Who a segment matches, and who a campaign may reach: one query each, however many people.

Services and plans are read through the customer's ``services`` relation (orders' table, by
lookup, never by importing orders' models); consent through the data subject's ledger state.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

from azultel.accounts.models import User
from azultel.comms.models import SOLICITATION_TOPIC
from azultel.lists.models import ContactList
from azultel.lists.selectors import contact_list_recipients
from azultel.marketing.models import Segment
from azultel.privacy.models import ConsentState, ConsentTopic, DataSubject
from azultel.privacy.profiling import CollectionChannel, profiling_combine


def _granted(topic: str) -> Exists:
    return Exists(
        ConsentState.objects.filter(subject=OuterRef("data_subject"), topic=topic, granted=True)
    )


def _day_start(value: object) -> datetime.datetime:
    day = datetime.date.fromisoformat(str(value))
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=datetime.UTC)


def _services(**lookups: object) -> Q:
    held = User.objects.filter(
        services__status="active", **{f"services__{k}": v for k, v in lookups.items()}
    )
    return Q(pk__in=held.values("pk"))


def _rules_filter(rules: Mapping[str, object]) -> Q:
    condition = Q()
    for name, value in rules.items():
        if name == "state":
            condition &= Q(profile__state__in=value)
        elif name == "services_held":
            condition &= _services(product_kind__in=value)
        elif name == "plan_type":
            condition &= _services(product__slug__in=value)
        elif name == "signed_up_after":
            condition &= Q(date_joined__gte=_day_start(value))
        elif name == "signed_up_before":
            condition &= Q(date_joined__lt=_day_start(value))
        elif name == "topics":
            for topic in value if isinstance(value, list) else []:
                condition &= Q(_granted(str(topic)))
    return condition


def _customers() -> QuerySet[User]:
    """Open customer accounts with a data subject (the consent ledger's pseudonym)."""
    return User.objects.filter(
        is_active=True,
        is_staff=False,
        erased_at__isnull=True,
        data_subject__isnull=False,
        data_subject__erased_at__isnull=True,
    )


def segment_people(*, rules: Mapping[str, object]) -> QuerySet[User]:
    """Customers the rules match (before any campaign's consent check)."""
    return _customers().filter(_rules_filter(rules))


def segment_count(*, rules: Mapping[str, object]) -> int:
    """How many customers the rules match: one query."""
    return segment_people(rules=rules).count()


def _has_offline_order() -> Exists:
    return Exists(
        User.objects.filter(pk=OuterRef("pk"), orders__collection_channel=CollectionChannel.OFFLINE)
    )


def audience_people(
    *, rules: Mapping[str, object], category: str, is_cpni: bool, combines_channels: bool
) -> QuerySet[User]:
    """Who a campaign of ``category`` to a segment may reach now: the rules, the category's
    consent topic granted, CPNI approval for a CPNI segment, and (when the segment joins
    offline and online data) no offline order without the profiling consent (P17).

    Delivery checks consent and the suppression list again per message (P18): this is who is
    queued, not who is sent.
    """
    people = segment_people(rules=rules).filter(_granted(SOLICITATION_TOPIC[category]))
    if is_cpni:
        people = people.filter(_granted(ConsentTopic.CPNI_MARKETING))
    if combines_channels:
        people = people.exclude(
            Q(_has_offline_order()) & ~Q(_granted(ConsentTopic.PROFILING_COMBINATION))
        )
    return people.order_by("pk")


def segment_members_for_analysis(*, segment: Segment) -> QuerySet[User, int]:
    """The segment's people whose data may be used to split survey results by it: the rules,
    CPNI approval for a CPNI segment, the profiling consent where offline and online data are
    joined (P17). No email consent: nobody is contacted. Returned as a queryset of user ids, to
    be read as a subquery."""
    people = segment_people(rules=segment.rules)
    if segment.is_cpni:
        people = people.filter(_granted(ConsentTopic.CPNI_MARKETING))
    if not segment.combines_channels:
        return people.values_list("pk", flat=True)
    people = people.exclude(
        Q(_has_offline_order()) & ~Q(_granted(ConsentTopic.PROFILING_COMBINATION))
    )
    # The join of offline and online data passes through the profiling guard itself (P17): the
    # query above narrows, the guard decides. Such a segment is read as a list of ids.
    ids = list(people.values_list("pk", flat=True))
    refused = profiling_refused(user_ids=ids)
    return User.objects.filter(pk__in=[pk for pk in ids if pk not in refused]).values_list(
        "pk", flat=True
    )


def audience_count(
    *, rules: Mapping[str, object], category: str, is_cpni: bool, combines_channels: bool
) -> int:
    return audience_people(
        rules=rules, category=category, is_cpni=is_cpni, combines_channels=combines_channels
    ).count()


def channel_records(*, user_ids: list[int]) -> list[tuple[int, object, str]]:
    """(user id, data subject id, channel) for each person: their account (online) and each of
    their orders with the channel it was collected through; for the profiling guard."""
    accounts = User.objects.filter(pk__in=user_ids).values_list("pk", "data_subject__id")
    orders = (
        User.objects.filter(pk__in=user_ids, orders__isnull=False)
        .values_list("pk", "data_subject__id", "orders__collection_channel")
        .distinct()
    )
    records: list[tuple[int, object, str]] = [
        (pk, subject, str(CollectionChannel.ONLINE)) for pk, subject in accounts
    ]
    records.extend((pk, subject, str(channel)) for pk, subject, channel in orders)
    return records


ListRecipient = tuple[str, DataSubject, dict[str, object]]
_LEDGER_CHUNK = 500


def list_audience(*, contact_list: ContactList, category: str) -> list[ListRecipient]:
    """Who a campaign of ``category`` to a partner's list may reach now: people whose evidence
    covers the category's consent topic and whose ledger state for it is still a yes (P07,
    P18), as (address, data subject, context). One query for the list, one per 500 people.

    A list is never CPNI: it holds no telephone-customer information. Delivery checks the
    ledger and the suppression list again per message, as for a segment.
    """
    topic = SOLICITATION_TOPIC[category]
    candidates = contact_list_recipients(contact_list=contact_list, topic=topic)
    subject_ids = [subject.pk for _, subject, _ in candidates]
    granted: set[object] = set()
    for start in range(0, len(subject_ids), _LEDGER_CHUNK):
        granted.update(
            ConsentState.objects.filter(
                subject_id__in=subject_ids[start : start + _LEDGER_CHUNK],
                topic=topic,
                granted=True,
            ).values_list("subject_id", flat=True)
        )
    return [recipient for recipient in candidates if recipient[1].pk in granted]


@dataclass
class _ChannelRecord:
    data_subject_id: object
    collection_channel: str


def profiling_refused(*, user_ids: list[int]) -> set[int]:
    """People whose offline and online records may not be combined (P17), as the profiling guard
    (``privacy.profiling.profiling_combine``) decides."""
    records = channel_records(user_ids=user_ids)
    result = profiling_combine(_ChannelRecord(subject, channel) for _, subject, channel in records)
    return {pk for pk, subject, _ in records if subject in result.refused_subjects}
