"""Marketing staff pages for house ads (P23 roles): campaigns, versions, preview, report; bad
input saves nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from azultel.accounts.testing import staff_create
from azultel.ads.models import Campaign, Creative, DailyCount
from azultel.ads.reports import partner_cells
from azultel.ads.tests.factories import CampaignFactory, CreativeFactory
from azultel.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def marketer() -> Client:
    client = Client()
    client.force_login(staff_create(role="marketing"))
    return client


def _campaign_post(**changes: object) -> dict[str, object]:
    today = timezone.localdate()
    data: dict[str, object] = {
        "name": "Florida fiber",
        "placements": ["shop_sidebar", "home_hero"],
        "starts_on": today.isoformat(),
        "ends_on": (today + dt.timedelta(days=10)).isoformat(),
        "priority": "7",
        "states": ["FL"],
        "interest": "internet",
        "daily_cap": "2",
        "active": "on",
    }
    data.update(changes)
    return data


def test_marketing_creates_a_campaign_and_a_version(marketer: Client) -> None:
    response = marketer.post("/staff/ads/new/", _campaign_post())
    campaign = Campaign.objects.get()
    assert response.status_code == 302
    assert (campaign.states, campaign.daily_cap, campaign.interest) == (["FL"], 2, "internet")
    assert sorted(p.slug for p in campaign.placements.all()) == ["home_hero", "shop_sidebar"]
    response = marketer.post(
        f"/staff/ads/{campaign.pk}/creatives/new/",
        {
            "headline": "Fiber for Florida",
            "text": "Fast fiber at home.",
            "illustration": "internet",
            "alt_text": "A router",
            "destination": "page:catalog:availability",
        },
    )
    assert response.status_code == 302
    assert Creative.objects.get().destination == "catalog:availability"
    assert AuditEvent.objects.filter(action__startswith="ads.").count() == 2
    page = marketer.get(f"/staff/ads/{campaign.pk}/").content.decode()
    assert "/ads/b/" in page


@pytest.mark.parametrize(
    "changes",
    [
        {"name": ""},
        {"ends_on": "2000-01-01"},
        {"daily_cap": "0"},
        {"states": ["ZZ"]},
        {"placements": ["the_moon"]},
        {"interest": "politics"},
        {"partner_email": "not an address"},
    ],
)
def test_bad_campaign_input_saves_nothing(marketer: Client, changes: dict[str, object]) -> None:
    response = marketer.post("/staff/ads/new/", _campaign_post(**changes))
    assert response.status_code == 200
    assert "Error:" in response.content.decode()
    assert not Campaign.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="ads.").exists()


@pytest.mark.parametrize(
    "destination",
    ["https://evil.example/", "//evil.example/", "page:admin:index", "plan:no-such-plan", ""],
)
def test_a_version_links_only_to_a_plan_or_page_of_this_site(
    marketer: Client, destination: str
) -> None:
    campaign = CampaignFactory()
    response = marketer.post(
        f"/staff/ads/{campaign.pk}/creatives/new/",
        {"headline": "H", "text": "T", "illustration": "", "destination": destination},
    )
    assert response.status_code == 200
    assert not Creative.objects.exists()


def test_a_picture_needs_its_words(marketer: Client) -> None:
    campaign = CampaignFactory()
    response = marketer.post(
        f"/staff/ads/{campaign.pk}/creatives/new/",
        {
            "headline": "H",
            "text": "T",
            "illustration": "internet",
            "alt_text": "",
            "destination": "page:catalog:availability",
        },
    )
    assert response.status_code == 200
    assert not Creative.objects.exists()


@pytest.mark.promise("P28")
def test_P28_preview_per_placement_and_state(marketer: Client) -> None:
    CreativeFactory(headline="Florida only", campaign=CampaignFactory(states=["FL"]))
    florida = marketer.get("/staff/ads/preview/", {"placement": "shop_sidebar", "state": "FL"})
    texas = marketer.get("/staff/ads/preview/", {"placement": "shop_sidebar", "state": "TX"})
    assert "Florida only" in florida.content.decode()
    assert "Florida only" not in texas.content.decode()


def test_report_draws_the_dashboard_charts(marketer: Client) -> None:
    creative = CreativeFactory()
    DailyCount.objects.create(
        day=timezone.localdate(),
        campaign=creative.campaign,
        creative=creative,
        placement="home_hero",
        state="FL",
        impressions=40,
        clicks=3,
    )
    html = marketer.get(f"/staff/ads/{creative.campaign_id}/report/").content.decode()
    assert html.count("<svg") >= 2 and 'role="img"' in html
    assert 'data-testid="total-shown">40<' in html


@pytest.mark.promise("P16")
def test_P16_partner_cells_blank_small_counts() -> None:
    creative = CreativeFactory()
    DailyCount.objects.create(
        day=timezone.localdate(),
        campaign=creative.campaign,
        creative=creative,
        placement="email_slot",
        state="",
        impressions=25,
        clicks=3,
        beacon_loads=12,
    )
    cells = {cell.key[1]: cell.count for cell in partner_cells(campaign=creative.campaign)}
    assert cells == {"impressions": 25, "clicks": None, "beacon loads": 12}


def test_customers_and_other_staff_cannot_open_ad_pages() -> None:
    care = Client()
    care.force_login(staff_create(role="customer_care"))
    assert care.get("/staff/ads/").status_code == 403
    assert care.post("/staff/ads/new/", _campaign_post()).status_code == 403
    assert not Campaign.objects.exists()


@pytest.mark.promise("P16")
def test_P16_partner_csv_blanks_small_cells_and_is_audited(marketer: Client) -> None:
    creative = CreativeFactory()
    DailyCount.objects.create(
        day=timezone.localdate(),
        campaign=creative.campaign,
        creative=creative,
        placement="email_slot",
        impressions=25,
        clicks=3,
        beacon_loads=12,
    )
    response = marketer.get(f"/staff/ads/{creative.campaign_id}/partner.csv")
    lines = response.content.decode().splitlines()
    day = timezone.localdate().isoformat()
    assert lines == [
        "day,measure,count",
        f"{day},impressions,25",
        f"{day},clicks,",
        f"{day},beacon loads,12",
    ]
    assert AuditEvent.objects.filter(action="ads.partner_report_downloaded").count() == 1
