"""The storefront over HTTP: "Add to cart" and the ZIP form post straight from cached pages that
hold no CSRF token, proven same-origin by the browser's own headers; forged posts change nothing;
compare tables; plan cards lead with the price; phone numbers written for people."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.contrib.sessions.models import Session
from django.test import Client

from azultel.catalog.models import Kind, Line
from azultel.catalog.plan_facts import compare_rows, key_facts
from azultel.catalog.selectors import product_list_from_prices
from azultel.catalog.tests.factories import (
    BroadbandFactsFactory,
    InternetPlanFactory,
    StatePriceFactory,
)
from azultel.orders.models import Cart, CartLine

COOKIE = "azultel_state"
SAME_ORIGIN = {"HTTP_SEC_FETCH_SITE": "same-origin"}
CARD_POST = {"state": "FL", "quantity": "1"}


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _csrf_client() -> Client:
    """A browser-like client: CSRF is enforced, and it has no cookie at all yet."""
    return Client(enforce_csrf_checks=True)


# --- Add to cart straight from a cached card ---------------------------------------------------


@pytest.mark.promise("P25")
@pytest.mark.django_db
def test_the_card_posts_straight_to_the_cart_from_a_cached_page_without_a_token(
    demo_catalog: None,
) -> None:
    client = _csrf_client()
    listing = client.get("/shop/home/internet/?state=FL")
    cached = client.get("/shop/home/internet/?state=FL")  # the same bytes, from the page cache
    form = re.search(r'<form method="post" action="(/order/add/fiber-300/)">(.*?)</form>',
                     cached.content.decode(), re.S)  # fmt: skip
    assert listing.content == cached.content
    assert form is not None and "csrfmiddlewaretoken" not in cached.content.decode()
    assert 'name="state" value="FL"' in form.group(2)

    response = client.post(form.group(1), CARD_POST, **SAME_ORIGIN)

    assert response.status_code == 302 and response["Location"] == "/order/cart/"
    line = CartLine.objects.select_related("cart", "product").get()
    assert (line.product.slug, line.quantity, line.cart.state) == ("fiber-300", 1, "FL")
    assert "Fiber 300/300" in client.get("/order/cart/").content.decode()


@pytest.mark.django_db
def test_a_card_post_with_an_origin_of_this_site_and_no_fetch_headers_is_accepted(
    demo_catalog: None,
) -> None:
    client = _csrf_client()

    response = client.post("/order/add/dsl-25/", CARD_POST, HTTP_ORIGIN="http://testserver")

    assert response.status_code == 302
    assert CartLine.objects.get().product.slug == "dsl-25"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": "https://elsewhere.example"},
        {"HTTP_SEC_FETCH_SITE": "same-site", "HTTP_ORIGIN": "https://shop.elsewhere.example"},
        {"HTTP_SEC_FETCH_SITE": "none"},
        {"HTTP_ORIGIN": "https://elsewhere.example"},
        {"HTTP_ORIGIN": "null"},
    ],
)
def test_a_forged_add_to_cart_from_another_site_is_refused_and_adds_nothing(
    demo_catalog: None, headers: dict[str, str]
) -> None:
    client = _csrf_client()

    response = client.post("/order/add/fiber-300/", CARD_POST, **headers)

    assert response.status_code == 403
    assert Cart.objects.count() == 0 and CartLine.objects.count() == 0
    assert Session.objects.count() == 0


@pytest.mark.promise("P25")
@pytest.mark.django_db
def test_a_post_without_origin_headers_still_needs_the_cookie_and_token(
    demo_catalog: None,
) -> None:
    client = _csrf_client()

    no_cookie = client.post("/order/add/fiber-300/", CARD_POST)
    client.cookies["azultel_csrftoken"] = "a" * 32
    no_token = client.post("/order/add/fiber-300/", CARD_POST)

    assert no_cookie.status_code == 403
    assert "cookie" in _text(no_cookie.content.decode()).lower()  # why ordering needs one
    assert no_token.status_code == 403
    assert CartLine.objects.count() == 0


# --- The ZIP form remembers the state (P26) ----------------------------------------------------


@pytest.mark.promise("P26")
@pytest.mark.django_db
def test_the_zip_form_on_a_cached_page_saves_only_the_state_code(demo_catalog: None) -> None:
    client = _csrf_client()
    page = client.get("/shop/home/").content.decode()
    assert '<form method="post" action="/shop/state/"' in page and "csrfmiddlewaretoken" not in page

    response = client.post(
        "/shop/state/", {"zip_code": "33131", "next": "/shop/home/"}, **SAME_ORIGIN
    )
    after = client.get("/shop/home/internet/")

    assert response.status_code == 302 and response["Location"] == "/shop/home/"
    assert {name: c.value for name, c in response.cookies.items()} == {COOKIE: "FL"}
    assert response.cookies[COOKIE]["httponly"] and response.cookies[COOKIE]["samesite"] == "Lax"
    assert "Prices for Florida" in after.content.decode()
    assert "Add to cart" in after.content.decode()
    assert Session.objects.count() == 0


@pytest.mark.promise("P26")
@pytest.mark.django_db
def test_a_forged_state_post_from_another_site_sets_no_cookie(demo_catalog: None) -> None:
    client = _csrf_client()

    response = client.post(
        "/shop/state/",
        {"state": "NY", "next": "/shop/"},
        HTTP_SEC_FETCH_SITE="cross-site",
        HTTP_ORIGIN="https://elsewhere.example",
    )

    assert response.status_code == 403
    assert dict(response.cookies) == {}


@pytest.mark.django_db
def test_the_home_page_asks_for_a_zip_with_a_form_that_remembers_it(client: Client) -> None:
    html = client.get("/").content.decode()

    form = re.search(r'<form class="zip-form" method="post" action="/shop/state/">(.*?)</form>',
                     html, re.S)  # fmt: skip
    assert form is not None
    assert 'name="zip_code"' in form.group(1) and 'value="/shop/home/"' in form.group(1)
    assert "csrfmiddlewaretoken" not in html
    assert "Showing starting prices" in html  # the header, before a state is known


# --- Plan cards and "from" prices -------------------------------------------------------------


@pytest.mark.django_db
def test_a_plan_card_leads_with_intro_price_length_regular_price_then_facts(
    client: Client, demo_catalog: None
) -> None:
    html = client.get("/shop/home/internet/?state=FL").content.decode()
    card = re.search(r'<article class="plan-card" aria-labelledby="plan-fiber-1-gig">(.*?)</article>',
                     html, re.S)  # fmt: skip
    assert card is not None
    text = _text(card.group(1))

    price_at = text.index("$65.00 a month for 12 months then $75.00 a month")
    assert text.index("940 Mbps down, 880 Mbps up") > price_at
    for fact in ["Unlimited data", "12-month contract", "Router included"]:
        assert fact in text
    assert "Broadband facts" in text and 'class="broadband-facts"' in card.group(1)
    assert "Add to cart" in text and "Details" in text
    assert "Order Fiber 1 Gig" not in html  # no intermediate order page
    assert not re.search(r"\b(fiber|dsl|copper|internet|phone_line|bundle)\b", text.replace(
        "Fiber 1 Gig", ""))  # fmt: skip


@pytest.mark.django_db
def test_from_prices_are_the_lowest_across_states_in_a_fixed_number_of_queries(
    django_assert_num_queries: Callable[..., object],
) -> None:
    for n in range(6):
        plan = InternetPlanFactory(position=n)
        BroadbandFactsFactory(product=plan)
        StatePriceFactory(product=plan, state="FL", monthly_price=Decimal("60"))
        StatePriceFactory(product=plan, state="TX", monthly_price=Decimal("55"),
                          intro_monthly_price=Decimal("35"), intro_months=6)  # fmt: skip
        StatePriceFactory(product=plan, state="NY", monthly_price=Decimal("40"))
    InternetPlanFactory(name="Not priced anywhere")

    with django_assert_num_queries(3):  # type: ignore[operator]
        offers = product_list_from_prices(line=Line.HOME, kind=Kind.INTERNET)

    assert len(offers) == 6
    assert {(o.price.state, o.price.first_monthly, o.is_from) for o in offers} == {
        ("TX", Decimal("35.00"), True)
    }


# --- Compare ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_compare_puts_plans_in_columns_and_highlights_differences(
    client: Client, demo_catalog: None
) -> None:
    html = client.get("/shop/home/internet/compare/?state=FL").content.decode()
    table = html.split('<table class="compare"', 1)[1].split("</table>", 1)[0]
    heads = re.findall(r'<th scope="col"><a href="([^"]+)">([^<]+)</a>', table)
    rows = {
        _text(th).replace("(differs)", "").strip(): (cls, [_text(td).strip() for td in tds])
        for cls, th, tds in (
            (m.group(1) or "", m.group(2), re.findall(r"<td>(.*?)</td>", m.group(3), re.S))
            for m in re.finditer(
                r'<tr( class="is-different")?><th scope="row">(.*?)</th>(.*?)</tr>', table, re.S
            )
        )
    }

    assert [name for _, name in heads] == ["DSL 25", "Fiber 300/300", "Fiber 1 Gig"]
    assert all(href.endswith("?state=FL") for href, _ in heads)
    assert rows["Monthly price"] == (' class="is-different"', ["$29.99", "$40.00", "$65.00"])
    assert rows["Data"] == ("", ["Unlimited data"] * 3)
    assert rows["Contract"][1] == ["No contract", "No contract", "12-month contract"]
    assert table.count('<form method="post" action="/order/add/') == 3
    assert 'class="compare-box" role="region"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/shop/home/bundles/compare/", "/shop/home/phone/compare/"])
def test_compare_before_a_state_shows_from_prices_and_the_zip_form(
    client: Client, demo_catalog: None, url: str
) -> None:
    response = client.get(url)

    html = response.content.decode()
    assert response.status_code == 200 and dict(response.cookies) == {}
    assert "starting prices, the lowest in any state" in html
    assert "From $" in _text(html)
    assert "/order/add/" not in html and 'name="zip_code"' in html


@pytest.mark.django_db
def test_kind_pages_link_to_their_compare_view(client: Client, demo_catalog: None) -> None:
    html = client.get("/shop/home/bundles/?state=GA").content.decode()

    assert 'href="/shop/home/bundles/compare/?state=GA"' in html


def test_plan_facts_speak_plainly() -> None:
    from azultel.catalog.models import BroadbandFacts, Product
    from azultel.catalog.pricing import Price
    from azultel.catalog.selectors import Offer

    plan = Product(kind=Kind.INTERNET, line=Line.HOME, technology="dsl", name="DSL 10")
    plan.broadband_facts = BroadbandFacts(
        typical_download_mbps=10, typical_upload_mbps=1, typical_latency_ms=40,
        data_allowance_gb=500, contract_months=24, equipment_monthly_fee=Decimal("7.5"),
    )  # fmt: skip
    price = Price(state="FL", monthly=Decimal("30"), one_time=Decimal(0), install_fee=Decimal(0))

    facts = [f.text for f in key_facts(plan)]
    rows = {r.label: r.cells for r in compare_rows([Offer(plan, price)])}

    assert facts == [
        "10 Mbps down, 1 Mbps up",
        "500 GB of data a month",
        "24-month contract",
        "Router $7.50 a month",
        "DSL over your phone line",
    ]
    assert rows["Introductory period"] == ["None: the regular price from the start"]
    assert rows["Network"] == ["DSL"]


# --- Phone numbers for people --------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/support/", "/contact/", "/shop/home/?state=FL"])
def test_phone_numbers_are_written_for_people(client: Client, url: str, settings: object) -> None:
    settings.COMPANY_PHONE = "+18002985835"  # type: ignore[attr-defined]

    html = client.get(url).content.decode()
    visible = _text(re.sub(r'href="[^"]*"', "", html))

    assert "(800) 298-5835" in visible
    assert "+1800" not in visible and "18002985835" not in visible
