"""The demo: a Florida internet offer capped at two a day, and an every-state bundle offer."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from azultel.ads.demo import demo_seed
from azultel.ads.models import Campaign, Creative
from azultel.catalog.demo import demo_seed as catalog_seed

pytestmark = pytest.mark.django_db


def _headlines(html: str) -> list[str]:
    return re.findall(r'class="ad__headline"><strong>([^<]+)<', html)


@pytest.mark.promise("P26")
def test_P26_demo_florida_visitor_sees_the_offer_up_to_its_cap() -> None:
    catalog_seed()
    demo_seed()
    demo_seed()
    assert Campaign.objects.count() == 2
    assert Creative.objects.get(campaign__name="Florida fiber offer").destination == "fiber-300"
    client = Client()
    client.cookies["azultel_state"] = "FL"
    seen = [_headlines(client.get("/shop/home/internet/").content.decode()) for _ in range(4)]
    florida = "Florida: fiber internet for less"
    assert sum(h.count(florida) for h in seen) == 2
    assert seen[-1] == ["Phone and internet on one bill"]
    texas = Client()
    texas.cookies["azultel_state"] = "TX"
    texas.get("/shop/home/internet/")
    assert _headlines(texas.get("/shop/home/internet/").content.decode()) == [
        "Phone and internet on one bill"
    ]
