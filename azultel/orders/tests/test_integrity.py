"""Nothing lost, nothing doubled: placement is one transaction keyed by an idempotency key.

* a database error injected at each query of a placement, one query at a time, leaves no
  order, line, credit check, charge or email;
* twenty concurrent submissions of the same review page give one order and one charge (on
  PostgreSQL in this process; on SQLite in a subprocess with a file database).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.db import DatabaseError, connection
from django.test import Client

from azultel.accounts.models import User
from azultel.orders.models import Order, OrderStatus
from azultel.orders.services import order_place
from azultel.orders.tests.checkouts import checkout_ready
from azultel.orders.tests.concurrent_placement import (
    SUBMISSIONS,
    prepared_submission,
    submit_concurrently,
)
from azultel.payments.models import Charge, SandboxCharge

ROOT = Path(__file__).resolve().parents[3]
Rows = Callable[[], dict[str, int]]


class _Counter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        self.count += 1
        return execute(sql, params, many, context)


class _FailAt:
    """Raises a database error instead of running the n-th query."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.seen = 0

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        self.seen += 1
        if self.seen == self.n:
            raise DatabaseError(f"injected failure at query {self.n}")
        return execute(sql, params, many, context)


def _place(ready: Any, key: str) -> Order:
    return order_place(
        checkout=ready.checkout,
        identity=ready.identity,
        payment=ready.card,
        idempotency_key=key,
        actor=ready.checkout.user,
    )


def test_a_database_error_at_any_query_of_placement_leaves_nothing(
    customer: User,
    demo_catalog: None,
    order_rows: Rows,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from azultel.privacy.services import subject_for_user

    ready = checkout_ready(customer)
    subject_for_user(user=customer)
    before = _without_reveal_log(order_rows())
    failures = []
    order = None
    n = 0
    # Fail the 1st query, then the 2nd, ... until a placement runs past the last one. A credit
    # check that ran before the failure stays on record (reveal log, disclosure), so the reveal
    # log is left out of "nothing else was written".
    while order is None:
        n += 1
        with (
            django_capture_on_commit_callbacks() as callbacks,
            connection.execute_wrapper(_FailAt(n)),
        ):
            try:
                order = _place(ready, "the-real-key")
            except DatabaseError as exc:
                failures.append((str(exc), _without_reveal_log(order_rows()) == before, callbacks))

    assert n > 40
    assert failures == [(f"injected failure at query {i}", True, []) for i in range(1, n)]
    assert order.status == OrderStatus.CONFIRMED
    assert Charge.objects.count() == SandboxCharge.objects.count() == 1


def _without_reveal_log(rows: dict[str, int]) -> dict[str, int]:
    return {k: v for k, v in rows.items() if k != "privacy.SensitiveAccess"}


def _same_order_everywhere(results: list[Any], order: Order) -> list[Any]:
    return [r for r in results if r != [302, f"/account/orders/{order.pk}/"]]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL run; SQLite runs the subprocess test"
)
@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_submissions_place_one_order_on_postgresql(
    customer: User, demo_catalog: None
) -> None:
    client = Client()
    client.force_login(customer)
    data = prepared_submission(client)

    results = submit_concurrently(client, data)

    order = Order.objects.get()
    assert len(results) == SUBMISSIONS
    assert _same_order_everywhere(results, order) == []
    assert Charge.objects.count() == SandboxCharge.objects.count() == 1
    assert order.status == OrderStatus.CONFIRMED


def test_twenty_concurrent_submissions_place_one_order_on_sqlite_file(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        AZULTEL_ENV="test",
        AZULTEL_VAR_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path / 'orders.sqlite3'}",
        DJANGO_SETTINGS_MODULE="azultel.config.settings",
    )

    run = subprocess.run(
        [sys.executable, "-m", "azultel.orders.tests.concurrent_placement"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )

    assert run.returncode == 0, run.stderr[-3000:]
    outcome = json.loads(run.stdout.strip().splitlines()[-1])
    (order_id,) = outcome["orders"]
    assert outcome["vendor"] == "sqlite"
    assert len(outcome["results"]) == SUBMISSIONS
    assert [r for r in outcome["results"] if r != [302, f"/account/orders/{order_id}/"]] == []
    assert (outcome["charges"], outcome["sandbox_charges"]) == (1, 1)
