"""The staff inbox: care staff answer sales, billing and technical threads; privacy threads only
the privacy officer (P23, least privilege). Replies reach the customer through the outbox and
appear on their private page; internal notes never leave the inbox."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from azultel.accounts.models import User
from azultel.accounts.testing import customer_create, staff_create
from azultel.comms.models import OutboxMessage
from azultel.comms.services import message_deliver
from azultel.contact import selectors, services
from azultel.contact.models import EntryKind, Status, Thread, ThreadEntry
from azultel.contact.tests.factories import ThreadFactory, thread_send
from azultel.contact.tokens import thread_token

pytestmark = pytest.mark.django_db


def test_a_staff_reply_reaches_the_customer_through_the_outbox_and_on_the_private_page(
    care: User, care_client: Client
) -> None:
    thread = thread_send(topic="billing")

    response = care_client.post(
        f"/staff/contact/threads/{thread.pk}/reply/",
        {"reply": "The increase is the end of your 12-month promotion."},
    )

    assert response.status_code == 302
    reply = OutboxMessage.objects.get(template="contact_reply")
    assert reply.to_address == "ana.torres@example.com" and reply.category == "reply"
    assert "The increase is the end of your 12-month promotion." in reply.body_text
    assert reply.reply_to == f"reply+{thread_token(thread.id)}@www.azultel.example"
    assert message_deliver(message_id=reply.id).status == "sent"
    thread.refresh_from_db()
    assert thread.status == Status.WAITING and thread.first_response_seconds is not None
    page = Client().get(f"/contact/thread/{thread_token(thread.id)}/").content.decode()
    assert "The increase is the end of your 12-month promotion." in page


def test_internal_notes_are_never_emailed_nor_shown_to_the_customer(
    care_client: Client, privacy_client: Client
) -> None:
    thread = thread_send(topic="billing")
    private = thread_send(topic="privacy", email="b@example.com")
    note = "Customer sounded upset; check the promotion end date"

    care_client.post(f"/staff/contact/threads/{thread.pk}/note/", {"note": note})
    privacy_client.post(f"/staff/contact/threads/{private.pk}/note/", {"note": note})
    care_client.post(f"/staff/contact/threads/{thread.pk}/reply/", {"reply": "Here is why."})
    privacy_client.post(f"/staff/contact/threads/{private.pk}/reply/", {"reply": "Done."})
    customer_page = Client().get(f"/contact/thread/{thread_token(thread.id)}/").content.decode()

    assert ThreadEntry.objects.filter(kind=EntryKind.NOTE).count() == 2
    assert OutboxMessage.objects.count() == 4  # two acknowledgements, two replies
    for message in OutboxMessage.objects.all():
        assert note not in message.body_text and note not in message.body_html
        assert note not in message.subject_line
    assert note not in customer_page and "Here is why." in customer_page
    assert note in care_client.get(f"/staff/contact/threads/{thread.pk}/").content.decode()


@pytest.mark.promise("P23")
def test_privacy_threads_are_only_in_the_privacy_officers_queue(
    care_client: Client, privacy_client: Client
) -> None:
    billing = thread_send(topic="billing", name="Bill Payer")
    private = thread_send(topic="privacy", name="Privacy Asker")

    care_inbox = care_client.get("/staff/contact/").content.decode()
    assert "Bill Payer" in care_inbox and "Privacy Asker" not in care_inbox
    assert care_client.get(f"/staff/contact/threads/{private.pk}/").status_code == 404
    assert care_client.get("/staff/contact/privacy/").status_code == 403
    response = care_client.post(f"/staff/contact/threads/{private.pk}/reply/", {"reply": "Hi"})
    assert response.status_code == 404
    assert not ThreadEntry.objects.filter(thread=private, kind=EntryKind.REPLY).exists()

    privacy_inbox = privacy_client.get("/staff/contact/privacy/").content.decode()
    assert "Privacy Asker" in privacy_inbox and "Bill Payer" not in privacy_inbox
    assert privacy_client.get(f"/staff/contact/threads/{billing.pk}/").status_code == 404
    assert privacy_client.get(f"/staff/contact/threads/{private.pk}/").status_code == 200


@pytest.mark.promise("P23")
def test_people_without_an_answering_role_cannot_reach_the_inbox() -> None:
    thread = thread_send()
    customer = Client()
    customer.force_login(customer_create())
    hr = Client()
    hr.force_login(staff_create(role="hr_recruiter"))

    assert Client().get("/staff/contact/").status_code in (302, 404)
    assert customer.get("/staff/contact/").status_code in (403, 404)
    assert hr.get("/staff/contact/").status_code == 403
    assert hr.post(f"/staff/contact/threads/{thread.pk}/note/", {"note": "x"}).status_code == 403
    assert not ThreadEntry.objects.filter(kind=EntryKind.NOTE).exists()


def test_assignment_status_and_filters(care: User, care_client: Client) -> None:
    colleague = staff_create(role="customer_care")
    officer = staff_create(role="privacy_officer")
    sales = thread_send(topic="sales", name="Sal Buyer")
    thread_send(topic="support", name="Tech Person")

    assert (
        care_client.post(
            f"/staff/contact/threads/{sales.pk}/assign/", {"assignee": colleague.pk}
        ).status_code
        == 302
    )
    refused = care_client.post(
        f"/staff/contact/threads/{sales.pk}/assign/", {"assignee": officer.pk}
    )
    assert refused.status_code == 400
    sales.refresh_from_db()
    assert sales.assignee == colleague

    def names(query: str) -> set[str]:
        rows = care_client.get(f"/staff/contact/?{query}").context["listing"].rows
        return {t.sender_name for t in rows}

    assert names("topic=sales") == {"Sal Buyer"}
    assert names("topic=technical") == {"Tech Person"}
    assert names(f"assignee={colleague.pk}") == {"Sal Buyer"}
    assert names("assignee=none") == {"Tech Person"}
    assert names("assignee=me") == set()

    care_client.post(f"/staff/contact/threads/{sales.pk}/status/", {"status": "closed"})
    sales.refresh_from_db()
    assert sales.status == Status.CLOSED and sales.closed_at is not None
    assert names("") == {"Tech Person"}
    assert names("status=closed") == {"Sal Buyer"}
    bad = care_client.post(f"/staff/contact/threads/{sales.pk}/status/", {"status": "deleted"})
    assert bad.status_code == 400
    sales.refresh_from_db()
    assert sales.status == Status.CLOSED


def test_an_oversized_or_empty_reply_is_refused_and_nothing_is_sent(care_client: Client) -> None:
    thread = thread_send(topic="sales")

    for body in ("", "x" * 5001):
        response = care_client.post(f"/staff/contact/threads/{thread.pk}/reply/", {"reply": body})
        assert response.status_code == 400

    assert not OutboxMessage.objects.filter(template="contact_reply").exists()
    assert thread.entries.count() == 1


def test_response_time_figures_per_topic_in_two_queries(
    care: User, django_assert_num_queries: Any
) -> None:
    now = timezone.now()
    for minutes in (10, 20, 30, 40, 50, 60, 70, 80, 90, 600):
        ThreadFactory(topic="billing", first_response_seconds=minutes * 60,
                      first_response_at=now, status="waiting")  # fmt: skip
    ThreadFactory(topic="billing")  # waiting for a first reply
    ThreadFactory(topic="sales", first_response_seconds=300, first_response_at=now)
    old = ThreadFactory(topic="sales", first_response_seconds=99999, first_response_at=now)
    Thread.objects.filter(pk=old.pk).update(created_at=now - timedelta(days=31))
    ThreadFactory(topic="privacy", first_response_seconds=1, first_response_at=now)

    selectors.staff_topics(user=care)  # the role's permissions, read once per request
    with django_assert_num_queries(2):
        figures = {f.topic: f for f in selectors.response_figures(user=care)}

    assert set(figures) == {"sales", "billing", "technical"}
    billing = figures["billing"]
    assert (billing.received, billing.waiting_first_reply, billing.answered) == (11, 1, 10)
    assert (billing.median_seconds, billing.p90_seconds) == (50 * 60, 90 * 60)
    assert (figures["sales"].received, figures["sales"].median_seconds) == (1, 300)
    assert figures["technical"].median_seconds is None


def test_the_inbox_takes_the_same_queries_for_5_or_30_threads(
    care: User, care_client: Client, django_assert_max_num_queries: Any
) -> None:
    colleague = staff_create(role="customer_care")
    ThreadFactory.create_batch(5, topic="billing", assignee=colleague)
    care_client.get("/staff/contact/")
    with django_assert_max_num_queries(25) as few:
        care_client.get("/staff/contact/")
    ThreadFactory.create_batch(25, topic="sales", assignee=care)
    with django_assert_max_num_queries(25) as many:
        care_client.get("/staff/contact/")

    assert len(many.captured_queries) == len(few.captured_queries)


def test_a_thread_page_takes_the_same_queries_for_2_or_20_entries(
    care: User, care_client: Client, django_assert_max_num_queries: Any
) -> None:
    thread = thread_send(topic="sales")
    services.staff_reply_send(thread=thread, body="First reply", actor=care)
    care_client.get(f"/staff/contact/threads/{thread.pk}/")  # the session settles
    with django_assert_max_num_queries(30) as few:
        care_client.get(f"/staff/contact/threads/{thread.pk}/")
    for n in range(9):
        services.staff_note_add(thread=thread, body=f"Note {n}", actor=care)
        services.customer_message_add(thread=thread, body=f"More {n}", channel="link")
    with django_assert_max_num_queries(30) as many:
        care_client.get(f"/staff/contact/threads/{thread.pk}/")

    assert len(many.captured_queries) == len(few.captured_queries)
