"""The embedded scheduler: runs the periodic jobs in process when there is no broker.

The jobs are those each app declares in its tasks.py (PERIODIC), collected by core/periodic.py,
the same ones `celery beat` runs.

`make run` starts it beside the web server (gunicorn's when_ready hook), so retention purges,
the outbox sweep and the monthly billing run happen on a single machine with no other service.
With a broker, run `celery beat` and workers instead; this command then refuses to start.
"""

from __future__ import annotations

import logging
import signal
import time
from datetime import UTC, datetime

from celery import Celery
from celery.schedules import crontab, schedule
from django.conf import settings
from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import close_old_connections
from django.utils import timezone

from azultel import celery_app
from azultel.core.periodic import periodic_jobs

logger = logging.getLogger("azultel.scheduler")


class Command(BaseCommand):
    help = "Run the periodic tasks in this process (embedded default, no broker)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--once", action="store_true", help="run every task once now and exit (for checks)"
        )

    def handle(self, *args: object, **options: object) -> None:
        if settings.CELERY_BROKER_URL:
            raise CommandError("A broker is configured: run `celery -A azultel beat` instead.")

        celery_app.loader.import_default_modules()  # registers every app's tasks.py
        entries = {
            name: (str(entry["task"]), _as_schedule(entry["schedule"]))
            for name, entry in periodic_jobs().items()
        }
        stopping = False

        def stop(*_: object) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        if options["once"]:
            for name, (task, _) in entries.items():
                outcome = "done" if _run(celery_app, name, task, tidy=False) else "FAILED"
                self.stdout.write(f"{task}: {outcome}")
            return
        self.stdout.write(f"Embedded scheduler running {len(entries)} periodic tasks.")
        while not stopping:
            next_wake = 60.0
            for name, (task, when) in entries.items():
                due, seconds = when.is_due(last_run_get(name))
                if due:
                    _run(celery_app, name, task, tidy=True)
                    last_run_set(name, timezone.now())
                next_wake = min(next_wake, max(1.0, float(seconds)))
            slept = 0.0
            while slept < next_wake and not stopping:
                time.sleep(1.0)
                slept += 1.0


# Last run times live in the cache (a file under var/ locally), so a restart neither repeats a
# job early nor skips one whose time came while the server was down: a task that has never run,
# or ran before its last due time, runs at once (every periodic task is safe to repeat).
_LAST_RUN_KEY = "scheduler:last-run:{}"
_NEVER = datetime(2000, 1, 1, tzinfo=UTC)


def last_run_get(name: str) -> datetime:
    value = cache.get(_LAST_RUN_KEY.format(name))
    return value if isinstance(value, datetime) else _NEVER


def last_run_set(name: str, when: datetime) -> None:
    cache.set(_LAST_RUN_KEY.format(name), when, None)


def _as_schedule(value: object) -> schedule | crontab:
    if isinstance(value, schedule | crontab):
        return value
    if not isinstance(value, int | float | str):
        raise TypeError(f"A schedule is seconds or a crontab, not {value!r}.")
    return schedule(run_every=float(value))


def _run(app: Celery, name: str, task: str, *, tidy: bool) -> bool:
    """Run one task now. ``tidy`` drops stale database connections around it, as a long-lived
    process must (a one-off run inside someone else's transaction must not)."""
    if tidy:
        close_old_connections()
    try:
        app.tasks[task].apply(throw=True)
    except Exception:
        # One failing job must not stop the others; the traceback goes to the log.
        logger.exception("periodic task %s failed", name)
        return False
    finally:
        if tidy:
            close_old_connections()
    return True
