"""Tailoring from anonymous interest categories (P26, B1): only from kinds of pages viewed here,
stopped by Global Privacy Control, Do Not Track and the visitor's own choice; state targeting
keeps working."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from azultel.ads import cookies
from azultel.ads.models import Interest
from azultel.ads.tests.factories import CampaignFactory, CreativeFactory

pytestmark = pytest.mark.django_db
INTERNET = "/shop/home/internet/"
PHONE = "/shop/home/phone/"


def _ads(html: str) -> list[str]:
    return re.findall(r'data-ad-campaign="(\d+)"', html)


@pytest.fixture
def offers() -> tuple[int, int]:
    """A tailored internet offer (priority 9) and an untailored Florida offer (priority 1)."""
    tailored = CreativeFactory(
        campaign=CampaignFactory(interest=Interest.INTERNET, priority=9, daily_cap=20)
    )
    plain = CreativeFactory(campaign=CampaignFactory(states=["FL"], priority=1, daily_cap=20))
    return tailored.campaign_id, plain.campaign_id


@pytest.mark.promise("P26")
def test_P26_internet_pages_note_the_category_and_tailor_the_ads(offers: tuple[int, int]) -> None:
    tailored, _plain = offers
    client = Client()
    client.cookies["azultel_state"] = "FL"
    assert _ads(client.get(INTERNET).content.decode()) == [str(tailored)]
    assert _ads(client.get(PHONE).content.decode()) == [str(tailored)]
    assert cookies.INTERESTS in client.cookies
    why = client.get("/ads/why/").content.decode()
    assert "Home internet" in why and "Florida" in why


@pytest.mark.promise("B1")
@pytest.mark.parametrize("header", [{"Sec-GPC": "1"}, {"DNT": "1"}])
def test_B1_gpc_or_dnt_stops_tailoring_but_not_state_targeting(
    offers: tuple[int, int], header: dict[str, str]
) -> None:
    _tailored, plain = offers
    client = Client(headers=header)
    client.cookies["azultel_state"] = "FL"
    response = client.get(INTERNET)
    assert _ads(response.content.decode()) == [str(plain)]
    assert cookies.INTERESTS not in response.cookies
    # Even a categories cookie from before the signal is neither used nor shown.
    Client().get(INTERNET)
    noted = Client()
    noted.get(INTERNET)
    client.cookies[cookies.INTERESTS] = noted.cookies[cookies.INTERESTS].value
    assert _ads(client.get(PHONE).content.decode()) == [str(plain)]
    assert "Home internet" not in client.get("/ads/why/").content.decode()


@pytest.mark.promise("P26")
def test_P26_clear_and_turn_off_stop_tailoring(offers: tuple[int, int]) -> None:
    tailored, plain = offers
    client = Client()
    client.cookies["azultel_state"] = "FL"
    client.get(INTERNET)
    response = client.post("/ads/why/", {"action": "clear"})
    assert response.status_code == 302
    assert response.cookies[cookies.INTERESTS]["max-age"] == 0
    assert _ads(client.get(PHONE).content.decode()) == [str(plain)]
    client.post("/ads/why/", {"action": "off"})
    assert client.cookies[cookies.UNTAILORED].value == "1"
    response = client.get(INTERNET)
    assert _ads(response.content.decode()) == [str(plain)]
    assert cookies.INTERESTS not in response.cookies
    assert "turned tailored offers off" in client.get("/ads/why/").content.decode()
    client.post("/ads/why/", {"action": "on"})
    assert _ads(client.get(INTERNET).content.decode()) == [str(tailored)]


@pytest.mark.promise("P26")
def test_P26_forged_interest_cookie_is_ignored(offers: tuple[int, int]) -> None:
    _tailored, plain = offers
    client = Client()
    client.cookies["azultel_state"] = "FL"
    client.cookies[cookies.INTERESTS] = '{"internet": "2099-01-01"}'
    assert _ads(client.get(PHONE).content.decode()) == [str(plain)]
    assert client.post("/ads/why/", {"action": "sell-my-data"}).status_code == 400


@pytest.mark.promise("P26")
def test_P26_categories_older_than_30_days_are_forgotten(
    offers: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt

    from django.utils import timezone

    _tailored, plain = offers
    client = Client()
    client.cookies["azultel_state"] = "FL"
    client.get(INTERNET)
    later = timezone.localdate() + dt.timedelta(days=31)
    monkeypatch.setattr("azultel.ads.middleware.timezone.localdate", lambda: later)
    assert _ads(client.get(PHONE).content.decode()) == [str(plain)]


@pytest.mark.promise("P25")
def test_P25_no_ad_shown_no_ad_cookie() -> None:
    CreativeFactory(campaign=CampaignFactory(states=["TX"]))
    client = Client()
    client.cookies["azultel_state"] = "FL"
    for path in (INTERNET, PHONE, "/shop/carrier/", "/"):
        response = client.get(path)
        assert response.status_code == 200
        assert dict(response.cookies) == {}
