"""Evidence for P01 and P27: after thousands of varied hits, nothing identifying is stored anywhere.

A signed-in account holder and many other visitors browse from many addresses and browsers, with
identifiers in paths, query strings and referrers. Then every table, the cache, the logs, the
buffer and every export file are searched for the addresses, the user agents, the account's ids
and its email address.
"""

from __future__ import annotations

import io
import json
import logging
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from azultel.analytics.buffer import buffer_flush, buffer_pending
from azultel.analytics.models import DailyRollup, PageView
from azultel.analytics.tests.conftest import FrozenClock

pytestmark = pytest.mark.django_db

EMAIL = "maria.delgado.account-holder@example.com"
BASE_AGENTS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.{n}.61 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_{n}) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_{n} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP1A.{n}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36",
    "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:125.{n}) Gecko/20100101 Firefox/125.{n}",
    "Mozilla/5.0 (iPad; CPU OS 17_{n} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
)
HITS = 2400


def _address(n: int) -> str:
    if n % 3 == 0:
        return f"2001:db8:{n % 97:x}::{n:x}"
    return f"{(203, 198, 192)[n % 3]}.{(0, 51, 0)[n % 3]}.{(113, 100, 2)[n % 3]}.{n % 251 + 1}"


def _agent(n: int) -> str:
    return BASE_AGENTS[n % len(BASE_AGENTS)].format(n=n % 400)


def _needles(user: Any) -> dict[str, set[str]]:
    return {
        "address": {_address(n) for n in range(HITS)},
        "user agent": {_agent(n) for n in range(HITS)},
        "account": {EMAIL, str(user.public_id), user.public_id.hex},
    }


def _found(text: str, needles: dict[str, set[str]], kinds: tuple[str, ...]) -> list[str]:
    return [f"{kind}: {n}" for kind in kinds for n in needles[kind] if n in text]


def _all_table_text(*, skip: tuple[str, ...] = ()) -> dict[str, str]:
    tables = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if table.startswith(skip):
                continue
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            values = []
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, bytes | memoryview):
                        value = bytes(value).decode("latin-1")
                    values.append(str(value))
            tables[table] = "\n".join(values)
    return tables


@pytest.mark.promise("P01")
@pytest.mark.promise("P27")
def test_no_address_user_agent_or_account_is_kept_anywhere(
    client: Client,
    analyst_client: Client,
    django_user_model: Any,
    frozen_clock: FrozenClock,
    caplog: pytest.LogCaptureFixture,
    tmp_path: Path,
) -> None:
    visitor = django_user_model.objects.create_user(
        email=EMAIL,
        password="a long and unusual passphrase 43",
        given_name="Maria",
        family_name="Delgado",
    )
    browser = Client()
    browser.force_login(visitor)
    caplog.clear()
    caplog.set_level(logging.DEBUG)
    pages = ["/", "/carrier/", "/retail/", "/contact/", f"/account/{visitor.public_id}/bills/"]
    for n in range(HITS):
        who = browser if n % 4 == 0 else client
        who.get(
            f"{pages[n % len(pages)]}?utm_source={EMAIL if n % 7 == 0 else 'mail'}"
            f"&email={EMAIL}&account={visitor.public_id}",
            HTTP_USER_AGENT=_agent(n),
            REMOTE_ADDR=_address(n),
            HTTP_REFERER=f"https://mail.example/read?to={EMAIL}&id={visitor.public_id}",
            **({"HTTP_DNT": "1"} if n % 11 == 0 else {}),
        )
        if n % 5 == 0:
            who.generic(
                "POST",
                reverse("analytics:timing"),
                json.dumps({"path": pages[n % 4], "load_ms": 300 + n}),
                content_type="application/json",
                HTTP_USER_AGENT=_agent(n),
                REMOTE_ADDR=_address(n),
            )
    pending_text = repr(buffer_pending())
    buffer_flush()
    exports = {
        "rollups.csv": b"".join(
            analyst_client.get(reverse("analytics:export_csv"), {"range": "30d"}).streaming_content
        ).decode(),
        "partner.csv (download)": b"".join(
            analyst_client.get(
                reverse("analytics:export_partner"), {"range": "30d"}
            ).streaming_content
        ).decode(),
    }
    call_command(
        "analytics_partner_export",
        "--from",
        "2026-05-01",
        "--to",
        "2026-06-30",
        "--output",
        str(tmp_path / "partner.csv"),
        stdout=io.StringIO(),
    )
    exports["partner.csv (command)"] = (tmp_path / "partner.csv").read_text()
    needles = _needles(visitor)
    # What the log handlers write: the project's format applied to every record.
    formatter = logging.Formatter(settings.LOGGING["formatters"]["plain"]["format"])
    log_lines = [(r.name, formatter.format(r)) for r in caplog.records]
    log_text = "\n".join(line for _name, line in log_lines)
    # Django itself logs the path of every 404 ("Not Found: /account/<id>/bills/"): that is the
    # site's request log, not the statistics, so only addresses and user agents are checked there.
    log_text_without_404s = "\n".join(line for name, line in log_lines if name != "django.request")
    cache_text = "\n".join(f"{k} {v!r}" for k, v in cache._cache.items())  # type: ignore[attr-defined]

    every_table = _all_table_text()
    statistics_tables = {t: text for t, text in every_table.items() if t.startswith("analytics_")}

    assert PageView.objects.count() == HITS
    assert DailyRollup.objects.filter(value="/account/:uuid/bills/").exists()
    assert {
        t: _found(text, needles, ("address", "user agent"))
        for t, text in every_table.items()
        if _found(text, needles, ("address", "user agent"))
    } == {}
    assert {
        t: _found(text, needles, ("account",))
        for t, text in statistics_tables.items()
        if _found(text, needles, ("account",))
    } == {}
    assert not any(
        str(visitor.pk) == v for v in PageView.objects.values_list("visitor_hash", flat=True)
    )
    assert _found(pending_text, needles, ("address", "user agent", "account")) == []
    assert _found(log_text, needles, ("address", "user agent")) == []
    assert _found(log_text_without_404s, needles, ("account",)) == []
    assert _found(cache_text, needles, ("address", "user agent", "account")) == []
    assert {
        name: _found(text, needles, ("address", "user agent", "account"))
        for name, text in exports.items()
    } == {name: [] for name in exports}


@pytest.mark.promise("P01")
def test_a_page_view_record_has_only_the_fields_the_policy_lists() -> None:
    fields = {f.name for f in PageView._meta.concrete_fields}

    assert fields == {
        "id",
        "minute",
        "path",
        "referrer_domain",
        "browser",
        "platform",
        "device",
        "state",
        "status",
        "server_ms",
        "visitor_hash",
    }
    assert not [f for f in PageView._meta.get_fields() if f.is_relation]
