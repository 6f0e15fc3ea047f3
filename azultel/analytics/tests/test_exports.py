"""Exports: the staff CSV, the k-suppressed partner report (P16) and the aggregate exporter (P27)."""

from __future__ import annotations

import csv
import io
import json
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from azultel.analytics.collection import Hit
from azultel.analytics.exporters import HttpAggregateExporter, day_export
from azultel.analytics.selectors import partner_rows
from azultel.analytics.services import hits_store
from azultel.analytics.tasks import aggregates_export
from azultel.analytics.tests.conftest import FrozenClock
from azultel.core.models import AuditEvent

pytestmark = pytest.mark.django_db

DAY = date(2026, 6, 9)
NOON = datetime(2026, 6, 9, 16, 0, tzinfo=UTC)


def _seed(hit_factory: Callable[..., Hit]) -> None:
    """June 9: 12 visitors on /, 3 of them also on /carrier/; one on /rare/ from Texas."""
    hits = [hit_factory(minute=NOON, path="/", visitor=f"{n:032d}") for n in range(12)]
    hits += [hit_factory(minute=NOON, path="/carrier/", visitor=f"{n:032d}") for n in range(3)]
    hits.append(hit_factory(minute=NOON, path="/rare/", visitor="f" * 32, state="TX"))
    hits_store(hits=hits)


def _csv(response: Any) -> list[dict[str, str]]:
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def _cells(dimensions: list[str]) -> dict[tuple[str, str], tuple[int | None, int | None]]:
    return {
        (r.dimension, r.value): (r.visitors, r.views)
        for r in partner_rows(start=DAY, end=DAY, dimensions=dimensions)
    }


@pytest.mark.promise("P16")
def test_partner_cells_under_k_visitors_are_blanked(hit_factory: Callable[..., Hit]) -> None:
    # Given 30 visitors on /, 12 of them also on /carrier/, and one on /rare/ from Texas
    hits = [hit_factory(minute=NOON, path="/", visitor=f"{n:032d}") for n in range(30)]
    hits += [hit_factory(minute=NOON, path="/carrier/", visitor=f"{n:032d}") for n in range(12)]
    hits.append(hit_factory(minute=NOON, path="/rare/", visitor="f" * 32, state="TX"))
    hits_store(hits=hits)

    # When the partner cells of the day are read
    cells = _cells(["page", "state"])

    # Then /rare/ and Texas are blank, and so is /carrier/ (the smallest page cell shown
    # otherwise: the day's views less those of / and /carrier/ would give /rare/'s away)
    assert cells == {
        ("page", "/"): (30, 30),
        ("page", "/carrier/"): (None, None),
        ("page", "/rare/"): (None, None),
        ("state", "TX"): (None, None),
    }


@pytest.mark.promise("P16")
def test_a_small_browser_cannot_be_worked_out_from_the_others(
    hit_factory: Callable[..., Hit],
) -> None:
    # Given 12 Chrome visitors and 1 Opera visitor on a day, all on Windows desktops
    hits = [hit_factory(minute=NOON, visitor=f"{n:032d}") for n in range(12)]
    hits.append(hit_factory(minute=NOON, browser="Opera", visitor="f" * 32))
    hits_store(hits=hits)

    # When the partner cells of the day are read
    cells = _cells(["browser", "platform", "device"])

    # Then the platform and device cells give the day's 13 visitors, and the browser cells are
    # both blank: 13 is all one can say of Chrome and Opera together, never Opera's 1
    assert cells == {
        ("browser", "Chrome"): (None, None),
        ("browser", "Opera"): (None, None),
        ("platform", "Windows"): (13, 13),
        ("device", "desktop"): (13, 13),
    }


@pytest.mark.promise("P16")
def test_a_group_smaller_than_k_is_blank_whole(hit_factory: Callable[..., Hit]) -> None:
    # Given 6 Chrome and 3 Firefox visitors on a day: 9 in all, under k
    hits = [hit_factory(minute=NOON, visitor=f"{n:032d}") for n in range(6)]
    hits += [hit_factory(minute=NOON, browser="Firefox", visitor=f"f{n:031d}") for n in range(3)]
    hits_store(hits=hits)

    # Then no browser cell of the day is shown
    assert _cells(["browser"]) == {
        ("browser", "Chrome"): (None, None),
        ("browser", "Firefox"): (None, None),
    }


@pytest.mark.promise("P16")
def test_cells_that_add_up_to_nothing_shown_keep_their_counts(
    hit_factory: Callable[..., Hit],
) -> None:
    # Given 12 visitors who chose Florida and 1 who chose Texas (most visitors choose no state,
    # and no cell counts them, so the state cells add up to nothing a partner sees)
    hits = [hit_factory(minute=NOON, visitor=f"{n:032d}", state="FL") for n in range(12)]
    hits.append(hit_factory(minute=NOON, visitor="f" * 32, state="TX"))
    hits_store(hits=hits)

    # Then only Texas is blank
    assert _cells(["state"]) == {("state", "FL"): (12, 12), ("state", "TX"): (None, None)}


@pytest.mark.promise("P16")
def test_partner_reports_have_no_total(hit_factory: Callable[..., Hit]) -> None:
    _seed(hit_factory)

    with pytest.raises(ValueError, match="total"):
        partner_rows(start=DAY, end=DAY, dimensions=["total"])
    with pytest.raises(CommandError):
        call_command(
            "analytics_partner_export", "--from", "2026-06-09", "--to", "2026-06-09",
            "--dimension", "total", stdout=io.StringIO(),
        )  # fmt: skip


@pytest.mark.promise("P16")
def test_partner_report_download_and_command_give_the_same_suppressed_cells(
    analyst_client: Client,
    frozen_clock: FrozenClock,
    hit_factory: Callable[..., Hit],
    tmp_path: Path,
) -> None:
    _seed(hit_factory)
    output = tmp_path / "partner.csv"

    response = analyst_client.get(
        reverse("analytics:export_partner"),
        {"range": "custom", "start": "2026-06-09", "end": "2026-06-09"},
    )
    call_command(
        "analytics_partner_export",
        "--from",
        "2026-06-09",
        "--to",
        "2026-06-09",
        "--output",
        str(output),
        stdout=io.StringIO(),
    )

    downloaded = _csv(response)
    written = list(csv.DictReader(output.open()))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert downloaded == written
    pages = {r["value"]: (r["visitors"], r["page_views"]) for r in downloaded if r["dimension"] == "page"}  # fmt: skip
    assert pages == {"/": ("", ""), "/carrier/": ("", ""), "/rare/": ("", "")}
    assert {r["dimension"] for r in downloaded} == {
        "page",
        "browser",
        "platform",
        "device",
        "state",
    }
    assert AuditEvent.objects.filter(action="analytics.export_partner").count() == 1


@pytest.mark.parametrize("name", ["analytics:export_csv", "analytics:export_partner"])
def test_exports_need_the_analyst_permission(
    client: Client, django_user_model: Any, name: str
) -> None:
    user = django_user_model.objects.create_user(
        email="someone@azultel.example", password="x" * 20, given_name="S", family_name="O"
    )
    client.force_login(user)

    response = client.get(reverse(name))

    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action__startswith="analytics.export").exists()


@pytest.mark.promise("P02")
def test_the_staff_csv_holds_the_periods_rollups(
    analyst_client: Client, frozen_clock: FrozenClock, hit_factory: Callable[..., Hit]
) -> None:
    _seed(hit_factory)

    rows = _csv(analyst_client.get(reverse("analytics:export_csv"), {"range": "7d"}))

    assert {
        "period_start": "2026-06-09",
        "dimension": "Page",
        "value": "/rare/",
        "page_views": "1",
        "visitors": "1",
        "visits_started": "1",
    } in rows
    assert set(rows[0]) == {
        "period_start",
        "dimension",
        "value",
        "page_views",
        "visitors",
        "visits_started",
    }
    assert AuditEvent.objects.get(action="analytics.export_rollups").actor is not None


def test_a_bad_period_is_refused(analyst_client: Client, frozen_clock: FrozenClock) -> None:
    response = analyst_client.get(reverse("analytics:export_csv"), {"range": "custom"})

    assert response.status_code == 400
    assert not AuditEvent.objects.filter(action__startswith="analytics.").exists()


class _Receiver(BaseHTTPRequestHandler):
    bodies: list[bytes] = []

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        _Receiver.bodies.append(self.rfile.read(length))
        self.send_response(202)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def receiver() -> Iterator[str]:
    """A third-party analytics service, played by a tiny HTTP server on loopback."""
    _Receiver.bodies = []
    server = HTTPServer(("127.0.0.1", 0), _Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/collect"
    server.shutdown()


@pytest.mark.promise("P27")
@pytest.mark.promise("P16")
def test_the_third_party_exporter_sends_only_suppressed_aggregates(
    hit_factory: Callable[..., Hit], receiver: str
) -> None:
    _seed(hit_factory)

    sent = day_export(day=DAY, exporter=HttpAggregateExporter(receiver, timeout=5))

    payload = json.loads(_Receiver.bodies[0])
    assert sent == 3
    assert payload["day"] == "2026-06-09" and payload["k"] == 10
    assert payload["cells"] == [
        {"dimension": "browser", "value": "Chrome", "visitors": 13, "page_views": 16},
        {"dimension": "platform", "value": "Windows", "visitors": 13, "page_views": 16},
        {"dimension": "device", "value": "desktop", "visitors": 13, "page_views": 16},
    ]
    raw = _Receiver.bodies[0].decode()
    assert "0" * 32 not in raw and "minute" not in raw and "/carrier/" not in raw
    assert '"total"' not in raw


def test_the_exporter_is_off_unless_configured(
    hit_factory: Callable[..., Hit], receiver: str, settings: Any, frozen_clock: FrozenClock
) -> None:
    _seed(hit_factory)
    settings.ANALYTICS_EXPORT_URL = ""

    assert aggregates_export() == 0

    settings.ANALYTICS_EXPORT_URL = receiver
    frozen_clock.set(NOON + timedelta(days=1))
    first, second = aggregates_export(), aggregates_export()

    assert (first, second) == (3, 0)  # once a day
    assert len(_Receiver.bodies) == 1


def test_the_exporter_only_speaks_http() -> None:
    with pytest.raises(ValueError, match="http"):
        HttpAggregateExporter("file:///etc/passwd", timeout=1)


def test_values_that_look_like_formulas_are_exported_as_text(
    analyst_client: Client, frozen_clock: FrozenClock, hit_factory: Callable[..., Hit]
) -> None:
    hits_store(
        hits=[
            hit_factory(minute=NOON, path='/?utm_source=%3DHYPERLINK("x")', visitor=f"{n:032d}")
            for n in range(12)
        ]
    )

    rows = _csv(analyst_client.get(reverse("analytics:export_csv"), {"range": "7d"}))
    partner = _csv(analyst_client.get(reverse("analytics:export_partner"), {"range": "7d"}))

    campaigns = [r["value"] for r in rows if r["dimension"] == "Campaign"]
    assert campaigns == ['\'=HYPERLINK("x") / - / -']
    assert [r["value"] for r in partner if r["dimension"] == "campaign"] == campaigns
