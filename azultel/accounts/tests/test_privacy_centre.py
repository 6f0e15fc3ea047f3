"""The privacy centre (P12, P30, B1, B4) and the local phone customer profile (P10)."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from azultel.accounts.models import CustomerProfile
from azultel.accounts.testing import customer_create
from azultel.catalog.tests.factories import ServiceAreaFactory
from azultel.comms.models import OutboxMessage
from azultel.comms.services import message_send
from azultel.core.actors import system_actor
from azultel.privacy.models import ConsentEvent, ConsentTopic, Disclosure
from azultel.privacy.selectors import consent_is_granted, policy_current
from azultel.privacy.services import consent_record, disclosure_make, subject_for_user


@pytest.fixture
def customer(client: Client):  # type: ignore[no-untyped-def]
    user = customer_create(email="lee@example.com")
    client.force_login(user)
    return user


@pytest.mark.promise("B4")
@pytest.mark.django_db
def test_every_topic_is_listed_with_its_state_and_history(
    client: Client, customer, site_content
) -> None:  # type: ignore[no-untyped-def]
    subject = subject_for_user(user=customer)
    consent_record(subject=subject, topic="newsletter", granted=True, source="registration")
    consent_record(subject=subject, topic="newsletter", granted=False, source="unsubscribe_link")

    html = client.get("/account/privacy/").content.decode()

    for topic in ConsentTopic:
        assert f'id="topic-{topic.value}"' in html
    history = html.split('id="topic-newsletter"', 1)[1].split('class="topic"', 1)[0]
    assert "Unsubscribe link in an email" in history and "Registration form" in history
    assert policy_current().version in history


@pytest.mark.promise("P12")
@pytest.mark.django_db(transaction=True)
def test_switching_off_newsletters_stops_the_very_next_send(client: Client, customer) -> None:  # type: ignore[no-untyped-def]
    consent_record(
        subject=subject_for_user(user=customer),
        topic="newsletter",
        granted=True,
        source="registration",
    )

    response = client.post("/account/privacy/consent/", {"topic": "newsletter", "granted": "0"})
    message_send(
        category="newsletter",
        to=customer.email,
        template="notice",
        context={"title": "November news", "paragraphs": ["Our newsletter."]},
        subject=subject_for_user(user=customer),
    )

    assert response.status_code == 302
    assert consent_is_granted(subject=subject_for_user(user=customer), topic="newsletter") is False
    assert ConsentEvent.objects.filter(topic="newsletter", source="profile").count() == 1
    assert OutboxMessage.objects.get(category="newsletter").status == "suppressed"
    assert mail.outbox == []


@pytest.mark.promise("P30")
@pytest.mark.promise("P07")
@pytest.mark.django_db
def test_cpni_approval_comes_with_the_required_notice_and_is_recorded_once_confirmed(
    client: Client, customer
) -> None:  # type: ignore[no-untyped-def]
    html = client.get("/account/privacy/").content.decode()
    section = html.split('id="cpni-title"', 1)[1].split("</section>", 1)[0]

    asked = client.post("/account/privacy/consent/", {"topic": "cpni_marketing", "granted": "1"})
    events_before_confirming = ConsentEvent.objects.count()
    confirm_page = client.get(asked["Location"]).content.decode()
    client.post("/account/privacy/cpni/", {"confirm": "approve"})

    for text in (
        "CPNI is information we have because we provide your phone service",
        "right to refuse",
        "does not affect your service",
        "never sell CPNI",
        "at least a year",
    ):
        assert text in section
    assert asked["Location"] == "/account/privacy/cpni/"
    assert events_before_confirming == 0
    for text in (
        "only to tell you about other kinds of Azultel service",
        "withdraw it at any time",
    ):
        assert text in confirm_page
    event = ConsentEvent.objects.get(topic="cpni_marketing")
    assert (event.granted, event.source, event.actor) == (True, "profile", customer)


@pytest.mark.promise("P07")
@pytest.mark.django_db
@pytest.mark.parametrize("data", [{}, {"confirm": "yes please"}, {"confirm": ""}])
def test_cpni_approval_without_the_confirmation_changes_nothing(
    client: Client, customer, data: dict[str, str]
) -> None:  # type: ignore[no-untyped-def]
    asked = client.post("/account/privacy/consent/", {"topic": "cpni_marketing", "granted": "1"})
    unconfirmed = client.post("/account/privacy/cpni/", data)

    assert asked.status_code == 302 and unconfirmed.status_code == 302
    assert ConsentEvent.objects.count() == 0
    assert (
        consent_is_granted(subject=subject_for_user(user=customer), topic="cpni_marketing") is False
    )


@pytest.mark.promise("P07")
@pytest.mark.django_db
def test_withdrawing_cpni_approval_needs_no_confirmation(client: Client, customer) -> None:  # type: ignore[no-untyped-def]
    consent_record(
        subject=subject_for_user(user=customer),
        topic="cpni_marketing",
        granted=True,
        source="profile",
    )

    client.post("/account/privacy/consent/", {"topic": "cpni_marketing", "granted": "0"})

    assert (
        consent_is_granted(subject=subject_for_user(user=customer), topic="cpni_marketing") is False
    )


def _topic_block(html: str, topic: str) -> str:
    return html.split(f'id="topic-{topic}"', 1)[1].split('class="topic"', 1)[0]


def _radio(block: str, value: str) -> str:
    return re.search(rf'<input type="radio"[^>]*value="{value}"[^>]*>', block).group(0)  # type: ignore[union-attr]


def _same_style(radio: str) -> str:
    """The radio's markup without what must differ: its value, id and checked state."""
    return re.sub(r' (value|id)="[^"]*"| checked', "", radio)


def _label_classes(block: str) -> list[str]:
    return re.findall(r'<label for="[^"]+"([^>]*)>', block)


@pytest.mark.promise("P09")
@pytest.mark.promise("B4")
@pytest.mark.django_db
def test_choices_are_neutral_and_nothing_is_checked_before_an_answer(
    client: Client, customer
) -> None:  # type: ignore[no-untyped-def]
    consent_record(
        subject=subject_for_user(user=customer), topic="surveys", granted=False, source="profile"
    )
    consent_record(
        subject=subject_for_user(user=customer), topic="newsletter", granted=True, source="profile"
    )

    html = client.get("/account/privacy/").content.decode()

    for topic in ConsentTopic:
        block = _topic_block(html, topic.value)
        yes, no = _radio(block, "1"), _radio(block, "0")
        # yes first, then no; both options styled alike (no class singles one out)
        assert block.index(yes) < block.index(no)
        assert _label_classes(block) == ["", ""]
        assert _same_style(yes) == _same_style(no)
    unanswered = _topic_block(html, "special_offers")
    assert "checked" not in unanswered
    assert "Not answered: we treat this as" in unanswered
    assert "checked" in _radio(_topic_block(html, "surveys"), "0")
    assert "checked" not in _radio(_topic_block(html, "surveys"), "1")
    assert "checked" in _radio(_topic_block(html, "newsletter"), "1")
    for colour_class in ("success", "danger", "state-on", "state-off", "button-danger"):
        assert (
            colour_class
            not in html.split('id="email-title"', 1)[1].split('id="disclosures-title"', 1)[0]
        )


@pytest.mark.django_db
def test_saving_without_choosing_yes_or_no_changes_nothing(client: Client, customer) -> None:  # type: ignore[no-untyped-def]
    response = client.post("/account/privacy/consent/", {"topic": "surveys"}, follow=True)

    assert "Choose yes or no" in response.content.decode()
    assert ConsentEvent.objects.count() == 0


@pytest.mark.promise("P17")
@pytest.mark.django_db
def test_profiling_choice_is_offered_and_recorded(client: Client, customer) -> None:  # type: ignore[no-untyped-def]
    client.post("/account/privacy/consent/", {"topic": "profiling_combination", "granted": "1"})

    assert (
        consent_is_granted(subject=subject_for_user(user=customer), topic="profiling_combination")
        is True
    )


@pytest.mark.promise("B1")
@pytest.mark.django_db
def test_gpc_status_is_shown_and_sharing_cannot_be_switched_on_under_gpc(
    client: Client, customer
) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/account/privacy/", HTTP_SEC_GPC="1").content.decode()
    refused = client.post(
        "/account/privacy/consent/",
        {"topic": "data_sharing", "granted": "1"},
        HTTP_SEC_GPC="1",
        follow=True,
    )

    assert "Your browser is sending the Global Privacy Control signal" in page
    assert "keep sharing switched off" in refused.content.decode()
    assert (
        consent_is_granted(subject=subject_for_user(user=customer), topic="data_sharing") is False
    )
    assert ConsentEvent.objects.filter(topic="data_sharing", source="gpc").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [{"topic": "sell_everything", "granted": "1"}, {"topic": "newsletter", "granted": "maybe"}, {}],
)
def test_tampered_consent_posts_change_nothing(
    client: Client, customer, data: dict[str, str]
) -> None:  # type: ignore[no-untyped-def]
    response = client.post("/account/privacy/consent/", data)

    assert response.status_code == 302
    assert ConsentEvent.objects.count() == 0


@pytest.mark.promise("P14")
@pytest.mark.django_db
def test_disclosures_about_the_person_are_listed(client: Client, customer) -> None:  # type: ignore[no-untyped-def]
    disclosure_make(
        actor=system_actor("directory-feed"),
        recipient="Regional Directory Publisher LLC",
        basis="directory_publishing",
        basis_reference="agreement 2026",
        categories=["user.name"],
        subjects=[subject_for_user(user=customer)],
        payload=b"x",
    )

    html = client.get("/account/privacy/").content.decode()

    assert "Regional Directory Publisher LLC" in html
    assert "To publish your phone directory listing, as you chose" in html


@pytest.mark.promise("P14")
@pytest.mark.django_db
def test_repeated_disclosures_are_listed_once_in_plain_words(client: Client, customer) -> None:  # type: ignore[no-untyped-def]
    subject = subject_for_user(user=customer)
    for _ in range(2):
        disclosure_make(
            actor=system_actor("credit-bureau"),
            recipient="Azultel sandbox credit bureau (test data only)",
            basis="customer_authorization",
            basis_reference="order AZ-1001: credit check the customer asked for at checkout",
            categories=["user.name", "user.government_id", "user.date_of_birth"],
            subjects=[subject],
            payload=b"check",
        )
    disclosure_make(
        actor=system_actor("directory-feed"),
        recipient="Regional Directory Publisher LLC",
        basis="directory_publishing",
        basis_reference="agreement 2026",
        categories=["user.name", "user.contact.phone"],
        subjects=[subject],
        payload=b"x",
    )

    html = client.get("/account/privacy/").content.decode()
    section = html.split('id="disclosures-title"', 1)[1].split("</section>", 1)[0]

    assert Disclosure.objects.count() == 3
    assert section.count("credit bureau") == 1
    assert section.count("Regional Directory Publisher LLC") == 1
    assert "Government identifier (Social Security number)" in section
    assert "Telephone number" in section
    for code in ("customer_authorization", "directory_publishing", "user.", "government_id"):
        assert code not in section


@pytest.mark.promise("P10")
@pytest.mark.django_db
def test_local_profile_is_offered_and_kept_only_inside_the_service_area(client: Client) -> None:
    ServiceAreaFactory(
        zip_code="33131", state="FL", city="Miami", copper=True, dsl=False, fiber=False
    )
    inside = customer_create(zip_code="33131")
    outside = customer_create(zip_code="10001", state="NY", city="New York")

    client.force_login(inside)
    offered = client.get("/account/profile/").content.decode()
    client.post("/account/profile/local/", {"action": "enable"})
    client.force_login(outside)
    not_offered = client.get("/account/profile/").content.decode()
    refused = client.post("/account/profile/local/", {"action": "enable"}, follow=True)

    assert "Keep a local phone customer profile" in offered
    assert CustomerProfile.objects.get(user=inside).has_local_profile
    assert "Keep a local phone customer profile" not in not_offered
    assert "only available for addresses in our service area" in refused.content.decode()
    assert not CustomerProfile.objects.get(user=outside).has_local_profile
