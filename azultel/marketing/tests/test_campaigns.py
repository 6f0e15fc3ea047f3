"""Drafts refuse script-laden or oversized text; a CPNI campaign is scheduled only after a second
person holding the marketing supervisor role approved it (47 CFR 64.2009(d)), which writes its
CPNI record (64.2009(c)); the test send goes to the staff member's own address."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.utils import timezone

from azultel.accounts.models import User
from azultel.accounts.testing import staff_create
from azultel.comms.models import MessageCategory, OutboxMessage
from azultel.marketing import services
from azultel.marketing.models import Campaign, CampaignStatus, CpniCampaignRecord
from azultel.marketing.services import CampaignRejected
from azultel.marketing.tests.conftest import signed_in
from azultel.marketing.tests.factories import SITE, campaign_make, segment_make

Rows = Callable[[], dict[str, int]]
pytestmark = pytest.mark.django_db


def _form(segment_id: object, body: str) -> dict[str, object]:
    return {
        "name": "December",
        "kind": "newsletter",
        "segment": str(segment_id),
        "subject_line": "News",
        "body": body,
    }


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ("Hello <script>alert(1)</script>", "contains HTML or a script"),
        ("Click <a href='https://evil.example'>here</a>", "contains HTML or a script"),
        ("Go to javascript:alert(1)", "contains HTML or a script"),
        ("<!-- hidden -->", "contains HTML or a script"),
        ("x" * 50_001, "at most 50,000"),
        ("See https://evil.example/login", "Links may only point to this site"),
    ],
)
def test_script_laden_oversized_or_outside_links_are_refused_and_nothing_saved(
    body: str, says: str, marketer: User, marketing_rows: Rows
) -> None:
    segment = segment_make(actor=marketer)
    before = marketing_rows()

    response = signed_in(marketer).post("/staff/marketing/campaigns/new/", _form(segment.pk, body))

    assert response.status_code == 400
    assert says in response.content.decode()
    assert marketing_rows() == before


def test_a_draft_keeps_its_links_to_count_clicks(marketer: User) -> None:
    segment = segment_make(actor=marketer)
    body = f"See {SITE}/shop/ and {SITE}/shop/internet/.\n\nThanks."
    response = signed_in(marketer).post("/staff/marketing/campaigns/new/", _form(segment.pk, body))
    campaign = Campaign.objects.get()
    assert response.status_code == 302
    assert list(campaign.links.values_list("url", flat=True)) == [
        f"{SITE}/shop/",
        f"{SITE}/shop/internet/",
    ]


@pytest.mark.promise("P07")
def test_an_unapproved_cpni_campaign_cannot_be_scheduled_and_nothing_changes(
    marketer: User, marketing_rows: Rows
) -> None:
    campaign = campaign_make(
        segment=segment_make("Phones", {"services_held": ["phone_line"]}, actor=marketer),
        actor=marketer,
    )
    before = marketing_rows()

    response = signed_in(marketer).post(
        f"/staff/marketing/campaigns/{campaign.pk}/schedule/",
        {"when": (timezone.localtime() + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")},
    )

    assert response.status_code == 400
    assert "must approve it before it can be scheduled" in response.content.decode()
    campaign.refresh_from_db()
    assert (campaign.status, campaign.scheduled_for) == (CampaignStatus.DRAFT, None)
    assert marketing_rows() == before


@pytest.mark.promise("P07")
def test_the_author_cannot_approve_their_own_cpni_campaign_even_as_supervisor(
    supervisor: User, marketing_rows: Rows
) -> None:
    campaign = campaign_make(
        segment=segment_make("Phones", {"services_held": ["phone_line"]}, actor=supervisor),
        actor=supervisor,
    )
    services.campaign_submit(campaign=campaign, actor=supervisor)
    before = marketing_rows()

    with pytest.raises(CampaignRejected, match="second person"):
        services.campaign_approve(campaign=campaign, actor=supervisor)
    response = signed_in(supervisor).post(f"/staff/marketing/campaigns/{campaign.pk}/approve/")

    assert response.status_code == 302
    campaign.refresh_from_db()
    assert (campaign.status, campaign.approved_by) == (CampaignStatus.AWAITING_APPROVAL, None)
    assert marketing_rows() == before


@pytest.mark.promise("P07")
def test_marketing_staff_without_the_supervisor_role_cannot_approve(
    marketer: User, marketing_rows: Rows
) -> None:
    author = staff_create(role="marketing")
    campaign = campaign_make(
        segment=segment_make("Phones", {"services_held": ["phone_line"]}, actor=author),
        actor=author,
    )
    services.campaign_submit(campaign=campaign, actor=author)
    before = marketing_rows()

    with pytest.raises(CampaignRejected, match="Only a marketing supervisor"):
        services.campaign_approve(campaign=campaign, actor=marketer)
    assert (
        signed_in(marketer).post(f"/staff/marketing/campaigns/{campaign.pk}/approve/").status_code
        == 403
    )
    assert marketing_rows() == before


@pytest.mark.promise("P07")
def test_a_second_person_approves_then_it_can_be_scheduled_with_its_cpni_record(
    marketer: User, supervisor: User
) -> None:
    campaign = campaign_make(
        segment=segment_make("Phones", {"services_held": ["phone_line"]}, actor=marketer),
        actor=marketer,
    )
    client = signed_in(marketer)
    client.post(f"/staff/marketing/campaigns/{campaign.pk}/submit/")

    signed_in(supervisor).post(
        f"/staff/marketing/campaigns/{campaign.pk}/approve/", {"decision": "approve"}
    )
    client.post(
        f"/staff/marketing/campaigns/{campaign.pk}/schedule/",
        {"when": (timezone.localtime() + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")},
    )

    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.SCHEDULED
    assert campaign.approved_by == supervisor
    record = CpniCampaignRecord.objects.get(campaign=campaign)
    assert record.cpni_used == ["Services held"]
    assert record.offered == "Second phone line"
    assert record.approver_name == supervisor.get_full_name()


def test_a_cpni_campaign_needs_the_products_offered_for_its_record(
    marketer: User, marketing_rows: Rows
) -> None:
    segment = segment_make("Phones", {"services_held": ["phone_line"]}, actor=marketer)
    before = marketing_rows()
    response = signed_in(marketer).post(
        "/staff/marketing/campaigns/new/", _form(segment.pk, "An offer for you.")
    )
    assert response.status_code == 400
    assert "say which products and services" in response.content.decode()
    assert marketing_rows() == before


def test_test_send_goes_to_the_staff_members_own_address_and_counts_nothing(
    marketer: User,
) -> None:
    campaign = campaign_make(segment=segment_make(actor=marketer), actor=marketer)

    response = signed_in(marketer).post(f"/staff/marketing/campaigns/{campaign.pk}/test/")

    assert response.status_code == 302
    message = OutboxMessage.objects.get()
    assert message.to_address == marketer.email
    assert message.category == MessageCategory.REQUESTED_INFO
    assert message.batch == f"campaign-test:{campaign.pk}"
    assert message.subject_line == "[Test] News from Azultel"
    assert f"{SITE}/shop/" in message.body_text and "/m/c/" not in message.body_text
    assert "/m/o/" not in message.body_html


def test_pause_resume_cancel_follow_the_states(marketer: User) -> None:
    campaign = campaign_make(segment=segment_make(actor=marketer), actor=marketer)
    with pytest.raises(CampaignRejected):
        services.campaign_pause(campaign=campaign, actor=marketer)
    services.campaign_schedule(
        campaign=campaign, when=timezone.now() + timedelta(days=1), actor=marketer
    )
    services.campaign_pause(campaign=campaign, actor=marketer)
    services.campaign_resume(campaign=campaign, actor=marketer)
    services.campaign_cancel(campaign=campaign, actor=marketer)
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.CANCELLED
    with pytest.raises(CampaignRejected, match="already ended"):
        services.campaign_cancel(campaign=campaign, actor=marketer)


def test_each_kind_is_sent_in_its_consent_checked_category() -> None:
    from azultel.marketing.models import KIND_CATEGORY, CampaignKind

    assert KIND_CATEGORY == {
        CampaignKind.NEWSLETTER: MessageCategory.NEWSLETTER,
        CampaignKind.SERVICE_OFFER: MessageCategory.SERVICE_OFFER,
        CampaignKind.ANNOUNCEMENT: MessageCategory.PRODUCT_INFO,
        CampaignKind.SPECIAL_OFFER: MessageCategory.SPECIAL_OFFERS,
        CampaignKind.SURVEY_INVITATION: MessageCategory.SURVEY,
    }


def test_only_a_draft_can_be_changed_and_the_edit_pages_open(
    marketer: User, marketing_rows: Rows
) -> None:
    segment = segment_make(
        "Recent", {"signed_up_after": "2026-01-01", "state": ["FL"]}, actor=marketer
    )
    campaign = campaign_make(segment=segment, actor=marketer)
    client = signed_in(marketer)
    assert client.get(f"/staff/marketing/segments/{segment.pk}/").status_code == 200
    assert client.get(f"/staff/marketing/campaigns/{campaign.pk}/edit/").status_code == 200
    services.campaign_schedule(
        campaign=campaign, when=timezone.now() + timedelta(days=1), actor=marketer
    )
    before = marketing_rows()

    with pytest.raises(CampaignRejected, match="Only a draft"):
        services.campaign_update(
            campaign=campaign,
            content=services.CampaignContent(
                name="Changed", kind="newsletter", segment=segment, subject_line="S", body="B"
            ),
            actor=marketer,
        )
    with pytest.raises(CampaignRejected, match="beyond its draft"):
        services.segment_update(segment=segment, name="Recent", rules={}, actor=marketer)
    assert client.get(f"/staff/marketing/campaigns/{campaign.pk}/edit/").status_code == 302
    assert marketing_rows() == before
    assert Campaign.objects.get().name == campaign.name
