"""The weekly partner report (P16): last week's counts per day, each cell under k blank and no
total, emailed through comms to the campaign's partner once a week, whatever the job's runs."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
from django.core import mail

from azultel.ads import tasks
from azultel.ads.models import DailyCount
from azultel.ads.partner_reports import last_week, partner_reports_send
from azultel.ads.tests.factories import CampaignFactory, CreativeFactory
from azultel.comms.models import OutboxMessage
from azultel.core.models import AuditEvent
from azultel.core.periodic import periodic_jobs

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 2)  # a Wednesday: last week is Monday Nov 23 to Sunday Nov 29
MONDAY = dt.date(2026, 11, 23)


def _campaign(partner_email: str = "reports@partner.example") -> Any:
    campaign = CampaignFactory(
        starts_on=dt.date(2026, 11, 1),
        ends_on=dt.date(2026, 12, 31),
        partner_name="Sunshine Realty",
        partner_email=partner_email,
    )
    CreativeFactory(campaign=campaign)
    return campaign


def _count(campaign: Any, day: dt.date, **values: int) -> None:
    DailyCount.objects.create(
        day=day,
        campaign=campaign,
        creative=campaign.creatives.get(),
        placement="email_slot",
        state="FL",
        **values,
    )


def test_last_week_is_monday_to_sunday_before_this_week() -> None:
    assert last_week(TODAY) == (MONDAY, dt.date(2026, 11, 29))
    assert last_week(MONDAY + dt.timedelta(days=7)) == (MONDAY, dt.date(2026, 11, 29))


@pytest.mark.promise("P16")
def test_P16_the_partner_gets_counts_with_small_cells_blank_and_no_total(
    django_capture_on_commit_callbacks: Any,
) -> None:
    campaign = _campaign()
    _count(campaign, MONDAY, impressions=340, clicks=3, beacon_loads=12)
    _count(campaign, MONDAY + dt.timedelta(days=1), impressions=7, clicks=0, beacon_loads=25)
    _count(campaign, MONDAY - dt.timedelta(days=1), impressions=999)  # the week before: not sent

    with django_capture_on_commit_callbacks(execute=True):
        assert partner_reports_send(today=TODAY) == 1

    [email] = mail.outbox
    assert email.to == ["reports@partner.example"]
    body = email.body
    assert "Sunshine Realty" in body and "340" in body and "25" in body and "12" in body
    assert body.count(": fewer than 10") == 3  # 3 clicks, 7 impressions, 0 clicks
    assert "999" not in body and "347" not in body and "352" not in body  # no week, no totals
    [part] = email.attachments
    assert part.get_content_type() == "text/csv"
    assert part.get_filename().endswith("2026-W48.csv")
    text = part.get_payload(decode=True).decode()
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["day", "measure", "count"]
    assert ["2026-11-23", "clicks", ""] in rows and ["2026-11-23", "impressions", "340"] in rows
    assert len(rows) == 1 + 6
    assert AuditEvent.objects.filter(action="ads.partner_report_sent").count() == 1


@pytest.mark.promise("P16")
def test_P16_one_report_per_week_however_often_the_job_runs() -> None:
    campaign = _campaign()
    _count(campaign, MONDAY, impressions=340)

    assert partner_reports_send(today=TODAY) == 1
    assert partner_reports_send(today=TODAY + dt.timedelta(days=1)) == 0
    _count(campaign, MONDAY + dt.timedelta(days=7), impressions=50)
    assert partner_reports_send(today=TODAY + dt.timedelta(days=7)) == 1

    assert OutboxMessage.objects.filter(to_address="reports@partner.example").count() == 2
    assert AuditEvent.objects.filter(action="ads.partner_report_sent").count() == 2


def test_no_partner_address_or_no_counts_sends_nothing() -> None:
    without_partner = _campaign(partner_email="")
    _count(without_partner, MONDAY, impressions=340)
    _campaign()  # a partner, but nothing counted last week

    assert partner_reports_send(today=TODAY) == 0
    assert not OutboxMessage.objects.exists()
    assert not AuditEvent.objects.filter(action="ads.partner_report_sent").exists()


def test_the_report_job_runs_daily_on_the_schedule() -> None:
    job = periodic_jobs()["ads-partner-reports"]
    assert job["task"] == "azultel.ads.tasks.ad_partner_reports_send"
    assert job["schedule"] == 24 * 3600.0
    assert tasks.ad_partner_reports_send() == 0
