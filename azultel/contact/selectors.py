"""Reads of the contact app, each scoped to who asks: staff see the topics their role answers
(privacy threads only the privacy officer), a customer sees their own threads, a token holder
sees one thread without its internal notes."""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.models import Permission
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from azultel.accounts.models import User
from azultel.contact.models import CUSTOMER_VISIBLE, Status, Thread, ThreadEntry, Topic
from azultel.contact.tokens import thread_token_read
from azultel.core.actors import Person

CARE_PERMISSION = "contact.answer_thread"
PRIVACY_PERMISSION = "contact.answer_privacy_thread"
CARE_TOPICS = (Topic.SALES, Topic.BILLING, Topic.TECHNICAL)
RESPONSE_WINDOW_DAYS = 30


def staff_topics(*, user: Person) -> list[str]:
    """The topics ``user`` answers: care topics with the care permission, privacy with the
    privacy one (the privacy officer's queue is theirs alone)."""
    topics: list[str] = []
    if user.is_authenticated and user.has_perm(CARE_PERMISSION):
        topics.extend(CARE_TOPICS)
    if user.is_authenticated and user.has_perm(PRIVACY_PERMISSION):
        topics.append(Topic.PRIVACY)
    return topics


def staff_may_answer(*, user: Person, topic: str) -> bool:
    return user.is_active and topic in staff_topics(user=user)


def threads_for_staff(
    *, user: Person, topic: str = "", status: str = "", assignee: str = ""
) -> QuerySet[Thread]:
    """The inbox: threads of the user's topics, filtered; ``assignee`` is "me", "none", a user
    id, or empty for everyone. Oldest-waiting work is not hidden by closed threads: without a
    status filter, closed threads are left out."""
    topics = staff_topics(user=user)
    rows = Thread.objects.filter(topic__in=topics).select_related("assignee")
    if topic:
        rows = rows.filter(topic=topic)
    rows = rows.filter(status=status) if status else rows.exclude(status=Status.CLOSED)
    if assignee == "me":
        rows = rows.filter(assignee_id=user.pk)
    elif assignee == "none":
        rows = rows.filter(assignee__isnull=True)
    elif assignee.isdigit():
        rows = rows.filter(assignee_id=int(assignee))
    return rows.order_by("last_message_at", "id")


def thread_get_for_staff(*, user: Person, thread_id: object) -> Thread | None:
    try:
        pk = uuid.UUID(str(thread_id))
    except ValueError:
        return None
    return (
        Thread.objects.select_related("assignee", "account")
        .filter(pk=pk, topic__in=staff_topics(user=user))
        .first()
    )


def thread_entries_for_staff(*, thread: Thread) -> QuerySet[ThreadEntry]:
    return thread.entries.select_related("author").order_by("created_at", "id")


def assignees_for(*, topic: str) -> QuerySet[User]:
    """Active staff who may answer ``topic`` (through a role's permission)."""
    codename = "answer_privacy_thread" if topic == Topic.PRIVACY else "answer_thread"
    permission = Permission.objects.filter(content_type__app_label="contact", codename=codename)
    return (
        User.objects.filter(is_active=True, is_staff=True)
        .filter(Q(groups__permissions__in=permission) | Q(user_permissions__in=permission))
        .distinct()
        .order_by("given_name", "email")
    )


def thread_get_by_token(*, token: object) -> Thread | None:
    thread_id = thread_token_read(token)
    if thread_id is None:
        return None
    return Thread.objects.filter(pk=thread_id).first()


def thread_entries_for_customer(*, thread: Thread) -> QuerySet[ThreadEntry]:
    """What the sender sees: their messages and our replies, never internal notes."""
    return thread.entries.filter(kind__in=CUSTOMER_VISIBLE).order_by("created_at", "id")


def threads_for_account(*, user: Person) -> QuerySet[Thread]:
    if not user.is_authenticated:
        return Thread.objects.none()
    return Thread.objects.filter(account_id=user.pk).order_by("-last_message_at", "-id")


def thread_get_for_account(*, user: Person, thread_id: object) -> Thread | None:
    try:
        pk = uuid.UUID(str(thread_id))
    except ValueError:
        return None
    return threads_for_account(user=user).filter(pk=pk).first()


@dataclass(frozen=True)
class TopicFigures:
    topic: str
    label: str
    received: int
    waiting_first_reply: int
    answered: int
    median_seconds: int | None
    p90_seconds: int | None


def _nearest_rank(sorted_values: list[int], share: float) -> int | None:
    if not sorted_values:
        return None
    rank = max(1, math.ceil(share * len(sorted_values)))
    return sorted_values[rank - 1]


def response_figures(*, user: Person, now: datetime | None = None) -> list[TopicFigures]:
    """Per topic the user answers, over threads opened in the last 30 days: how many came in,
    how many still wait for a first reply, and the median and 90th percentile of the time to the
    first reply (nearest rank). Two queries whatever the number of threads: one aggregate of the
    counts, one ordered list of first-response seconds (SQLite has no percentile aggregate)."""
    topics = staff_topics(user=user)
    since = (now or timezone.now()) - timedelta(days=RESPONSE_WINDOW_DAYS)
    recent = Thread.objects.filter(topic__in=topics, created_at__gte=since)
    received: dict[str, int] = {}
    waiting: dict[str, int] = {}
    for topic, n_received, n_waiting in (
        recent.values("topic")
        .annotate(
            received=Count("id"), waiting=Count("id", filter=Q(first_response_seconds__isnull=True))
        )
        .order_by()
        .values_list("topic", "received", "waiting")
    ):
        received[topic], waiting[topic] = n_received, n_waiting
    seconds: dict[str, list[int]] = {t: [] for t in topics}
    for topic, value in (
        recent.filter(first_response_seconds__isnull=False)
        .order_by("topic", "first_response_seconds")
        .values_list("topic", "first_response_seconds")
    ):
        if value is not None:
            seconds[topic].append(value)
    labels = dict(Topic.choices)
    return [
        TopicFigures(
            topic=t,
            label=str(labels[t]),
            received=received.get(t, 0),
            waiting_first_reply=waiting.get(t, 0),
            answered=len(seconds[t]),
            median_seconds=_nearest_rank(seconds[t], 0.5),
            p90_seconds=_nearest_rank(seconds[t], 0.9),
        )
        for t in topics
    ]


def queue_counts(*, user: Person) -> dict[str, int]:
    """Open work in the user's topics by status (what needs me now), in one query."""
    rows = (
        Thread.objects.filter(topic__in=staff_topics(user=user))
        .exclude(status=Status.CLOSED)
        .values("status")
        .annotate(n=Count("id"))
        .order_by()
    )
    found = {row["status"]: row["n"] for row in rows}
    return {s: found.get(s, 0) for s in (Status.NEW, Status.OPEN, Status.WAITING)}
