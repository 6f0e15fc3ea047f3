"""P28 and P29: campaign measurement from anonymous counts; the page-timing beacon carries
nothing personal and sets no cookie (this site shows no third-party ads and uses no web beacons)."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from azultel.analytics.buffer import buffer_flush
from azultel.analytics.models import DailyRollup, DailyTiming, Dimension, PageView
from azultel.analytics.tests.conftest import DESKTOP_CHROME

pytestmark = pytest.mark.django_db


@pytest.mark.promise("P28")
def test_a_campaign_is_measured_by_anonymous_counts_only(client: Client) -> None:
    for address in ("203.0.113.1", "203.0.113.2"):
        client.get(
            "/retail/?utm_source=mailer&utm_campaign=fiber-fall&ref=maria%40example.com",
            HTTP_USER_AGENT=DESKTOP_CHROME,
            REMOTE_ADDR=address,
        )
    buffer_flush()

    campaign = DailyRollup.objects.get(dimension=Dimension.CAMPAIGN)
    stored = repr(list(PageView.objects.values())) + repr(list(DailyRollup.objects.values()))
    assert (campaign.views, campaign.visitors) == (2, 2)
    assert "fiber-fall" in campaign.value
    assert "maria" not in stored and "203.0.113" not in stored


@pytest.mark.promise("P29")
def test_the_page_timing_beacon_sets_no_cookie_and_keeps_only_path_and_time(
    client: Client,
) -> None:
    accepted = client.post(
        "/stats/timing",
        json.dumps({"path": "/retail/", "load_ms": 900}),
        content_type="application/json",
        HTTP_USER_AGENT=DESKTOP_CHROME,
    )
    refused = client.post(
        "/stats/timing",
        json.dumps({"path": "/retail/", "load_ms": 900, "email": "maria@example.com"}),
        content_type="application/json",
        HTTP_USER_AGENT=DESKTOP_CHROME,
    )
    buffer_flush()

    assert accepted.status_code == 204 and accepted.cookies == {}
    assert refused.status_code == 400
    # One reading, counted site-wide ("") and for its page; nothing else is kept.
    assert sorted(DailyTiming.objects.values_list("path", "count")) == [("", 1), ("/retail/", 1)]
