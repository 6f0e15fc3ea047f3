"""What a hit keeps from a request: cleaned paths, campaign tags, referrer domains, families."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from hypothesis import given, settings
from hypothesis import strategies as st

from azultel.analytics.collection import (
    campaign_query,
    path_clean,
    path_with_campaign,
    privacy_signal,
    referrer_domain,
)
from azultel.analytics.models import PATH_MAX_LENGTH
from azultel.analytics.tests.conftest import (
    DESKTOP_CHROME,
    GOOGLEBOT,
    IPAD_SAFARI,
    IPHONE_SAFARI,
    MAC_FIREFOX,
)
from azultel.analytics.useragents import client_classify


@pytest.mark.promise("P01")
@pytest.mark.parametrize(
    ("path", "cleaned"),
    [
        ("/retail/", "/retail/"),
        ("/account/3f2a6c1e-8b7d-4e2f-9a1b-0c3d5e7f9a2b/bills/", "/account/:uuid/bills/"),
        ("/orders/10045871/", "/orders/:number/"),
        ("/bills/2026/", "/bills/2026/"),
        ("/unsubscribe/ana@example.com/", "/unsubscribe/:email/"),
        ("/reset/MjQ:1rXyZ9:abcdefghijk1234567890/", "/reset/:token/"),
        ("/bill/A-12345678/pdf/", "/bill/:number/pdf/"),
        ("/orders/AZ-2026-000123/", "/orders/:number/"),
        ("/billing/8915-3698-8944/", "/billing/:number/"),
        ("/ssn/078-05-1120/", "/ssn/:number/"),
        ("/call/305-555-0100/", "/call/:phone/"),
        ("/call/(305)555-0100/", "/call/:phone/"),
        ("/call/(305) 555-0100/", "/call/:phone/"),
        ("/call/+13055550100/", "/call/:phone/"),
        ("/call/3055550100/", "/call/:phone/"),
        ("/call/maria-305.555.0100/", "/call/:phone/"),
        ("/call/305/555/0100/", "/call/:phone/:phone/:phone/"),
        ("/ssn/078/05/1120/x/", "/ssn/:number/:number/:number/x/"),
        ("/u/ana%40example.com/", "/u/:email/"),
        ("/u/ana%2540example.com/", "/u/:token/"),
        ("/key/0f4e7c2a8b1d9e3f5a7c/", "/key/:token/"),
        ("/key/Qm9sZGx5R29pbmdXaGVyZQ/", "/key/:token/"),
        ("/a%3Futm_source=maria/", "/a"),
        ("/shop/p/fiber-internet-1000/", "/shop/p/fiber-internet-1000/"),
        ("/legal/internet-privacy-policy/", "/legal/internet-privacy-policy/"),
        ("/catalog/12/item-345/", "/catalog/12/item-345/"),
        ("/bills/2026/06/", "/bills/2026/06/"),
        ("", "/"),
    ],
)
def test_identifiers_in_paths_become_placeholders(path: str, cleaned: str) -> None:
    assert path_clean(path) == cleaned


@pytest.mark.parametrize(
    ("query", "kept"),
    [
        (
            "utm_source=news&utm_medium=email&utm_campaign=fiber",
            "utm_source=news&utm_medium=email&utm_campaign=fiber",
        ),
        ("utm_campaign=c&utm_source=s", "utm_source=s&utm_campaign=c"),
        ("q=my+address&utm_source=news&session=abc", "utm_source=news"),
        ("utm_source=ana%40example.com", ""),
        ("utm_content=eyJhbGciOiJIUzI1NiJ9abc123", ""),
        ("page=2", ""),
        ("utm_source=" + "x" * 500, ""),
        ("utm_source=Newsletter&utm_medium=E-mail", "utm_source=newsletter&utm_medium=e-mail"),
        ("utm_source=305-555-0100&utm_campaign=spring", "utm_campaign=spring"),
        ("utm_campaign=order-AZ-2026-000123&utm_medium=sms", "utm_medium=sms"),
        ("utm_term=fiber+internet&utm_content=b12345", ""),
    ],
)
def test_only_campaign_tags_survive_from_the_query_string(query: str, kept: str) -> None:
    assert campaign_query(query) == kept


@settings(deadline=None, derandomize=True)
@given(path=st.text(max_size=600), query=st.text(max_size=300))
def test_any_path_and_query_give_a_bounded_clean_path(path: str, query: str) -> None:
    cleaned = path_with_campaign(path, query)

    assert cleaned.startswith("/")
    assert len(cleaned) <= PATH_MAX_LENGTH
    assert "@" not in cleaned


@pytest.mark.parametrize(
    ("referer", "domain"),
    [
        ("https://www.Search.Example/results?q=azultel", "search.example"),
        ("http://news.example:8080/story", "news.example"),
        ("https://testserver/retail/", ""),
        ("https://127.0.0.1:8000/", ""),
        ("http://203.0.113.5/page", ""),
        ("android-app://com.example.mail/", ""),
        ("https://[2001:db8::1]/", ""),
        ("not a url", ""),
        ("https://exa mple.com/", ""),
        ("https://ana.delgado@mail.example/read?to=ana@example.com", "mail.example"),
        ("https://u83917261.webmail.example/inbox/305-555-0100", "webmail.example"),
        ("https://www.3055550100.example/", ""),
        ("https://0f4e7c2a8b1d9e3f5a7c.cdn.example/x", "cdn.example"),
        ("", ""),
    ],
)
def test_only_external_referrer_domains_are_kept(
    rf: RequestFactory, referer: str, domain: str
) -> None:
    request = rf.get("/", HTTP_REFERER=referer)

    assert referrer_domain(request) == domain


@pytest.mark.parametrize(
    ("agent", "expected"),
    [
        (DESKTOP_CHROME, ("Chrome", "Windows", "desktop")),
        (MAC_FIREFOX, ("Firefox", "Mac OS X", "desktop")),
        (IPHONE_SAFARI, ("Mobile Safari", "iOS", "mobile")),
        (IPAD_SAFARI, ("Mobile Safari", "iOS", "tablet")),
        (GOOGLEBOT, ("Googlebot", "Other", "bot")),
        ("python-requests/2.32", ("Python Requests", "Other", "bot")),
        ("", ("No user agent", "Other", "bot")),
        ("SomethingUnheardOf/1.0", ("Other", "Other", "other")),
    ],
)
def test_user_agents_become_families_and_a_device_class(
    agent: str, expected: tuple[str, str, str]
) -> None:
    assert tuple(client_classify(agent)) == expected


# ua-parser over 2,000 characters takes longer than the default 200 ms deadline on a busy
# machine (parallel workers): no deadline, and the same examples on every run.
@settings(deadline=None, derandomize=True)
@given(agent=st.text(max_size=2000))
def test_any_user_agent_is_classified_into_short_families(agent: str) -> None:
    client = client_classify(agent)

    assert client.device in {"desktop", "mobile", "tablet", "bot", "other"}
    assert len(client.browser) <= 50 and len(client.platform) <= 50


@pytest.mark.parametrize(
    ("headers", "attributes", "signal"),
    [
        ({}, {}, False),
        ({"HTTP_DNT": "1"}, {}, True),
        ({"HTTP_SEC_GPC": "1"}, {}, True),
        ({"HTTP_DNT": "0"}, {}, False),
        ({}, {"gpc": True, "dnt": False}, True),
        ({"HTTP_SEC_GPC": "1"}, {"gpc": False, "dnt": False}, False),
    ],
)
def test_privacy_signals_come_from_the_gpc_middleware_or_the_headers(
    rf: RequestFactory, headers: dict[str, str], attributes: dict[str, bool], signal: bool
) -> None:
    request = rf.get("/", **headers)
    for name, value in attributes.items():
        setattr(request, name, value)

    assert privacy_signal(request) is signal
