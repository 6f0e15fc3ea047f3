"""Periodic jobs: each app declares its own next to its tasks; this collects them.

An app's ``tasks.py`` may hold ``PERIODIC``, a dict from a job name (unique across the project,
prefixed with the app: "comms-outbox-purge") to a Celery beat entry: ``{"task": "<the task's
registered name>", "schedule": <seconds as a float, or a celery.schedules.crontab>}``.
``periodic_jobs()`` gathers every installed app's declarations. Two readers use it:

- ``celery beat`` (with a broker): ``Scheduler`` below is the app's default beat scheduler
  (azultel/config/celery.py), so beat runs exactly the collected jobs;
- the embedded scheduler (no broker): ``manage.py run_periodic_tasks``.

Beat started twice by mistake (two hosts, a restart racing the old process) must not run a job
twice: before sending a due job, ``Scheduler`` claims the job's current schedule slot in the
cache (``cache.add``, atomic in Redis) for 90% of its interval (a minute for crontab jobs) and
skips the job when another beat holds the claim. The claim expires a little before the next run
is due, so clock jitter never makes the only beat skip its own next run.

Settings hold no schedule (there is no CELERY_BEAT_SCHEDULE); a job's interval may read a
setting (the outbox sweep reads COMMS_SWEEP_INTERVAL_SECONDS) when its tasks module is imported.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import math

from celery.beat import PersistentScheduler, ScheduleEntry
from django.apps import apps
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

logger = logging.getLogger("azultel.periodic")

Job = dict[str, object]  # a beat entry: task, schedule, and maybe args, kwargs, options
_REQUIRED = {"task", "schedule"}
_ALLOWED = _REQUIRED | {"args", "kwargs", "options"}


def declared_jobs(app_name: str) -> dict[str, Job]:
    """The ``PERIODIC`` of one app's tasks module ({} when it has none)."""
    module_name = f"{app_name}.tasks"
    try:
        found = importlib.util.find_spec(module_name) is not None
    except ModuleNotFoundError:
        found = False
    if not found:
        return {}
    declared = getattr(importlib.import_module(module_name), "PERIODIC", {})
    return {name: dict(entry) for name, entry in declared.items()}


def periodic_jobs() -> dict[str, Job]:
    """Every installed app's periodic jobs, by name; a name declared twice stops start-up."""
    jobs: dict[str, Job] = {}
    owners: dict[str, str] = {}
    for config in apps.get_app_configs():
        for name, entry in declared_jobs(config.name).items():
            if name in jobs:
                raise ImproperlyConfigured(
                    f"Periodic job {name!r} is declared by {owners[name]} and {config.name}."
                )
            keys = set(entry)
            if not keys >= _REQUIRED or not keys <= _ALLOWED:
                raise ImproperlyConfigured(
                    f"Periodic job {name!r} of {config.name}: a beat entry needs 'task' and "
                    "'schedule' (and may have 'args', 'kwargs', 'options')."
                )
            jobs[name] = entry
            owners[name] = config.name
    return jobs


class Scheduler(PersistentScheduler):  # type: ignore[misc]  # celery ships no type hints
    """celery beat's scheduler, reading the collected jobs instead of a settings dict."""

    def setup_schedule(self) -> None:
        self.app.conf.beat_schedule = periodic_jobs()
        super().setup_schedule()

    def apply_entry(self, entry: ScheduleEntry, producer: object = None) -> None:
        if not periodic_run_claim(entry.name, _interval_seconds(entry)):
            logger.info("periodic job %s skipped: another beat ran it this interval", entry.name)
            return
        super().apply_entry(entry, producer=producer)


def _interval_seconds(entry: ScheduleEntry) -> float:
    run_every = getattr(entry.schedule, "run_every", None)
    seconds = run_every.total_seconds() if run_every is not None else 0.0
    # crontab (no fixed interval) fires at most once a minute.
    return seconds if seconds >= 1 else 60.0


def periodic_run_claim(job_name: str, interval_seconds: float) -> bool:
    """Claim this run of a job for this beat; False when another beat claimed it this interval.

    The cache is shared by every process in production (Redis), so of two beats that find the
    same job due within one interval, exactly one sends it.
    """
    timeout = max(1, math.floor(interval_seconds * 0.9))
    return bool(cache.add(f"azultel:periodic:{job_name}", 1, timeout=timeout))
