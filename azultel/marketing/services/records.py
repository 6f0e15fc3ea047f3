"""CPNI campaign records (47 CFR 64.2009(c)): the CSV export and the retention purge, which
never deletes a record younger than a year."""

from __future__ import annotations

import io
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from azultel.core.actors import Actor
from azultel.core.audit import audit_record
from azultel.core.csv_safe import csv_writer
from azultel.marketing.audit import MarketingAudit
from azultel.marketing.models import CpniCampaignRecord

RETENTION_DAYS = 365
CSV_HEADER = (
    "Campaign",
    "Description",
    "CPNI used",
    "Products and services offered",
    "Approved by",
    "Approved on",
    "Audience",
    "Started",
    "Finished",
)


def cpni_records_csv(*, actor: Actor) -> str:
    """Every CPNI campaign record as CSV (formula-like cells escaped); the export is audited."""
    handle = io.StringIO()
    writer = csv_writer(handle)
    writer.writerow(CSV_HEADER)
    rows = CpniCampaignRecord.objects.select_related("campaign").order_by("-approved_at", "-id")
    for record in rows:
        writer.writerow(
            (
                record.campaign.name,
                record.description,
                "; ".join(str(x) for x in record.cpni_used),
                record.offered,
                record.approver_name,
                record.approved_at.date().isoformat(),
                record.audience_count,
                record.started_at.isoformat() if record.started_at else "",
                record.finished_at.isoformat() if record.finished_at else "",
            )
        )
    audit_record(actor=actor, action=MarketingAudit.CPNI_RECORDS_EXPORTED)
    return handle.getvalue()


def cpni_records_purge(*, retention_days: int = RETENTION_DAYS) -> int:
    """Delete records whose campaign ended more than ``retention_days`` ago (never under 365)."""
    days = max(RETENTION_DAYS, retention_days)
    cutoff = timezone.now() - timedelta(days=days)
    with transaction.atomic():
        old = CpniCampaignRecord.objects.filter(
            approved_at__lt=cutoff, finished_at__isnull=False, finished_at__lt=cutoff
        )
        deleted, _ = old.delete()
    return deleted
