"""The embedded scheduler runs every periodic task without a broker (retention jobs included)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from azultel.core.periodic import periodic_jobs


@pytest.mark.promise("B3")
@pytest.mark.django_db
def test_every_periodic_task_runs_in_process() -> None:
    out = StringIO()

    call_command("run_periodic_tasks", "--once", stdout=out)

    outcomes = dict(line.split(": ", 1) for line in out.getvalue().strip().splitlines())
    wanted = {entry["task"] for entry in periodic_jobs().values()}
    assert set(outcomes) == wanted
    assert set(outcomes.values()) == {"done"}


def test_with_a_broker_the_embedded_scheduler_refuses(settings: object) -> None:
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/9"  # type: ignore[attr-defined]

    with pytest.raises(CommandError, match="celery -A azultel beat"):
        call_command("run_periodic_tasks", "--once")


@pytest.mark.promise("B3")
def test_a_monthly_job_missed_while_the_server_was_down_runs_at_start() -> None:
    from datetime import UTC, datetime

    from celery.schedules import crontab

    from azultel.core.management.commands.run_periodic_tasks import last_run_get, last_run_set

    monthly = crontab(minute="0", hour="2", day_of_month="1")
    never_run = monthly.is_due(last_run_get("billing"))[0]
    last_run_set("billing", datetime(2026, 10, 1, 2, 0, tzinfo=UTC))
    missed_november = monthly.is_due(last_run_get("billing"))[0]

    assert never_run is True
    assert missed_november is True
