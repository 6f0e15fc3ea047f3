"""Tell a friend (P05): one email per referral, ever; nothing to a friend who refused email or
was invited recently, with the same page for the sender; the report link; the counts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from azultel.accounts.models import User
from azultel.accounts.testing import customer_create, staff_create
from azultel.catalog.models import Product
from azultel.comms.models import MessageCategory, OutboxMessage
from azultel.comms.services import outbox_deliver_due, suppression_add
from azultel.core.actors import system_actor
from azultel.privacy.models import ConsentSource
from azultel.privacy.selectors import SOLICITATION_TOPICS
from azultel.privacy.services import consent_record, subject_for_email
from azultel.referrals.models import BlockedAddress, Referral
from azultel.referrals.services import report_token
from azultel.referrals.tests.conftest import FRIEND
from azultel.referrals.tests.factories import ReferralFactory

pytestmark = pytest.mark.django_db

CONFIRMATION = "Thank you for telling a friend"


def _main(response: Any) -> str:
    """The page's main content (the layout around it carries per-request tokens)."""
    page = response.content.decode()
    return page[page.index("<main") : page.index("</main>")]


def _refer(client: Client, *, email: str = FRIEND, **extra: str) -> Any:
    data = {"friend_name": "Ana", "friend_email": email, "note": "", "product": ""}
    data.update(extra)
    return client.post("/tell-a-friend/", data, follow=True)


@pytest.mark.promise("P05")
def test_p05_a_customer_refers_a_friend_who_gets_exactly_one_email(
    signed_in: Client, plan: Product, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = _refer(signed_in, product="fiber-500", note="We love ours.")
    # Delivering again (the sweep) sends nothing new: one email per referral, ever.
    outbox_deliver_due()

    assert CONFIRMATION in response.content.decode()
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [FRIEND]
    assert "Azultel" in email.from_email
    assert email.subject == "Maria Lopez thinks you might like Azultel"
    assert "Maria Lopez used the" in email.body and "Fiber 500" in email.body
    assert "We love ours." in email.body
    assert "only email you will get because of this suggestion" in email.body
    assert "https://www.azultel.example/tell-a-friend/report/" in email.body
    referral = Referral.objects.get()
    message = OutboxMessage.objects.get()
    assert referral.product_slug == "fiber-500" and referral.message_id == message.id
    assert message.category == MessageCategory.REFERRAL_INVITATION
    assert message.status == "sent" and message.to_address == ""
    assert message.data_subject is None
    assert referral.friend_hash == message.to_fingerprint


@pytest.mark.promise("P05")
def test_p05_a_second_referral_to_the_same_address_within_30_days_sends_nothing(
    signed_in: Client, django_capture_on_commit_callbacks: Any
) -> None:
    other = Client()
    other.force_login(customer_create(email="jon@example.com", given_name="Jon"))
    with django_capture_on_commit_callbacks(execute=True):
        first = _refer(signed_in)
        second = _refer(other, email=FRIEND.upper())

    assert CONFIRMATION in first.content.decode() and CONFIRMATION in second.content.decode()
    assert len(mail.outbox) == 1
    assert Referral.objects.count() == 1 and OutboxMessage.objects.count() == 1


@pytest.mark.promise("P05")
def test_p05_after_30_days_a_new_referral_may_send_one_more_email(
    signed_in: Client, django_capture_on_commit_callbacks: Any
) -> None:
    old = ReferralFactory(friend_email=FRIEND)
    Referral.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    with django_capture_on_commit_callbacks(execute=True):
        _refer(signed_in)

    assert len(mail.outbox) == 1 and Referral.objects.count() == 2


@pytest.mark.promise("P05")
def test_p05_a_friend_on_the_suppression_list_gets_nothing_and_the_sender_cannot_tell(
    signed_in: Client, django_capture_on_commit_callbacks: Any
) -> None:
    suppression_add(email=FRIEND, reason="manual", actor=system_actor("tests"))
    with django_capture_on_commit_callbacks(execute=True):
        refused = _refer(signed_in)
    with django_capture_on_commit_callbacks(execute=True):
        accepted = _refer(signed_in, email="someone.else@example.com")

    assert refused.status_code == accepted.status_code == 200
    assert refused.redirect_chain == accepted.redirect_chain
    assert _main(refused) == _main(accepted)
    assert [m.to for m in mail.outbox] == [["someone.else@example.com"]]
    assert not OutboxMessage.objects.filter(to_fingerprint=Referral.objects.get().friend_hash)[1:]
    assert Referral.objects.count() == 1 and OutboxMessage.objects.count() == 1


@pytest.mark.promise("P05")
def test_p05_a_friend_who_refused_all_marketing_in_the_ledger_gets_nothing(
    signed_in: Client, django_capture_on_commit_callbacks: Any
) -> None:
    subject = subject_for_email(email=FRIEND)
    for topic in SOLICITATION_TOPICS:
        consent_record(
            subject=subject, topic=topic, granted=False, source=ConsentSource.UNSUBSCRIBE_LINK
        )
    with django_capture_on_commit_callbacks(execute=True):
        response = _refer(signed_in)

    assert CONFIRMATION in response.content.decode()
    assert mail.outbox == []
    assert not Referral.objects.exists() and not OutboxMessage.objects.exists()


@pytest.mark.promise("P05")
def test_p05_a_friend_who_unsubscribed_from_an_invitation_gets_no_second_one(
    signed_in: Client, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _refer(signed_in)
    message = OutboxMessage.objects.get()
    from azultel.comms.tokens import unsubscribe_token

    Client().post(f"/email/unsubscribe/{unsubscribe_token(message.id)}/", {"scope": "all"})
    Referral.objects.update(created_at=timezone.now() - timedelta(days=60))
    with django_capture_on_commit_callbacks(execute=True):
        _refer(signed_in)

    assert len(mail.outbox) == 1
    assert Referral.objects.count() == 1 and OutboxMessage.objects.count() == 1


@pytest.mark.promise("P05")
def test_p05_the_report_link_blocks_every_further_invitation(
    signed_in: Client, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _refer(signed_in)
    link = mail.outbox[0].body.split("https://www.azultel.example", 2)[-1].split()[0]
    friend = Client()

    asked = friend.get(link)
    done = friend.post(link)
    Referral.objects.update(created_at=timezone.now() - timedelta(days=60))
    with django_capture_on_commit_callbacks(execute=True):
        again = _refer(signed_in)

    assert "Stop all invitations to my address" in asked.content.decode()
    assert "Invitations stopped" in done.content.decode()
    assert BlockedAddress.objects.get().fingerprint == Referral.objects.get().friend_hash
    assert CONFIRMATION in again.content.decode()
    assert len(mail.outbox) == 1 and OutboxMessage.objects.count() == 1


def test_a_forged_report_link_is_refused_and_blocks_nothing(client: Client) -> None:
    forged = report_token("0" * 64)[:-3] + "abc"

    response = client.post(f"/tell-a-friend/report/{forged}/")

    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()
    assert not BlockedAddress.objects.exists()


@pytest.mark.promise("P05")
def test_p05_a_visitor_answers_the_sum_and_the_friend_gets_one_email(
    client: Client, visitor_post: Callable[..., Any], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = visitor_post(client)

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Jon Visitor thinks you might like Azultel"
    referral = Referral.objects.get()
    assert referral.by_visitor and referral.referrer is None


def test_the_referrer_sees_counts_in_the_account_and_marketing_on_the_staff_page(
    signed_in: Client, customer: User, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _refer(signed_in)
    Referral.objects.update(signed_up_at=timezone.now())
    marketing = Client()
    marketing.force_login(staff_create(role="marketing"))

    account = signed_in.get("/account/")
    report = marketing.get("/staff/referrals/")
    refused = signed_in.get("/staff/referrals/")

    assert "You have sent 1 invitation." in account.content.decode()
    assert "Friends who signed up: 1." in account.content.decode()
    assert report.status_code == 200
    assert report.context["report"].all_time == report.context["report"].by_customers
    assert (
        report.context["report"].all_time.sent,
        report.context["report"].all_time.signed_up,
    ) == (
        1,
        1,
    )
    assert refused.status_code in {302, 403}
