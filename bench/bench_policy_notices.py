"""P08 at scale: time to queue a policy-change notice for 100,000 account holders.

Runs against a scratch SQLite file and a scratch PostgreSQL database. Delivery tasks go to a
Redis database no worker reads (the number measured is queueing: outbox rows, notice records and
broker messages), which is flushed afterwards. Baseline printed beside it: bulk-creating the same
number of bare outbox-sized rows (users) in the same run.
"""

from __future__ import annotations

import sys
import time

from bench.scratch import child_run, scratch_databases


def _child(count: int) -> None:
    import django

    django.setup()
    import resource

    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.utils import timezone

    from azultel.accounts.models import User
    from azultel.privacy.models import PolicyVersion
    from azultel.privacy.policy_notices import policy_notices_send_all, policy_publish

    call_command("migrate", verbosity=0)
    unusable = make_password(None)
    start = time.perf_counter()
    batch = 5000
    for first in range(0, count, batch):
        User.objects.bulk_create(
            [
                User(
                    email=f"holder{i}@bench.example",
                    given_name="Holder",
                    family_name=str(i),
                    password=unusable,
                )
                for i in range(first, min(first + batch, count))
            ],
            batch_size=batch,
        )
    baseline = time.perf_counter() - start
    version = PolicyVersion.objects.create(
        version="bench-1",
        effective_date=timezone.localdate(),
        body="## Bench\n\nText.",
        summary_of_changes="We will share your service address with our installation partner.",
        changes_personal_data_use=True,
        changed_use_topic="data_sharing",
    )
    # Publish without the after-commit task, then queue in this process so it can be timed.
    from unittest import mock

    with mock.patch("azultel.privacy.policy_notices._enqueue"):
        policy_publish(version=version, actor=None)
    start = time.perf_counter()
    batches = policy_notices_send_all(version_id=version.pk)
    elapsed = time.perf_counter() - start
    version.refresh_from_db()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"  {count:,} account holders: notices queued in {elapsed:.1f} s "
        f"({count / elapsed:,.0f}/s, {batches} batches), "
        f"{version.notices_queued:,}/{version.notices_total:,} recorded; "
        f"baseline bulk insert of the accounts {baseline:.1f} s "
        f"(ratio {elapsed / baseline:.1f}x); peak memory {peak_mb:.0f} MB",
        flush=True,
    )


def run(args: object) -> None:
    count = 5_000 if getattr(args, "quick", False) else 100_000
    with scratch_databases("azultel_bench_policy") as (tmp, databases):
        for label, url in databases:
            print(f"{label}:", flush=True)
            child_run(
                "bench.bench_policy_notices", ["--child", str(count)], database_url=url, var_dir=tmp
            )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        _child(int(sys.argv[2]))
