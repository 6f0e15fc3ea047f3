"""The unsubscribe link: GET confirms and changes nothing; POST withdraws at once (P12, P21);
forged or altered tokens get a friendly page and write nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from azultel.comms.models import MessageCategory, OutboxMessage
from azultel.comms.services import message_send
from azultel.comms.tests.conftest import NOTICE
from azultel.comms.tokens import unsubscribe_token, unsubscribe_token_read
from azultel.core.models import AuditEvent
from azultel.privacy.models import ConsentEvent, ConsentSource, ConsentTopic, DataSubject
from azultel.privacy.selectors import SOLICITATION_TOPICS, consent_states


def _newsletter() -> OutboxMessage:
    return message_send(
        category=MessageCategory.NEWSLETTER,
        to="lucia.mendez@example.com",
        template="notice",
        context=NOTICE,
    )


def _url(message: OutboxMessage) -> str:
    return reverse("comms:unsubscribe", kwargs={"token": unsubscribe_token(message.id)})


def _ledger_size() -> int:
    return ConsentEvent.objects.count()


@pytest.mark.promise("P12")
@pytest.mark.django_db
def test_get_shows_a_confirmation_and_changes_nothing(subscriber: DataSubject) -> None:
    url = _url(_newsletter())
    before = _ledger_size()

    response = Client().get(url)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Unsubscribe</h1>" in html
    assert "Only this kind of email: newsletters" in html
    assert "All marketing email from Azultel" in html
    assert 'name="robots" content="noindex"' in html
    assert "no-store" in response["Cache-Control"]
    assert _ledger_size() == before
    assert consent_states(subject=subscriber)[ConsentTopic.NEWSLETTER] is True


@pytest.mark.promise("P12")
@pytest.mark.django_db
def test_the_confirmation_form_withdraws_this_kind_at_once(subscriber: DataSubject) -> None:
    url = _url(_newsletter())

    response = Client(enforce_csrf_checks=True).post(url, {"scope": "this"})

    assert response.status_code == 200
    assert "You are unsubscribed" in response.content.decode()
    states = consent_states(subject=subscriber)
    assert states[ConsentTopic.NEWSLETTER] is False
    assert states[ConsentTopic.SPECIAL_OFFERS] is True
    assert (
        ConsentEvent.objects.filter(
            subject=subscriber, source=ConsentSource.UNSUBSCRIBE_LINK
        ).count()
        == 1
    )
    assert AuditEvent.objects.filter(action="comms.unsubscribed").count() == 1


@pytest.mark.promise("P12")
@pytest.mark.django_db
def test_all_marketing_withdraws_every_solicitation_topic(subscriber: DataSubject) -> None:
    url = _url(_newsletter())

    response = Client().post(url, {"scope": "all"})

    assert response.status_code == 200
    states = consent_states(subject=subscriber)
    assert {topic: states[topic] for topic in SOLICITATION_TOPICS} == dict.fromkeys(
        SOLICITATION_TOPICS, False
    )
    html = response.content.decode()
    assert "Special offers" in html
    assert "Newsletters" in html


@pytest.mark.promise("P21")
@pytest.mark.django_db
def test_rfc_8058_one_click_needs_no_cookie_or_csrf_token(subscriber: DataSubject) -> None:
    url = _url(_newsletter())

    response = Client(enforce_csrf_checks=True).post(
        url, data="List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    repeated = Client(enforce_csrf_checks=True).post(
        url, data="List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )

    assert (response.status_code, repeated.status_code) == (200, 200)
    assert consent_states(subject=subscriber)[ConsentTopic.NEWSLETTER] is False
    assert ConsentEvent.objects.filter(source=ConsentSource.UNSUBSCRIBE_LINK).count() == 1


@pytest.mark.promise("P21")
@pytest.mark.django_db
def test_a_person_who_never_answered_is_recorded_as_refusing() -> None:
    url = _url(_newsletter())
    subject = DataSubject.objects.get(email="lucia.mendez@example.com")

    response = Client().post(url, {"scope": "this"})

    assert response.status_code == 200
    assert consent_states(subject=subject) == {ConsentTopic.NEWSLETTER: False}


@pytest.mark.django_db
@pytest.mark.parametrize("scope", ["", "everything", "this;all"])
def test_a_bad_choice_is_shown_as_an_error_and_writes_nothing(
    subscriber: DataSubject, scope: str
) -> None:
    url = _url(_newsletter())
    before = _ledger_size()

    response = Client().post(url, {"scope": scope})

    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html
    assert 'id="id_scope_error"' in html
    assert _ledger_size() == before
    assert consent_states(subject=subscriber)[ConsentTopic.NEWSLETTER] is True


@pytest.mark.promise("P21")
@pytest.mark.django_db
def test_no_email_address_appears_in_the_unsubscribe_url(subscriber: DataSubject) -> None:
    message = _newsletter()

    url = _url(message)

    assert "@" not in url
    assert "lucia" not in url.lower()
    assert unsubscribe_token_read(url.split("/")[-2]) == message.id


@pytest.mark.django_db
@pytest.mark.parametrize(
    "mangle",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: token.replace(":", ";", 1),
        lambda token: "garbage",
        lambda token: token.split(":", 1)[0],
    ],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_an_altered_token_gets_a_friendly_page_and_writes_nothing(
    subscriber: DataSubject, mangle: Any, method: str
) -> None:
    token = unsubscribe_token(_newsletter().id)
    before = (_ledger_size(), AuditEvent.objects.count())

    response = getattr(Client(), method)(
        reverse("comms:unsubscribe", kwargs={"token": mangle(token)}), {"scope": "all"}
    )

    assert response.status_code == 404
    assert "This unsubscribe link does not work" in response.content.decode()
    assert (_ledger_size(), AuditEvent.objects.count()) == before


@pytest.mark.django_db
def test_a_token_signed_for_another_purpose_is_refused(subscriber: DataSubject) -> None:
    from django.core import signing

    message = _newsletter()
    token = signing.dumps(message.id.hex, salt="something.else")

    response = Client().post(reverse("comms:unsubscribe", kwargs={"token": token}), {})

    assert response.status_code == 404
    assert consent_states(subject=subscriber)[ConsentTopic.NEWSLETTER] is True


@pytest.mark.django_db
def test_a_transactional_message_has_no_unsubscribe_page(subscriber: DataSubject) -> None:
    message = message_send(
        category=MessageCategory.CONFIRMATION,
        to="lucia.mendez@example.com",
        template="notice",
        context=NOTICE,
    )
    before = _ledger_size()

    response = Client().post(_url(message), {"scope": "all"})

    assert response.status_code == 404
    assert _ledger_size() == before


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
# Lone surrogates (category Cs) cannot be put in a URL at all, by a browser or the test client.
@given(
    token=st.text(
        alphabet=st.characters(exclude_characters="/?#%", exclude_categories=("Cs",)),
        min_size=1,
        max_size=300,
    )
)
def test_arbitrary_tokens_never_cause_a_server_error(token: str) -> None:
    response = Client().post(f"/email/unsubscribe/{token}/", {"scope": "all"})

    assert response.status_code in (404, 400)
    assert ConsentEvent.objects.count() == 0


@pytest.mark.promise("P21")
def test_the_token_is_the_same_whenever_it_is_signed(monkeypatch: pytest.MonkeyPatch) -> None:
    # Given one message id signed at two different seconds (queued, then delivered later)
    import time
    import uuid

    message_id = uuid.uuid4()
    monkeypatch.setattr(time, "time", lambda: 1_800_000_000.0)
    at_queueing = unsubscribe_token(message_id)
    monkeypatch.setattr(time, "time", lambda: 1_800_000_007.0)
    at_delivery = unsubscribe_token(message_id)

    # Then the body's link and the List-Unsubscribe header carry the same token
    assert at_queueing == at_delivery
    assert unsubscribe_token_read(at_delivery) == message_id


def test_links_in_emails_sent_before_tokens_became_deterministic_still_work() -> None:
    import uuid

    from django.core import signing

    message_id = uuid.uuid4()
    old_style = signing.dumps(message_id.hex, salt="azultel.comms.unsubscribe", compress=False)

    assert unsubscribe_token_read(old_style) == message_id


@pytest.mark.promise("P12")
@pytest.mark.django_db
def test_the_unsubscribe_page_chooses_nothing_in_advance(subscriber: DataSubject) -> None:
    token = unsubscribe_token(_newsletter().id)

    page = Client().get(f"/email/unsubscribe/{token}/").content.decode()
    unchosen = Client().post(f"/email/unsubscribe/{token}/", {})

    assert page.count('type="radio"') == 2 and "checked" not in page
    assert unchosen.status_code == 400
    assert "Choose what we should stop sending." in unchosen.content.decode()
    assert consent_states(subject=subscriber)[ConsentTopic.NEWSLETTER] is True
