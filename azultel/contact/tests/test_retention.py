"""B3: a closed thread is deleted CONTACT_THREAD_RETENTION_DAYS after closing; open ones stay.
B2: the account holder's threads are in "my data" (without internal notes) and go with the
account."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from azultel.accounts.models import User
from azultel.accounts.testing import customer_create
from azultel.contact import services
from azultel.contact.models import Status, Thread, ThreadEntry
from azultel.contact.tests.factories import thread_send
from azultel.core.periodic import declared_jobs

pytestmark = pytest.mark.django_db


@pytest.mark.promise("B3")
def test_closed_threads_are_purged_after_the_retention_period(settings: Any, care: User) -> None:
    settings.CONTACT_THREAD_RETENTION_DAYS = 30
    old = thread_send(message="Old closed question")
    recent = thread_send(message="Recently closed question")
    still_open = thread_send(message="Open question")
    services.staff_note_add(thread=old, body="A note", actor=care)
    for thread in (old, recent):
        services.thread_status_set(thread=thread, status=Status.CLOSED, actor=care)
    Thread.objects.filter(pk=old.pk).update(closed_at=timezone.now() - timedelta(days=31))
    Thread.objects.filter(pk=still_open.pk).update(created_at=timezone.now() - timedelta(days=400))

    assert services.threads_purge() == 1

    assert set(Thread.objects.values_list("pk", flat=True)) == {recent.pk, still_open.pk}
    assert not ThreadEntry.objects.filter(thread_id=old.pk).exists()


@pytest.mark.promise("B3")
def test_the_purge_is_a_daily_periodic_job() -> None:
    jobs = declared_jobs("azultel.contact")
    assert jobs["contact-threads-purge"]["task"] == "azultel.contact.tasks.threads_purge"


@pytest.mark.promise("B2")
def test_export_leaves_out_notes_and_erasure_deletes_the_threads(care: User) -> None:
    maria = customer_create(email="maria@example.com")
    thread = thread_send(email="maria@example.com", message="My question")
    services.staff_note_add(thread=thread, body="Internal remark", actor=care)
    services.staff_reply_send(thread=thread, body="Our answer", actor=care)
    thread_send(email="someone@example.com")

    exported = services.threads_export(maria)
    services.threads_erase(maria)

    assert [m["text"] for m in exported[0]["messages"]] == ["My question", "Our answer"]  # type: ignore[index]
    assert not Thread.objects.filter(account=maria).exists()
    assert Thread.objects.count() == 1


def test_the_demo_seeds_threads_in_several_states_once() -> None:
    from azultel.accounts.demo import demo_seed as accounts_demo_seed
    from azultel.contact.demo import demo_seed

    accounts_demo_seed()
    demo_seed()
    demo_seed()

    statuses = sorted(Thread.objects.values_list("status", flat=True))
    assert statuses == ["closed", "new", "new", "new", "waiting"]
    maria = User.objects.get(email="maria.lopez@demo.azultel.test")
    assert Thread.objects.filter(account=maria).count() == 2
    assert Thread.objects.filter(topic="privacy").exclude(assignee=None).count() == 1
