"""The weekly partner report (P16): a campaign's partner is emailed last week's counts per day,
every cell under the partner threshold blanked and no total, through comms like every email.

A daily periodic job calls ``partner_reports_send``; each report's dedupe key is the campaign and
the ISO week reported, so however often the job runs (or is run again after a crash), a partner
gets one report per week. A week without a single count sends nothing.
"""

from __future__ import annotations

import datetime as dt
import io

from django.db import transaction
from django.utils import timezone

from azultel.ads.audit import AdsAudit
from azultel.ads.models import Campaign, DailyCount
from azultel.ads.reports import partner_cells
from azultel.comms.models import MessageCategory, OutboxMessage
from azultel.comms.services import Attachment, message_send
from azultel.core.actors import SystemActor, system_actor
from azultel.core.audit import audit_record
from azultel.core.csv_safe import csv_writer
from azultel.privacy.aggregates import Cell, partner_k

SENDER: SystemActor = system_actor("ads-partner-reports")


def last_week(today: dt.date) -> tuple[dt.date, dt.date]:
    """Monday to Sunday of the ISO week before ``today``'s."""
    monday = today - dt.timedelta(days=today.weekday() + 7)
    return monday, monday + dt.timedelta(days=6)


def _csv(cells: list[Cell]) -> bytes:
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(["day", "measure", "count"])
    for cell in cells:
        day, measure = cell.key
        writer.writerow([str(day), str(measure), "" if cell.count is None else cell.count])
    return out.getvalue().encode()


def partner_reports_send(*, today: dt.date | None = None) -> int:
    """Queue last week's report for every campaign with a partner address that has counts in
    that week; returns how many were queued now (a report already sent is not sent again)."""
    first, last = last_week(today or timezone.localdate())
    year, week, _ = first.isocalendar()
    campaigns = Campaign.objects.exclude(partner_email="").filter(
        starts_on__lte=last,
        ends_on__gte=first,
        pk__in=DailyCount.objects.filter(day__gte=first, day__lte=last).values("campaign"),
    )
    queued = 0
    for campaign in campaigns.order_by("pk"):
        key = f"ads-partner-report:{campaign.pk}:{year}-W{week:02d}"
        if OutboxMessage.objects.filter(dedupe_key=key).exists():
            continue  # this week's report is already on its way (or sent)
        cells = partner_cells(campaign=campaign, days=(first, last))
        rows = [
            (day, measure, "" if cell.count is None else cell.count)
            for cell in cells
            for day, measure in [cell.key]
        ]
        with transaction.atomic():
            message_send(
                category=MessageCategory.REQUESTED_INFO,
                to=campaign.partner_email,
                template="ads_partner_report",
                context={
                    "partner_name": campaign.partner_name,
                    "campaign_name": campaign.name,
                    "first_day": first,
                    "last_day": last,
                    "rows": rows,
                    "k": partner_k(),
                },
                dedupe_key=key,
                actor=SENDER,
                attachments=[
                    Attachment(f"azultel-ads-{year}-W{week:02d}.csv", "text/csv", _csv(cells))
                ],
            )
            audit_record(
                actor=SENDER,
                action=AdsAudit.PARTNER_REPORT_SENT,
                subject=campaign,
                detail={"week": f"{year}-W{week:02d}", "k": partner_k()},
            )
        queued += 1
    return queued
