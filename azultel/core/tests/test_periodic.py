"""Periodic jobs: each app declares its own in tasks.py; beat and the embedded scheduler run
exactly the collected ones (core/periodic.py)."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest
from celery.beat import PersistentScheduler
from celery.schedules import crontab
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

from azultel import celery_app
from azultel.core.periodic import Scheduler, declared_jobs, periodic_jobs

HOUR = 3600.0
DAY = 24 * HOUR

# The schedule CELERY_BEAT_SCHEDULE held before each app declared its own (defaults).
EXPECTED = {
    "accounts-signin-sessions-purge": ("azultel.accounts.tasks.signin_sessions_purge", HOUR),
    "analytics-buffer-drain": ("azultel.analytics.tasks.buffer_drain", 5.0),
    "analytics-export": ("azultel.analytics.tasks.aggregates_export", DAY),
    "analytics-purge": ("azultel.analytics.tasks.purge", HOUR),
    "careers-extract-pending": ("azultel.careers.tasks.resume_texts_extract_pending", 600.0),
    "careers-listings-status": ("azultel.careers.tasks.listings_status_sync", 900.0),
    "careers-retention": ("azultel.careers.tasks.careers_retention", DAY),
    "billing-run-monthly": (
        "azultel.billing.tasks.billing_run_previous_month",
        crontab(minute="0", hour="2", day_of_month="1"),
    ),
    "billing-collections-arrangements": (
        "azultel.billing.tasks.collections_arrangements",
        crontab(minute="0", hour="8"),
    ),
    "billing-collections-reminders": (
        "azultel.billing.tasks.collections_reminders",
        crontab(minute="15", hour="8"),
    ),
    "billing-collections-suspensions": (
        "azultel.billing.tasks.collections_suspensions",
        crontab(minute="30", hour="8"),
    ),
    "billing-collections-write-offs": (
        "azultel.billing.tasks.collections_write_offs",
        crontab(minute="45", hour="8"),
    ),
    "comms-outbox-deliver-due": ("azultel.comms.tasks.outbox_deliver_due", 60.0),
    "comms-outbox-purge": ("azultel.comms.tasks.outbox_purge", 6 * HOUR),
    "core-audit-events-purge": ("azultel.core.tasks.audit_events_purge", DAY),
    "core-stored-files-purge": ("azultel.core.tasks.stored_files_purge", HOUR),
    "directory-assistance-log-purge": ("azultel.directory.tasks.assistance_log_purge", DAY),
    "marketing-cpni-records-purge": (
        "azultel.marketing.tasks.cpni_records_retention",
        crontab(minute="40", hour="3"),
    ),
    "marketing-start-due-campaigns": ("azultel.marketing.tasks.campaigns_start", 60.0),
    "lists-contacts-purge": (
        "azultel.lists.tasks.lists_contacts_purge",
        crontab(minute="40", hour="3"),
    ),
    "orders-purge": ("azultel.orders.tasks.orders_purge", 6 * HOUR),
    "orders-port-ins": ("azultel.orders.tasks.port_ins_advance", 15 * 60.0),
    "orders-port-outs": ("azultel.orders.tasks.port_outs_complete", 15 * 60.0),
    "orders-e911-notice": ("azultel.orders.tasks.e911_notice_reminders", DAY),
    "payments-refunds-pending-send": ("azultel.payments.tasks.refunds_pending_send", 900.0),
    "payments-unsaved-cards-purge": ("azultel.payments.tasks.cards_unsaved_purge", 6 * HOUR),
    "privacy-access-log-purge": ("azultel.privacy.tasks.access_log_purge", DAY),
    "site-contact-purge": ("azultel.site.tasks.contact_messages_purge", DAY),
    "referrals-hashes-purge": ("azultel.referrals.tasks.referral_hashes_purge", DAY),
    "surveys-free-text-purge": (
        "azultel.surveys.tasks.survey_free_text_purge",
        crontab(minute="40", hour="3"),
    ),
    "events-reminders": ("azultel.events.tasks.event_reminders", 900.0),
    "events-retention": ("azultel.events.tasks.events_retention", DAY),
    "contact-threads-purge": ("azultel.contact.tasks.threads_purge", DAY),
    "compliance-breach-reminders": ("azultel.compliance.tasks.breach_reminders", DAY),
    "compliance-delayed-disclosure-notices": ("azultel.compliance.tasks.delayed_notices", DAY),
    "compliance-breach-lists-purge": ("azultel.compliance.tasks.breach_lists_purge", DAY),
    "ads-events-rollup": ("azultel.ads.tasks.ad_events_rollup", 300.0),
    "ads-partner-reports": ("azultel.ads.tasks.ad_partner_reports_send", DAY),
    "dsr-reminders": ("azultel.dsr.tasks.dsr_reminders", 6 * HOUR),
    "dsr-retention": ("azultel.dsr.tasks.dsr_retention", DAY),
    "lifecycle-changes-due": ("azultel.lifecycle.tasks.lifecycle_changes_due", HOUR),
    "care-appointment-reminders": ("azultel.care.tasks.appointment_reminders", HOUR),
    "care-outage-notices": ("azultel.care.tasks.outage_notices", 900.0),
    "care-verification-records-purge": ("azultel.care.tasks.verification_records_purge", DAY),
    "api-hub-deliveries": ("azultel.api.tasks.deliveries_due", 60.0),
    "api-oauth-tokens-clear": ("azultel.api.tasks.oauth_tokens_clear", HOUR),
}


@pytest.mark.promise("B3")
def test_the_collected_schedule_is_the_projects_periodic_jobs() -> None:
    jobs = periodic_jobs()

    assert {name: (job["task"], job["schedule"]) for name, job in jobs.items()} == EXPECTED


def test_each_job_is_declared_by_the_app_that_owns_its_task() -> None:
    # Given every installed app's own declarations
    by_app = {config.name: declared_jobs(config.name) for config in apps.get_app_configs()}

    # Then the collection is their union, and each job runs a task of the app declaring it
    assert {name for jobs in by_app.values() for name in jobs} == set(periodic_jobs())
    for app_name, jobs in by_app.items():
        for name, job in jobs.items():
            assert job["task"].startswith(f"{app_name}.tasks."), name
            assert name.startswith(app_name.rsplit(".", 1)[-1] + "-"), name


def test_every_scheduled_task_is_a_registered_celery_task() -> None:
    celery_app.loader.import_default_modules()

    missing = {job["task"] for job in periodic_jobs().values()} - set(celery_app.tasks)

    assert missing == set()


def test_a_job_name_declared_by_two_apps_stops_start_up(monkeypatch: pytest.MonkeyPatch) -> None:
    site_tasks = importlib.import_module("azultel.site.tasks")
    monkeypatch.setattr(
        site_tasks,
        "PERIODIC",
        {
            "comms-outbox-purge": {
                "task": "azultel.site.tasks.contact_messages_purge",
                "schedule": 1,
            }
        },
    )

    with pytest.raises(ImproperlyConfigured, match="'comms-outbox-purge' is declared by"):
        periodic_jobs()


def test_a_job_without_a_schedule_stops_start_up(monkeypatch: pytest.MonkeyPatch) -> None:
    site_tasks = importlib.import_module("azultel.site.tasks")
    monkeypatch.setattr(
        site_tasks, "PERIODIC", {"site-x": {"task": "azultel.site.tasks.contact_messages_purge"}}
    )

    with pytest.raises(ImproperlyConfigured, match="needs 'task' and 'schedule'"):
        periodic_jobs()


def test_celery_beat_runs_the_collected_jobs_and_drops_stale_ones(tmp_path: Path) -> None:
    # Given beat's schedule file from an earlier release, holding a job no app declares any more
    assert celery_app.conf.beat_scheduler == "azultel.core.periodic:Scheduler"
    saved: Any = celery_app.conf.beat_schedule
    filename = str(tmp_path / "celerybeat-schedule")
    try:
        celery_app.conf.beat_schedule = {"old-job": {"task": "gone.tasks.old", "schedule": 60.0}}
        earlier = PersistentScheduler(app=celery_app, schedule_filename=filename, lazy=False)
        assert "old-job" in earlier.schedule
        earlier.close()

        # When beat starts with the default scheduler
        scheduler = Scheduler(app=celery_app, schedule_filename=filename, lazy=False)
        entries = dict(scheduler.schedule)
        scheduler.close()
    finally:
        celery_app.conf.beat_schedule = saved

    # Then it runs exactly the collected jobs (Celery may add its own result cleanup)
    names = set(entries) - {"celery.backend_cleanup"}
    assert names == set(EXPECTED)
    assert {name: entries[name].task for name in names} == {
        name: task for name, (task, _) in EXPECTED.items()
    }
