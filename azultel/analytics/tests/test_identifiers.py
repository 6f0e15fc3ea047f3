"""Evidence for P01 and P27: identifiers typed into addresses never reach the statistics.

Paths and campaign tags can carry an email address, a telephone number, an SSN, an order,
account or bill number, a UUID or a signed token (an unsubscribe link, a password reset key).
Each is replaced by a placeholder (paths) or dropped (campaign values) before a hit is buffered,
so no table, rollup or histogram ever holds one.
"""

from __future__ import annotations

import base64
import json
import re
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from azultel.analytics.buffer import buffer_flush, buffer_pending
from azultel.analytics.collection import campaign_query, path_clean
from azultel.analytics.models import DailyRollup, DailyTiming, Dimension, PageView, TimingMetric
from azultel.analytics.services import analytics_purge
from azultel.analytics.tests.conftest import DESKTOP_CHROME, FrozenClock, statistics_text

# Each needle is what must never be found; each is long and odd enough not to occur by chance
# in a timestamp, a visitor hash or a salt.
EMAIL = "maria.delgado77@example.com"
SSN = "078-05-1120"
PHONES = ("305-555-0147", "(305)555-0148", "+13055550149", "3055550150", "305.555.0151")
ORDER = "AZ-2026-004817"
ACCOUNT = "8915-3698-8944"
BILL = "A-73914268"
UUID = "3f2a6c1e-8b7d-4e2f-9a1b-0c3d5e7f9a2b"
RESET_KEY = "c3k5fo-0f4e7c2a8b1d9e3f5a7c61d2"
SIGNED = "eyJtIjoiOTk5In0:1rXyZ9:Qm9sZGx5R29pbmdXaGVyZU5vT25lSGFzR29uZQ"
NAME_WITH_NUMBER = "maria-delgado-30555"

NEEDLES = (
    EMAIL,
    "maria.delgado77",
    SSN,
    "078051120",
    *PHONES,
    "3055550147",
    "3055550148",
    ORDER,
    "004817",
    ACCOUNT,
    "891536988944",
    BILL,
    "73914268",
    UUID,
    UUID.replace("-", ""),
    "0f4e7c2a8b1d9e3f5a7c61d2",
    "Qm9sZGx5R29pbmdXaGVyZU5vT25lSGFzR29uZQ",
    "eyJtIjoiOTk5In0",
    "maria-delgado",
    "u83917261",
    "read-mail-30555",
)

# Pages reached by a GET (counted, as pages or as pages not found).
VISITED = (
    f"/help/bills/{UUID}/",
    f"/bill/{BILL}/",
    f"/orders/{ORDER}/",
    f"/billing/account/{ACCOUNT}/",
    f"/support/ssn/{SSN}/",
    *(f"/directory/{phone}/" for phone in PHONES),
    f"/email/unsubscribe/{EMAIL}/",
    f"/account/password/reset/key/{RESET_KEY}/",
    f"/email/unsubscribe/{SIGNED}/",
    f"/shop/p/{NAME_WITH_NUMBER}/",
    f"/orders/{UUID.replace('-', '')}/",
)
# Pages that resolve, so the timing beacon accepts them.
BEACONED = (
    f"/email/unsubscribe/{EMAIL}/",
    f"/email/unsubscribe/{SIGNED}/",
    f"/email/unsubscribe/{PHONES[1]}/",
    f"/privacy/opt-out/{ORDER}/",
    f"/privacy/opt-out/{ACCOUNT}/",
    f"/privacy/opt-out/{SSN}/",
    f"/shop/p/{NAME_WITH_NUMBER}/",
    f"/account/bills/{UUID}/",
)
CAMPAIGN_QUERIES = (
    f"utm_source=newsletter&utm_medium=email&utm_campaign=fiber-spring&utm_content={EMAIL}",
    f"utm_source={PHONES[0]}&utm_campaign={ORDER}&utm_term={SSN}",
    f"utm_source=partner&utm_content={ACCOUNT}&utm_term=maria-delgado-30555",
    f"utm_source=Newsletter&utm_campaign={SIGNED}&utm_medium={UUID}",
    "utm_source=newsletter&utm_campaign=" + "x" * 41,
)
REFERRERS = (
    f"https://mail.example/read?to={EMAIL}&id={UUID}",
    f"https://u83917261.webmail.example/inbox/{PHONES[2]}",
    f"https://search.example/read-mail-30555/{ORDER}?q={SSN}",
)


@pytest.mark.django_db
@pytest.mark.promise("P01")
@pytest.mark.promise("P27")
def test_no_identifier_in_a_path_campaign_tag_or_referrer_is_stored(
    client: Client, frozen_clock: FrozenClock
) -> None:
    # Given visits (through the real middleware) and page-load beacons for addresses that carry
    # identifiers, with identifying campaign tags and referring pages
    counted = 0
    for n, path in enumerate(VISITED):
        response = client.get(
            f"{path}?{CAMPAIGN_QUERIES[n % len(CAMPAIGN_QUERIES)]}&email={EMAIL}",
            HTTP_USER_AGENT=DESKTOP_CHROME,
            HTTP_REFERER=REFERRERS[n % len(REFERRERS)],
            REMOTE_ADDR=f"198.51.100.{n + 1}",
        )
        counted += response.status_code in (200, 404)
    for n, query in enumerate(CAMPAIGN_QUERIES):
        client.get(
            f"/retail/?{query}",
            HTTP_USER_AGENT=DESKTOP_CHROME,
            HTTP_REFERER=REFERRERS[n % len(REFERRERS)],
            REMOTE_ADDR=f"192.0.2.{n + 1}",
        )
    for n, path in enumerate(BEACONED):
        response = client.generic(
            "POST",
            reverse("analytics:timing"),
            json.dumps({"path": path, "load_ms": 400 + n}),
            content_type="application/json",
            HTTP_USER_AGENT=DESKTOP_CHROME,
            REMOTE_ADDR=f"198.51.100.{n + 1}",
        )
        assert response.status_code == 204, path
    pending = repr(buffer_pending())

    # When the buffer is written, and the day is over and closed
    buffer_flush()
    frozen_clock.set(frozen_clock.moment + timedelta(days=1))
    analytics_purge()

    # Then no table holds any of the identifiers
    tables = statistics_text()
    found = {
        table: [needle for needle in NEEDLES if needle.lower() in text.lower()]
        for table, text in tables.items()
    }
    assert {table: hits for table, hits in found.items() if hits} == {}
    assert [needle for needle in NEEDLES if needle in pending] == []
    # and the views were counted, under placeholders
    assert PageView.objects.count() == counted + len(CAMPAIGN_QUERIES)
    assert counted == len(VISITED)
    pages = set(DailyRollup.objects.values_list("value", flat=True))
    assert {
        "/help/bills/:uuid/",
        "/bill/:number/",
        "/orders/:number/",
        "/billing/account/:number/",
        "/support/ssn/:number/",
        "/directory/:phone/",
        "/email/unsubscribe/:email/",
        "/account/password/reset/key/:token/",
        "/email/unsubscribe/:token/",
        "/shop/p/:number/",
        "/orders/:uuid/",
    } <= pages
    assert set(
        DailyRollup.objects.filter(dimension=Dimension.CAMPAIGN).values_list("value", flat=True)
    ) == {"newsletter / email / fiber-spring", "partner / - / -", "newsletter / - / -"}
    assert set(PageView.objects.values_list("referrer_domain", flat=True)) == {
        "mail.example",
        "webmail.example",
        "search.example",
    }
    assert {
        "/email/unsubscribe/:email/",
        "/email/unsubscribe/:token/",
        "/email/unsubscribe/:phone/",
        "/privacy/opt-out/:number/",
        "/shop/p/:number/",
        "/account/bills/:uuid/",
    } == set(
        DailyTiming.objects.filter(metric=TimingMetric.LOAD)
        .exclude(path="")
        .values_list("path", flat=True)
    )


# --- Properties of the cleaner ---------------------------------------------------------------

_slug = st.text(alphabet="abcdefghijklmnopqrstuvwxyz-", min_size=0, max_size=12)
_digits = st.integers(min_value=0, max_value=9).map(str)


@st.composite
def _phones(draw: st.DrawFn) -> str:
    area, exchange, line = (draw(st.text(alphabet="0123456789", min_size=k, max_size=k))
                            for k in (3, 3, 4))  # fmt: skip
    shape = draw(st.sampled_from([
        "{a}-{e}-{l}", "({a}){e}-{l}", "({a}) {e}-{l}", "+1{a}{e}{l}", "{a}{e}{l}",
        "{a}.{e}.{l}", "1-{a}-{e}-{l}", "+1 {a} {e} {l}", "{a} {e} {l}",
    ]))  # fmt: skip
    return shape.format(a=area, e=exchange, l=line)


def _token(raw: bytes, kind: str) -> str:
    if kind == "hex":
        return raw.hex()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


_identifiers = st.one_of(
    st.emails(),
    _phones(),
    st.uuids().map(str),
    st.uuids().map(lambda u: u.hex),
    st.from_regex(r"\A[0-9]{5,16}\Z"),
    st.from_regex(r"\A[0-9]{3}-[0-9]{2}-[0-9]{4}\Z"),
    st.from_regex(r"\AAZ-20[0-9]{2}-[0-9]{6}\Z"),
    st.from_regex(r"\A8[0-9]{3}-[0-9]{4}-[0-9]{4}\Z"),
    st.from_regex(r"\A[0-9]{4}[ -][0-9]{4}[ -][0-9]{4}[ -][0-9]{4}\Z"),
    st.builds(_token, st.binary(min_size=12, max_size=40), st.sampled_from(["hex", "b64"])).filter(
        # A token with neither a digit nor both cases (all "A"s) cannot be told from a word.
        lambda t: re.search(r"[0-9]", t) is not None or (t.lower() != t and t.upper() != t)
    ),
)


@pytest.mark.promise("P01")
@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    identifier=_identifiers,
    before=st.lists(_slug, max_size=3),
    after=st.lists(_slug, max_size=3),
    prefix=st.sampled_from(["", "a-", "bill-", "ana-", "id="]),
    suffix=st.sampled_from(["", "-x", ".html", "-receipt"]),
    split_dashes=st.booleans(),
)
def test_an_identifier_anywhere_in_a_path_never_survives_cleaning(
    identifier: str,
    before: list[str],
    after: list[str],
    prefix: str,
    suffix: str,
    split_dashes: bool,
) -> None:
    # Numbers are also written across segments: /call/305/555/0100/.
    number = re.fullmatch(r"[0-9 ()+.-]+|AZ-[0-9-]+", identifier) is not None
    written = identifier.replace("-", "/") if split_dashes and number else identifier
    path = "/" + "/".join([*before, f"{prefix}{written}{suffix}", *after]) + "/"

    cleaned = path_clean(path)

    assert identifier not in cleaned
    assert written not in cleaned
    assert "@" not in cleaned
    assert re.search(r"[0-9]{5}", cleaned) is None
    assert path_clean(cleaned) == cleaned


@settings(max_examples=300, deadline=None, derandomize=True)
@given(path=st.text(max_size=400))
def test_cleaning_any_path_is_idempotent(path: str) -> None:
    cleaned = path_clean(path)

    assert path_clean(cleaned) == cleaned
    assert cleaned.startswith("/")
    assert "?" not in cleaned


@pytest.mark.promise("P01")
@settings(max_examples=200, deadline=None, derandomize=True)
@given(key=st.sampled_from(["utm_source", "utm_medium", "utm_campaign"]), value=st.text())
def test_a_kept_campaign_value_is_always_a_short_slug(key: str, value: str) -> None:
    kept = campaign_query(f"{key}={value}")

    assert kept == "" or re.fullmatch(rf"{key}=[a-z0-9][a-z0-9_-]{{0,39}}", kept)
    assert re.search(r"[0-9]{5}", kept) is None


@pytest.mark.promise("P01")
@settings(max_examples=200, deadline=None, derandomize=True)
@given(identifier=_identifiers)
def test_no_identifier_is_kept_as_a_campaign_value(identifier: str) -> None:
    # Encoded as a browser sends it: an identifier holding "&" or "=" stays one value.
    query = urlencode(
        [
            ("utm_source", identifier),
            ("utm_campaign", f"x{identifier}"),
            ("utm_content", f"{identifier}-a"),
        ]
    )

    assert campaign_query(query) == ""
