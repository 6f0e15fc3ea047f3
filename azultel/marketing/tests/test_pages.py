"""Staff pages: only the marketing roles open them; list pages run a fixed number of queries;
the report blanks small cells; the CPNI records export is escaped CSV; the demo seeds once."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.db.models import F

from azultel.accounts.models import User
from azultel.accounts.testing import customer_create, staff_create
from azultel.marketing import services
from azultel.marketing.models import Campaign, CampaignLink, CpniCampaignRecord
from azultel.marketing.tests.conftest import signed_in
from azultel.marketing.tests.factories import campaign_make, segment_make

pytestmark = pytest.mark.django_db

PAGES = (
    "/staff/marketing/",
    "/staff/marketing/segments/",
    "/staff/marketing/segments/new/",
    "/staff/marketing/campaigns/new/",
    "/staff/marketing/cpni-records/",
    "/staff/marketing/cpni-records/export.csv",
    "/staff/marketing/survey-results/",
)


@pytest.mark.promise("P23")
@pytest.mark.parametrize("role", ["customer_care", "billing", "analyst", "privacy_officer"])
def test_other_roles_cannot_open_marketing_pages(role: str) -> None:
    client = signed_in(staff_create(role=role))
    for path in PAGES:
        assert client.get(path).status_code == 403, path


def test_customers_cannot_open_marketing_pages() -> None:
    client = signed_in(customer_create(email="c@example.com"))
    assert client.get("/staff/marketing/").status_code == 403


@pytest.mark.parametrize("role", ["marketing", "marketing_supervisor"])
def test_both_marketing_roles_open_every_page(role: str) -> None:
    client = signed_in(staff_create(role=role))
    for path in PAGES:
        assert client.get(path).status_code == 200, path


def _many(actor: User, n: int) -> None:
    for _ in range(n):
        segment = segment_make("", {"services_held": ["phone_line"]}, actor=actor)
        campaign = campaign_make(segment=segment, actor=actor)
        services.campaign_submit(campaign=campaign, actor=actor)
        services.campaign_approve(
            campaign=campaign, actor=staff_create(role="marketing_supervisor")
        )


@pytest.mark.parametrize(
    "path", ["/staff/marketing/", "/staff/marketing/segments/", "/staff/marketing/cpni-records/"]
)
def test_list_pages_run_the_same_queries_for_two_rows_or_twenty(
    path: str, marketer: User, django_assert_num_queries: Any
) -> None:
    client = signed_in(marketer)
    _many(marketer, 2)
    client.get(path)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(path)
    _many(marketer, 18)
    with django_assert_num_queries(len(few.captured_queries)):
        page = client.get(path)
    assert page.status_code == 200


@pytest.mark.promise("P16")
@pytest.mark.promise("P29")
def test_the_report_blanks_counts_under_ten(marketer: User) -> None:
    campaign = campaign_make(segment=segment_make(actor=marketer), actor=marketer)
    Campaign.objects.filter(pk=campaign.pk).update(opens=F("opens") + 42, conversions=3)
    CampaignLink.objects.filter(campaign=campaign).update(clicks=9)

    page = signed_in(marketer).get(f"/staff/marketing/campaigns/{campaign.pk}/").content.decode()

    assert ">42<" in page
    assert 'Orders after a click</th><td data-label="How many" class="num">Fewer than 10' in page
    assert ">9<" not in page


def test_cpni_records_export_is_escaped_csv(marketer: User, supervisor: User) -> None:
    segment = segment_make("Phones", {"services_held": ["phone_line"]}, actor=marketer)
    campaign = campaign_make(segment=segment, actor=marketer, offered='=HYPERLINK("x")')
    services.campaign_submit(campaign=campaign, actor=marketer)
    services.campaign_approve(campaign=campaign, actor=supervisor)

    response = signed_in(marketer).get("/staff/marketing/cpni-records/export.csv")

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert response["Content-Type"].startswith("text/csv")
    assert rows[0][:5] == [
        "Campaign",
        "Description",
        "CPNI used",
        "Products and services offered",
        "Approved by",
    ]
    assert rows[1][2] == "Services held"
    assert rows[1][3] == '\'=HYPERLINK("x")'
    assert rows[1][4] == supervisor.get_full_name()


def test_cpni_records_are_kept_at_least_a_year(marketer: User, supervisor: User) -> None:
    from datetime import timedelta

    from django.utils import timezone

    segment = segment_make("Phones", {"services_held": ["phone_line"]}, actor=marketer)
    campaign = campaign_make(segment=segment, actor=marketer)
    services.campaign_submit(campaign=campaign, actor=marketer)
    services.campaign_approve(campaign=campaign, actor=supervisor)
    record = CpniCampaignRecord.objects.get()
    ended = timezone.now() - timedelta(days=364)
    CpniCampaignRecord.objects.filter(pk=record.pk).update(approved_at=ended, finished_at=ended)

    # Asking for a shorter retention still keeps a record younger than 365 days.
    assert services.cpni_records_purge(retention_days=30) == 0
    old = timezone.now() - timedelta(days=366)
    CpniCampaignRecord.objects.filter(pk=record.pk).update(approved_at=old, finished_at=old)
    assert services.cpni_records_purge() == 1


def test_demo_seed_is_idempotent(settings: Any) -> None:
    from azultel.accounts.demo import demo_seed as accounts_seed
    from azultel.marketing.demo import demo_seed
    from azultel.surveys.demo import ATTRIBUTED_TITLE
    from azultel.surveys.demo import demo_seed as surveys_seed

    accounts_seed()
    surveys_seed()  # before marketing in INSTALLED_APPS, as seed_demo runs them
    first = demo_seed()
    counts = (Campaign.objects.count(), CpniCampaignRecord.objects.count())
    second = demo_seed()

    assert [s.email for s in first] == [
        "marketing@demo.azultel.test",
        "marketing.supervisor@demo.azultel.test",
    ]
    assert first == second
    assert (Campaign.objects.count(), CpniCampaignRecord.objects.count()) == counts
    statuses = set(Campaign.objects.values_list("status", flat=True))
    assert statuses == {"sent", "awaiting_approval", "scheduled", "draft"}
    to_list = Campaign.objects.get(name="Tech fair follow-up")
    assert (to_list.segment, to_list.contact_list.name) == (None, "Austin Tech Fair 2026 sign-ups")
    invitation = Campaign.objects.get(name="Installation survey")
    assert invitation.survey is not None and invitation.survey.title == ATTRIBUTED_TITLE
    assert invitation.survey_url.endswith(f"/surveys/{invitation.survey.slug}/")
