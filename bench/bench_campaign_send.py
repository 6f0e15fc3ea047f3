"""Issue 15's speed: one newsletter campaign to N customers through the production path.

``python -m bench campaign_send --recipients N`` (default 100,000; ``--quick`` sends 2,000).

A fresh PostgreSQL database (``azultel_bench_campaign``, dropped afterwards) gets N synthetic
customers, each with an account, a profile in Florida, a data subject and the newsletter consent
granted (bulk inserts in a child process). An aiosmtpd sink listens on loopback in a separate
process and counts what it receives. Then, in the child process:

(a) queue time: from scheduling the campaign (the due-campaign job, then the send job the Celery
    task runs) until every outbox row exists; the delivery tasks go to a Redis database
    (127.0.0.1:6379/13) no worker reads yet;
(b) raw rate: the same rendered messages sent with smtplib to the sink, one connection per
    batch of the pipeline's chunk size, nothing else done (the ceiling);
(c) delivery rate: real Celery worker processes (``celery -A azultel.config.celery worker``)
    consume those tasks, checking suppression, consent and CPNI approval per recipient and
    marking each message sent; timed until no message is left queued; the worker's resident
    memory (main process and pool children, from /proc) is sampled every half second.

It prints messages per second for both, the pipeline/raw ratio, the queue seconds and the
worker memory at start, peak and end, and the machine's load average (other work on the
shared cores slows the run). Targets (not asserted): ratio >= 0.5, queueing < 60 s for 100,000,
memory flat.
"""

from __future__ import annotations

import cProfile
import os
import signal
import smtplib
import subprocess
import sys
import tempfile
import time
from multiprocessing import Event, Process, Value
from pathlib import Path

from bench.scratch import ROOT, _psql

# Overridable so two people on one machine can run it at once (their own database, Redis
# database and port).
PG_DB = os.environ.get("BENCH_CAMPAIGN_DB", "azultel_bench_campaign")
BROKER_DB = os.environ.get("BENCH_CAMPAIGN_REDIS_DB", "13")
BROKER = f"redis://127.0.0.1:6379/{BROKER_DB}"
SINK_PORT = int(os.environ.get("BENCH_CAMPAIGN_SMTP_PORT", "2526"))
#: A file to write a cProfile of the queueing step to (``BENCH_CAMPAIGN_PROFILE``), to find
#: what it spends its time on.
PROFILE = os.environ.get("BENCH_CAMPAIGN_PROFILE", "")
#: ``BENCH_CAMPAIGN_QUEUE_ONLY=1``: stop after the queue step (its time at full size, quickly).
QUEUE_ONLY = os.environ.get("BENCH_CAMPAIGN_QUEUE_ONLY", "") == "1"
CHUNK = 5000
#: Worker processes (``BENCH_CAMPAIGN_WORKERS`` to try another number).
WORKERS = int(os.environ.get("BENCH_CAMPAIGN_WORKERS", "2"))


def _sink(port: int, counter: object, ready: object) -> None:
    """The SMTP sink: accepts everything, counts messages (runs in its own process)."""
    import asyncio  # noqa: F401 - aiosmtpd's controller runs its own loop in a thread

    from aiosmtpd.controller import Controller

    class Handler:
        async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
            with counter.get_lock():  # type: ignore[attr-defined]
                counter.value += 1  # type: ignore[attr-defined]
            return "250 OK"

    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()  # type: ignore[attr-defined]
    signal.sigwait({signal.SIGTERM})
    controller.stop()


def _rss_kb(pid: int) -> tuple[int, int]:
    """Resident memory of ``pid`` and its children (the worker's pool), in kB, from /proc,
    and how many processes that is."""
    total = 0
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(c) for c in children]
    except OSError:
        pass
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total, len(pids)


def run(args: object) -> None:
    quick = bool(getattr(args, "quick", False))
    count = 2000 if quick else int(getattr(args, "recipients", None) or 100_000)
    counter = Value("q", 0)
    ready = Event()
    sink = Process(target=_sink, args=(SINK_PORT, counter, ready), daemon=True)
    sink.start()
    ready.wait(10)
    with tempfile.TemporaryDirectory(prefix="bench-campaign-") as tmp:
        _psql(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)", f"CREATE DATABASE {PG_DB}")
        subprocess.run(
            ["redis-cli", "-n", BROKER_DB, "FLUSHDB"], check=False, stdout=subprocess.DEVNULL
        )
        try:
            from azultel.config.local_keys import write_missing

            write_missing(Path(tmp))
            env = _env(tmp)
            subprocess.run(
                [sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True
            )
            subprocess.run(
                [sys.executable, "-m", "bench.bench_campaign_send", "--child", str(count)],
                cwd=ROOT,
                env={**env, "BENCH_SINK_COUNTER": "1"},
                check=True,
            )
        finally:
            _psql(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)", check=False)
            subprocess.run(
                ["redis-cli", "-n", BROKER_DB, "FLUSHDB"], check=False, stdout=subprocess.DEVNULL
            )
            os.kill(sink.pid or 0, signal.SIGTERM)
            sink.join(5)
    print(f"sink received {counter.value} messages in all (raw + pipeline)")


def _env(var_dir: str) -> dict[str, str]:
    return {
        **os.environ,
        "AZULTEL_ENV": "local",
        "AZULTEL_VAR_DIR": var_dir,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{PG_DB}",
        "CELERY_BROKER_URL": BROKER,
        "DJANGO_SETTINGS_MODULE": "azultel.config.settings",
        "LOG_LEVEL": "WARNING",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(SINK_PORT),
        "EMAIL_USE_TLS": "0",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    }


# --- The child process (the project, set up against the scratch database) --------------------


def _generate(count: int) -> float:
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from azultel.accounts.models import CustomerProfile, User
    from azultel.privacy.models import ConsentEvent, ConsentSource, ConsentState, DataSubject

    start = time.perf_counter()
    unusable = make_password(None)
    now = timezone.now()
    for first in range(0, count, CHUNK):
        ids = range(first, min(first + CHUNK, count))
        with transaction.atomic():
            users = User.objects.bulk_create(
                [
                    User(
                        email=f"c{i}@bench.example",
                        given_name=f"Name{i}",
                        family_name="Bench",
                        password=unusable,
                    )
                    for i in ids
                ]
            )
            CustomerProfile.objects.bulk_create(
                [
                    CustomerProfile(
                        user=u,
                        street=f"{i} Ocean Drive",
                        city="Miami",
                        state="FL",
                        zip_code="33139",
                    )
                    for i, u in zip(ids, users, strict=True)
                ]
            )
            subjects = DataSubject.objects.bulk_create([DataSubject(user=u) for u in users])
            events = ConsentEvent.objects.bulk_create(
                [
                    ConsentEvent(
                        subject=s, topic="newsletter", granted=True, source=ConsentSource.PROFILE
                    )
                    for s in subjects
                ]
            )
            ConsentState.objects.bulk_create(
                [
                    ConsentState(
                        subject=s, topic="newsletter", granted=True, last_event=e, updated_at=now
                    )
                    for s, e in zip(subjects, events, strict=True)
                ]
            )
    return time.perf_counter() - start


def _raw_rate(batch: str, chunk: int) -> tuple[float, int]:
    """The same rendered messages, sent with smtplib to the sink and nothing else."""
    from django.core.mail import get_connection

    from azultel.comms.models import OutboxMessage
    from azultel.comms.services.email_message import _email_for

    backend = get_connection()
    rows = OutboxMessage.objects.filter(batch=batch).order_by("created_at")
    prepared = []
    for message in rows.iterator(chunk_size=2000):
        email = _email_for(message, backend)
        prepared.append((email.from_email, email.to, email.message().as_bytes(linesep="\r\n")))
    start = time.perf_counter()
    for first in range(0, len(prepared), chunk):
        with smtplib.SMTP("127.0.0.1", SINK_PORT) as smtp:
            for sender, to, data in prepared[first : first + chunk]:
                smtp.sendmail(sender, to, data)
    return time.perf_counter() - start, len(prepared)


def _pending(batch: str) -> int:
    from azultel.comms.models import MessageStatus, OutboxMessage

    return OutboxMessage.objects.filter(
        batch=batch, status__in=[MessageStatus.QUEUED, MessageStatus.SENDING]
    ).count()


def _deliver_with_workers(batch: str, total: int) -> tuple[float, list[tuple[int, int]]]:
    """Start Celery workers on the benchmark broker; wait until nothing is left queued."""
    celery = str(Path(sys.executable).parent / "celery")
    log_path = Path(os.environ["AZULTEL_VAR_DIR"]) / "worker.log"
    log = log_path.open("w")
    worker = subprocess.Popen(
        [celery, "-A", "azultel.config.celery", "worker", "-c", str(WORKERS), "-l", "WARNING",
         "--without-gossip", "--without-mingle", "--without-heartbeat", "-P", "prefork"],
        cwd=ROOT, env=os.environ.copy(), stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    samples: list[tuple[int, int]] = []
    start = time.perf_counter()
    try:
        while True:
            time.sleep(0.5)
            samples.append(_rss_kb(worker.pid))
            if worker.poll() is not None:
                raise RuntimeError("the Celery worker exited early:\n" + log_path.read_text())
            if _pending(batch) == 0:
                break
            if time.perf_counter() - start > 3600:
                raise RuntimeError("delivery did not finish within an hour")
        elapsed = time.perf_counter() - start
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(30)
        except subprocess.TimeoutExpired:
            worker.kill()
        log.close()
    return elapsed, samples


def _child(count: int) -> None:
    import django

    django.setup()
    from django.db.models import Max, Min
    from django.utils import timezone

    from azultel.comms.models import MessageStatus, OutboxMessage
    from azultel.comms.services.queueing import BULK_BATCH_SIZE
    from azultel.core.actors import system_actor
    from azultel.marketing import services
    from azultel.marketing.models import Campaign, CampaignKind

    print(f"load average: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}", flush=True)
    made = _generate(count)
    print(f"generated {count:,} customers with consent in {made:.1f} s", flush=True)
    actor = system_actor("bench")
    segment = services.segment_create(name="Bench Florida", rules={"state": ["FL"]}, actor=actor)
    campaign = services.campaign_create(
        content=services.CampaignContent(
            name="Bench newsletter",
            kind=CampaignKind.NEWSLETTER,
            segment=segment,
            subject_line="News from Azultel",
            body="Our news this month.\n\nSee the plans: http://127.0.0.1:8000/shop/",
            offered="",
        ),
        actor=actor,
    )
    profiler = cProfile.Profile() if PROFILE else None
    start = time.perf_counter()
    if profiler is not None:
        profiler.enable()
    services.campaign_schedule(campaign=campaign, when=timezone.now(), actor=actor)
    started = services.campaigns_start_due()
    assert started == [campaign.pk], started
    queued = services.campaign_send_run(campaign_id=campaign.pk)
    queue_seconds = time.perf_counter() - start
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(PROFILE)
    batch = Campaign.objects.get(pk=campaign.pk).batch
    rows = OutboxMessage.objects.filter(batch=batch).count()
    print(f"queue: {queued:,} queued, {rows:,} outbox rows in {queue_seconds:.1f} s", flush=True)
    print(f"queue process RSS: {_rss_kb(os.getpid())[0] / 1024:.0f} MB", flush=True)
    if QUEUE_ONLY:
        print(f"load average after: {os.getloadavg()[0]:.2f}", flush=True)
        return

    raw_seconds, raw_count = _raw_rate(batch, BULK_BATCH_SIZE)
    raw_rate = raw_count / raw_seconds
    print(f"raw smtplib: {raw_count:,} messages in {raw_seconds:.1f} s = {raw_rate:,.0f} msg/s")

    seconds, samples = _deliver_with_workers(batch, rows)
    sent_rows = OutboxMessage.objects.filter(batch=batch, status=MessageStatus.SENT)
    sent = sent_rows.count()
    span = sent_rows.aggregate(first=Min("sent_at"), last=Max("sent_at"))
    # From the first message's 250 to the last one's: the worker's start-up is left out.
    sending = (span["last"] - span["first"]).total_seconds() if sent > 1 else seconds
    rate = sent / max(sending, 1e-6)
    print(
        f"pipeline ({WORKERS} worker processes): {sent:,} sent in {sending:.1f} s = "
        f"{rate:,.0f} msg/s ({seconds:.1f} s wall with the worker's start-up)"
    )
    print(f"ratio pipeline/raw: {rate / raw_rate:.2f} (target >= 0.5)")
    print(f"queueing: {queue_seconds:.1f} s (target < 60 s for 100,000)")
    if samples:
        # From the first sample with the pool's processes up (the start-up itself grows).
        running = samples[next((n for n, (_, procs) in enumerate(samples) if procs > 1), 0) :]
        mb = [kb / 1024 for kb, _ in running]
        quarters = ", ".join(f"{mb[len(mb) * q // 4]:.0f}" for q in (1, 2, 3))
        print(
            f"worker RSS (main + {WORKERS} pool processes, MB, {len(mb)} samples): "
            f"start {mb[0]:.0f}, quarters {quarters}, peak {max(mb):.0f}, end {mb[-1]:.0f}"
        )
    print(f"load average after: {os.getloadavg()[0]:.2f}", flush=True)


if __name__ == "__main__" and sys.argv[1:2] == ["--child"]:
    _child(int(sys.argv[2]))
