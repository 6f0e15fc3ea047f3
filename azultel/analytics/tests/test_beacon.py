"""POST /stats/timing: one page-load time, or a 4xx that stores nothing. Never a 5xx."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from azultel.analytics.buffer import buffer_flush, buffer_pending
from azultel.analytics.models import DailyTiming, TimingMetric
from azultel.analytics.tests.conftest import DESKTOP_CHROME, GOOGLEBOT
from azultel.analytics.timing_bins import bin_for

pytestmark = pytest.mark.django_db

URL = reverse("analytics:timing")


def _post(
    client: Client, body: bytes | str, content_type: str = "application/json", **extra: Any
) -> Any:
    return client.generic(
        "POST", URL, body, content_type=content_type, HTTP_USER_AGENT=DESKTOP_CHROME, **extra
    )


def _nothing_stored() -> bool:
    buffer_flush()
    return buffer_pending() == [] and not DailyTiming.objects.exists()


def test_a_load_time_is_stored_as_a_histogram_count(client: Client) -> None:
    response = _post(client, json.dumps({"path": "/carrier/", "load_ms": 840}))
    buffer_flush()

    assert response.status_code == 204
    timing = DailyTiming.objects.get(metric=TimingMetric.LOAD, path="/carrier/")
    assert (timing.bin, timing.count) == (bin_for(840), 1)


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("text/plain;charset=UTF-8", '{"path": "/", "load_ms": 1200}'),
        ("application/x-www-form-urlencoded", "path=%2F&load_ms=1200"),
    ],
)
def test_sendbeacon_and_form_bodies_are_accepted(
    client: Client, content_type: str, body: str
) -> None:
    response = _post(client, body, content_type)
    buffer_flush()

    assert response.status_code == 204
    assert DailyTiming.objects.filter(metric=TimingMetric.LOAD, path="/").count() == 1


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        (b"{" * 2000, "application/json", 413),
        (b"not json", "application/json", 400),
        (b'{"path": "/", "load_ms": "fast"}', "application/json", 400),
        (b'{"path": "/", "load_ms": 1.5}', "application/json", 400),
        (b'{"path": "/", "load_ms": true}', "application/json", 400),
        (b'{"path": "/", "load_ms": 0}', "application/json", 400),
        (b'{"path": "/", "load_ms": 120001}', "application/json", 400),
        (b'{"path": "/", "load_ms": 100, "visitor": "x"}', "application/json", 400),
        (b'{"path": "/"}', "application/json", 400),
        (b'{"path": 5, "load_ms": 100}', "application/json", 400),
        (b'{"path": "https://elsewhere.example/", "load_ms": 100}', "application/json", 400),
        (b'{"path": "//elsewhere.example/", "load_ms": 100}', "application/json", 400),
        (b'{"path": "/?email=a@b.example", "load_ms": 100}', "application/json", 400),
        (b'{"path": "/no-such-page/", "load_ms": 100}', "application/json", 400),
        (b'["/", 100]', "application/json", 400),
        (b"\xff\xfe", "application/json", 400),
        (b"path=/&path=/carrier/&load_ms=1", "application/x-www-form-urlencoded", 400),
        (b'{"path": "/", "load_ms": 100}', "application/xml", 415),
        (b'{"path": "/", "load_ms": 100}', "multipart/form-data; boundary=x", 415),
    ],
)
def test_bad_input_gets_a_4xx_and_stores_nothing(
    client: Client, body: bytes, content_type: str, status: int
) -> None:
    response = _post(client, body, content_type)

    assert response.status_code == status
    assert _nothing_stored()


def test_only_post_is_accepted(client: Client) -> None:
    response = client.get(URL)

    assert response.status_code == 405
    assert _nothing_stored()


def test_a_report_from_another_site_is_refused(client: Client) -> None:
    response = _post(
        client,
        json.dumps({"path": "/", "load_ms": 500}),
        HTTP_SEC_FETCH_SITE="cross-site",
        HTTP_ORIGIN="https://elsewhere.example",
    )

    assert response.status_code == 403
    assert _nothing_stored()


def test_a_flood_from_one_client_is_cut_off(client: Client, settings: Any) -> None:
    settings.ANALYTICS_BEACON_RATE_LIMIT = 5
    body = json.dumps({"path": "/", "load_ms": 500})

    statuses = [_post(client, body, REMOTE_ADDR="203.0.113.80").status_code for _ in range(8)]
    other = _post(client, body, REMOTE_ADDR="198.51.100.81").status_code
    buffer_flush()

    assert statuses == [204] * 5 + [429] * 3
    assert other == 204
    assert DailyTiming.objects.get(metric=TimingMetric.LOAD, path="/").count == 6


def test_staff_pages_reports_are_accepted_but_not_counted(client: Client) -> None:
    response = _post(client, json.dumps({"path": "/staff/stats/", "load_ms": 500}))

    assert response.status_code == 204
    assert _nothing_stored()


def test_bots_reports_are_accepted_but_not_counted(client: Client) -> None:
    response = client.generic(
        "POST",
        URL,
        json.dumps({"path": "/", "load_ms": 500}),
        content_type="application/json",
        HTTP_USER_AGENT=GOOGLEBOT,
    )

    assert response.status_code == 204
    assert _nothing_stored()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=40),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)


@settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    body=st.one_of(
        st.binary(max_size=1500),
        json_values.map(lambda v: json.dumps(v).encode()),
        st.fixed_dictionaries(
            {"path": json_values | st.text(max_size=400), "load_ms": json_values}
        ).map(lambda v: json.dumps(v).encode()),
    ),
    content_type=st.sampled_from(
        ["application/json", "text/plain", "application/x-www-form-urlencoded", "text/html", ""]
    ),
)
def test_arbitrary_bodies_never_cause_a_server_error(
    client: Client, body: bytes, content_type: str
) -> None:
    from django.core.cache import cache

    cache.clear()
    response = _post(client, body, content_type)

    assert response.status_code in (204, 400, 413, 415, 429)
    assert response.status_code == 204 or buffer_pending() == []


def test_the_beacon_rate_limit_counts_in_worker_memory_not_the_shared_cache(
    client: Client, settings: Any
) -> None:
    """The limit is per worker (no file or network write per beacon): the shared cache is not
    touched, and the limit still applies within the process."""
    from django.core.cache import cache

    settings.ANALYTICS_BEACON_RATE_LIMIT = 2
    cache.clear()
    body = json.dumps({"path": "/", "load_ms": 500})

    statuses = [_post(client, body, REMOTE_ADDR="203.0.113.90").status_code for _ in range(3)]

    assert statuses == [204, 204, 429]
    assert not any(key for key in cache._cache if ":rl:analytics-beacon:" in key)  # type: ignore[attr-defined]
