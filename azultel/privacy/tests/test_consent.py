"""The consent ledger (B4) and Global Privacy Control (B1)."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client

from azultel.accounts.models import User
from azultel.accounts.tests.factories import UserFactory
from azultel.privacy.models import (
    AppendOnlyError,
    ConsentEvent,
    ConsentSource,
    ConsentState,
    ConsentTopic,
    DataSubject,
)
from azultel.privacy.selectors import (
    consent_history,
    consent_is_granted,
    consent_states,
    policy_current,
)
from azultel.privacy.services import consent_record, subject_for_email, subject_for_user


@pytest.fixture
def customer(db: None) -> User:
    return UserFactory(email="lee@example.com", given_name="Lee", family_name="K")


@pytest.mark.promise("B4")
def test_every_change_is_a_ledger_entry_and_the_state_follows(
    customer: User, site_content: None
) -> None:
    subject = subject_for_user(user=customer)

    consent_record(subject=subject, topic="newsletter", granted=True, source="registration")
    consent_record(subject=subject, topic="newsletter", granted=False, source="unsubscribe_link")

    history = list(consent_history(subject=subject))
    assert [(e.granted, e.source) for e in history] == [
        (False, "unsubscribe_link"),
        (True, "registration"),
    ]
    assert all(e.policy_version == policy_current() for e in history)
    assert consent_is_granted(subject=subject, topic="newsletter") is False
    state = ConsentState.objects.get(subject=subject, topic="newsletter")
    assert state.last_event == history[0]


@pytest.mark.promise("P18")
def test_solicitation_topics_default_to_not_granted(customer: User) -> None:
    subject = subject_for_user(user=customer)

    assert all(not consent_is_granted(subject=subject, topic=t) for t in ConsentTopic.values)
    assert consent_states(subject=subject) == {}


@pytest.mark.promise("B4")
def test_current_state_is_one_indexed_query(customer: User, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    subject = subject_for_user(user=customer)
    consent_record(subject=subject, topic="surveys", granted=True, source="profile")

    with django_assert_num_queries(1):
        assert consent_is_granted(subject=subject, topic="surveys") is True


@pytest.mark.promise("B4")
def test_ledger_entries_cannot_be_changed_or_deleted(customer: User) -> None:
    event = consent_record(
        subject=subject_for_user(user=customer),
        topic="newsletter",
        granted=True,
        source="registration",
    )

    event.granted = False
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        ConsentEvent.objects.filter(pk=event.pk).update(granted=False)
    with pytest.raises(AppendOnlyError):
        ConsentEvent.objects.all().delete()

    assert ConsentEvent.objects.get(pk=event.pk).granted is True


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("topic", "source", "message"),
    [
        ("sell_my_data", "profile", "Unknown consent topic"),
        ("newsletter", "guess", "Unknown consent source"),
    ],
)
def test_bad_topic_or_source_is_refused_and_writes_nothing(
    customer: User, topic: str, source: str, message: str
) -> None:
    subject = subject_for_user(user=customer)

    with pytest.raises(ValueError, match=message):
        consent_record(subject=subject, topic=topic, granted=True, source=source)

    assert ConsentEvent.objects.count() == 0 and ConsentState.objects.count() == 0


@pytest.mark.django_db
def test_state_and_ledger_roll_back_together(customer: User) -> None:
    subject = subject_for_user(user=customer)

    with pytest.raises(RuntimeError), transaction.atomic():
        consent_record(subject=subject, topic="newsletter", granted=True, source="profile")
        raise RuntimeError("the caller's transaction fails")

    assert ConsentEvent.objects.count() == 0 and ConsentState.objects.count() == 0


@pytest.mark.django_db
def test_email_subject_joins_the_account_when_one_exists(customer: User) -> None:
    assert subject_for_email(email="LEE@example.com") == subject_for_user(user=customer)
    stranger = subject_for_email(email="Friend@Example.com ")
    assert stranger.email == "friend@example.com" and stranger.user is None
    assert subject_for_email(email="friend@example.com") == stranger
    assert DataSubject.objects.count() == 2


@pytest.mark.promise("B1")
def test_gpc_json_is_published(client: Client) -> None:
    response = client.get("/.well-known/gpc.json")

    assert response.status_code == 200
    assert response.json()["gpc"] is True
    assert response["Content-Type"] == "application/json"


@pytest.mark.promise("B1")
@pytest.mark.django_db
def test_gpc_from_a_signed_in_person_records_a_sharing_withdrawal_once(
    customer: User, client: Client
) -> None:
    client.force_login(customer)
    subject = subject_for_user(user=customer)
    consent_record(subject=subject, topic="data_sharing", granted=True, source="profile")

    client.get("/", HTTP_SEC_GPC="1")
    client.get("/contact/", HTTP_SEC_GPC="1")

    withdrawals = ConsentEvent.objects.filter(subject=subject, topic="data_sharing", granted=False)
    assert withdrawals.count() == 1
    assert withdrawals.get().source == ConsentSource.GPC
    assert consent_is_granted(subject=subject, topic="data_sharing") is False


@pytest.mark.promise("B1")
@pytest.mark.django_db
def test_gpc_sets_request_flags_and_anonymous_visits_write_nothing(client: Client) -> None:
    from django.test import RequestFactory

    from azultel.privacy.middleware import GlobalPrivacyControlMiddleware

    seen = {}

    def view(request):  # type: ignore[no-untyped-def]
        seen.update(gpc=request.gpc, dnt=request.dnt, tailoring=request.ad_tailoring_allowed)
        from django.http import HttpResponse

        return HttpResponse()

    request = RequestFactory().get("/", HTTP_SEC_GPC="1", HTTP_DNT="1")
    GlobalPrivacyControlMiddleware(view)(request)
    client.get("/", HTTP_SEC_GPC="1")

    assert seen == {"gpc": True, "dnt": True, "tailoring": False}
    assert ConsentEvent.objects.count() == 0
