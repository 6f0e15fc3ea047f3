"""The shop's pages over HTTP: prices follow the state, cookies are never needed, and every page
costs a fixed number of queries whatever the size of the catalog."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from azultel.catalog.models import Kind, Line, Product, Technology
from azultel.catalog.templatetags.catalog_prices import usd
from azultel.catalog.tests.factories import (
    BroadbandFactsFactory,
    BundleItemFactory,
    InternetPlanFactory,
    ProductFactory,
    StatePriceFactory,
)

COOKIE = "azultel_state"
BROWSING_URLS = [
    "/shop/",
    "/shop/?state=FL",
    "/shop/home/",
    "/shop/home/?state=FL",
    "/shop/retail/?state=NY",
    "/shop/carrier/?state=GA",
    "/shop/p/fiber-300/",
    "/shop/p/fiber-300/?state=FL",
    "/shop/p/dsl-25/?state=NY",
    "/shop/p/phone-fiber-300-bundle/?state=PR",
    "/shop/home/?state=ZZ",
    "/shop/availability/",
    "/shop/availability/?zip_code=33131",
    "/shop/availability/?zip_code=33139&street=Ocean+Drive",
]


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.promise("P25")
@pytest.mark.django_db
@pytest.mark.parametrize("url", BROWSING_URLS)
def test_browsing_works_without_cookies_and_sets_none(
    demo_catalog: None, url: str, catalog_rows: Callable[[], dict[str, int]]
) -> None:
    before = catalog_rows()
    client = Client()

    response = client.get(url)

    assert response.status_code == 200
    assert dict(response.cookies) == {}
    assert Session.objects.count() == 0
    assert catalog_rows() == before


@pytest.mark.promise("P25")
@pytest.mark.django_db
def test_a_state_in_the_address_shows_its_prices_and_every_link_keeps_it(
    client: Client, demo_catalog: None
) -> None:
    response = client.get("/shop/home/?state=GA")

    html = response.content.decode()
    assert "Prices for Georgia" in html
    assert "Nothing is saved on your device" in html
    assert "$45.00 a month for 12 months then $60.00 a month" in _text(html)
    shop_links = [h for h in re.findall(r'href="([^"]+)"', html) if h.startswith("/shop/p/")]
    assert shop_links
    assert all(link.endswith("?state=GA") for link in shop_links)
    assert dict(response.cookies) == {}


@pytest.mark.promise("P26")
@pytest.mark.django_db
def test_prices_follow_the_state_cookie(client: Client, demo_catalog: None) -> None:
    client.cookies[COOKIE] = "NY"

    response = client.get("/shop/home/")

    text = _text(response.content.decode())
    assert "Prices for New York" in text
    assert "$65.00 a month" in text  # Fiber 300/300 in New York
    assert "$40.00" not in text  # the Florida and Texas introductory price
    assert 'href="/shop/p/fiber-300/"' in response.content.decode()


@pytest.mark.promise("P26")
@pytest.mark.django_db
def test_the_address_state_wins_over_the_cookie(client: Client, demo_catalog: None) -> None:
    client.cookies[COOKIE] = "NY"

    response = client.get("/shop/retail/?state=TX")

    text = _text(response.content.decode())
    assert "Prices for Texas" in text
    assert "$57.99" in text and "$64.99" not in text  # the DECT phone: Texas, not New York


@pytest.mark.promise("P26")
@pytest.mark.django_db
def test_a_product_missing_in_a_state_is_not_listed_or_sold_there(
    client: Client, demo_catalog: None
) -> None:
    listing = client.get("/shop/home/?state=NY")
    page = client.get("/shop/p/dsl-25/?state=NY")

    assert "DSL 25" not in listing.content.decode()
    assert "Fiber 300/300" in listing.content.decode()
    page_text = _text(page.content.decode())
    assert page.status_code == 200
    assert "DSL 25 is not offered in New York." in page_text
    assert "Where it is offered" in page_text
    assert 'href="/shop/p/dsl-25/?state=FL"' in page.content.decode()
    assert "$39.99" not in page_text


@pytest.mark.django_db
def test_with_no_state_known_the_shop_shows_from_prices_and_asks_for_a_zip(
    client: Client, demo_catalog: None
) -> None:
    response = client.get("/shop/home/")

    html = response.content.decode()
    text = _text(html)
    assert response.status_code == 200
    assert "Choose your state to see prices" in html
    # Every plan is there with its lowest price in any state, labelled "from" (never empty).
    assert html.count('<article class="plan-card"') == 5
    assert "From $40.00 a month for 12 months then $50.00 a month" in text  # Fiber 300: Texas
    assert "From $24.99" not in text and "From $19.99 a month" in text  # phone: Puerto Rico
    assert text.count("Our lowest price in any state") == 5
    # No add-to-cart without a state: the card sends the customer to the ZIP form instead.
    assert "/order/add/" not in html
    assert '<form method="post" action="/shop/state/"' in html
    assert 'name="zip_code"' in html and '<select name="state"' in html
    assert "csrfmiddlewaretoken" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("tampered", ["ZZ", "F", "FLORIDA", "<b>NY</b>", "NY'--", "\uff2e\uff39"])
def test_a_tampered_state_in_the_address_is_ignored_with_a_notice(
    client: Client,
    demo_catalog: None,
    tampered: str,
    catalog_rows: Callable[[], dict[str, int]],
) -> None:
    before = catalog_rows()

    response = client.get("/shop/home/", {"state": tampered})

    html = response.content.decode()
    assert response.status_code == 200
    assert "is not a US state or territory code we recognise, so we ignored it" in html
    assert "Choose your state to see prices" in html
    assert "<b>NY</b>" not in html
    assert dict(response.cookies) == {}
    assert catalog_rows() == before


@pytest.mark.django_db
def test_a_tampered_address_state_falls_back_to_the_saved_one(
    client: Client, demo_catalog: None
) -> None:
    client.cookies[COOKIE] = "PR"

    response = client.get("/shop/retail/?state=ZZ")

    text = _text(response.content.decode())
    assert "Showing prices for Puerto Rico instead" in text
    assert "$154.99" in text  # the mesh router in Puerto Rico
    assert dict(response.cookies) == {}


@pytest.mark.django_db
@pytest.mark.parametrize("tampered", ["ga", "GA; Path=/", "XX", "G A", "GA\\"])
def test_a_tampered_state_cookie_is_ignored(
    client: Client, demo_catalog: None, tampered: str
) -> None:
    client.cookies[COOKIE] = tampered

    response = client.get("/shop/home/")

    assert response.status_code == 200
    assert "Choose your state to see prices" in response.content.decode()


@pytest.mark.django_db
def test_internet_plans_show_a_broadband_facts_table(client: Client, demo_catalog: None) -> None:
    response = client.get("/shop/p/fiber-1-gig/?state=FL")

    html = response.content.decode()
    table = html.split('<table class="broadband-facts">', 1)[1].split("</table>", 1)[0]
    rows = {
        _text(th).strip(): _text(td).strip()
        for th, td in re.findall(r'<th scope="row">(.*?)</th><td[^>]*>(.*?)</td>', table, re.S)
    }
    assert "<caption>Broadband facts: Fiber 1 Gig, Florida</caption>" in table
    assert rows == {
        "Monthly price": "$65.00",
        "Introductory period": "12 months",
        "Monthly price after the introductory period": "$75.00",
        "Contract length": "12 months",
        "Router rental, monthly": "Included",
        "Installation or activation, one time": "$0.00",
        "Early termination fee, one time": "$120.00",
        "Typical download speed": "940 Mbps",
        "Typical upload speed": "880 Mbps",
        "Typical latency": "8 ms",
        "Data included": "Unlimited",
    }


@pytest.mark.django_db
def test_a_bundle_lists_what_it_includes(client: Client, demo_catalog: None) -> None:
    response = client.get("/shop/p/phone-fiber-300-bundle/?state=GA")

    html = response.content.decode()
    assert '<a href="/shop/p/home-phone-essential/?state=GA">Home Phone Essential</a>' in html
    assert '<a href="/shop/p/fiber-300/?state=GA">Fiber 300/300</a>' in html
    assert "$74.99" in html


@pytest.mark.django_db
def test_carrier_services_ask_for_a_quote_through_the_contact_form(
    client: Client, demo_catalog: None
) -> None:
    listing = client.get("/shop/carrier/?state=NY")
    contact = client.get("/contact/?topic=carrier")

    html = listing.content.decode()
    assert "SIP termination" in html and "Ethernet private line" in html
    assert html.count('href="/contact/?topic=carrier"') == 2
    assert "Priced by quote" in html
    assert '<option value="carrier" selected>' in contact.content.decode()


@pytest.mark.django_db
def test_an_unknown_topic_in_the_contact_address_preselects_nothing(client: Client) -> None:
    response = client.get("/contact/?topic=<script>")

    assert response.status_code == 200
    assert (
        "selected>"
        not in response.content.decode().split('name="topic"', 1)[1].split("</select>")[0]
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/shop/p/no-such-thing/", "/shop/p/retired-phone/?state=FL", "/shop/p/%3Cx%3E/"]
)
def test_unknown_or_retired_products_are_not_found(client: Client, url: str) -> None:
    StatePriceFactory(product__slug="retired-phone", product__is_active=False, state="FL")

    response = client.get(url)

    assert response.status_code == 404


@pytest.mark.django_db
def test_index_counts_what_each_line_offers_in_the_state(
    client: Client, demo_catalog: None
) -> None:
    response = client.get("/shop/?state=PR")

    text = _text(response.content.decode())
    assert "4 products offered in Puerto Rico" in text  # home: no Fiber 1 Gig there
    assert "1 product offered in Puerto Rico" in text  # carrier: SIP termination only
    assert "3 products offered in Puerto Rico" in text  # retail


def _catalog_of(size: int) -> None:
    """``size`` products in each line of business, all priced in Florida, with facts and bundles."""
    for n in range(size):
        plan = InternetPlanFactory()
        BroadbandFactsFactory(product=plan)
        StatePriceFactory(product=plan, state="FL", monthly_price=Decimal("50"), one_time_price=0)
        bundle = ProductFactory(line=Line.HOME, kind=Kind.BUNDLE, technology=Technology.FIBER)
        BroadbandFactsFactory(product=bundle)
        BundleItemFactory(bundle=bundle, item=plan)
        StatePriceFactory(product=bundle, state="FL", monthly_price=Decimal("70"))
        StatePriceFactory(state="FL", product__position=n)
        StatePriceFactory(
            state="FL",
            product__line=Line.CARRIER,
            product__kind=Kind.WHOLESALE,
            product__quote_only=True,
        )


@pytest.mark.django_db
@pytest.mark.parametrize("size", [5, 50])
@pytest.mark.parametrize(
    ("url", "queries"),
    # Listings with an ad slot add one query: the house ads' running campaigns (ads app), kept
    # in the cache afterwards; the tests start each with an empty cache.
    [
        ("/shop/home/?state=FL", 3),
        ("/shop/retail/?state=FL", 3),
        ("/shop/carrier/?state=FL", 3),
        ("/shop/?state=FL", 1),
        ("/shop/home/", 4),
    ],
)
def test_listing_pages_cost_the_same_queries_whatever_the_catalog_size(
    client: Client, django_assert_num_queries: object, size: int, url: str, queries: int
) -> None:
    _catalog_of(size)

    with django_assert_num_queries(queries):  # type: ignore[operator]
        response = client.get(url)

    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("size", [5, 50])
def test_the_home_listing_shows_every_offered_product(client: Client, size: int) -> None:
    _catalog_of(size)

    response = client.get("/shop/home/?state=FL")

    html = response.content.decode()
    assert html.count('<article class="plan-card"') == 2 * size
    assert html.count('<details class="broadband-details">') == 2 * size
    assert html.count('<table class="broadband-facts">') == 2 * size
    assert html.count('<form method="post" action="/order/add/') == 2 * size


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "queries"),
    [("/shop/p/fiber-300/?state=FL", 2), ("/shop/p/dsl-25/?state=NY", 3)],
)
def test_product_pages_cost_a_fixed_number_of_queries(
    client: Client,
    demo_catalog: None,
    django_assert_num_queries: object,
    url: str,
    queries: int,
) -> None:
    with django_assert_num_queries(queries):  # type: ignore[operator]
        response = client.get(url)

    assert response.status_code == 200


class _Resources(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self.inline: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.found.extend(
            values[a] or "" for a in ("src", "href", "action") if values.get(a) and tag != "a"
        )
        self.inline.extend(name for name, _ in attrs if name == "style" or name.startswith("on"))
        # A first-party script file is fine; inline script or style blocks are not (CSP).
        if tag == "style" or (tag == "script" and not values.get("src")):
            self.inline.append(tag)


@pytest.mark.promise("B5")
@pytest.mark.django_db
@pytest.mark.parametrize("url", [*BROWSING_URLS, "/shop/state/"])
def test_shop_pages_load_nothing_from_other_hosts_and_inline_nothing(
    client: Client, demo_catalog: None, url: str
) -> None:
    parser = _Resources()

    parser.feed(client.get(url).content.decode())

    assert [r for r in parser.found if urlsplit(r).netloc or r.startswith("//")] == []
    assert parser.inline == []


@pytest.mark.django_db
def test_shop_pages_are_in_the_site_map_and_sitemap_xml(client: Client) -> None:
    site_map = client.get(reverse("site:sitemap")).content.decode()
    sitemap_xml = client.get("/sitemap.xml").content.decode()

    for path in ["/shop/", "/shop/home/", "/shop/retail/", "/shop/carrier/", "/shop/availability/"]:
        assert f'href="{path}"' in site_map
        assert f"{path}</loc>" in sitemap_xml


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url_name", "link"),
    [
        ("site:home", "/shop/home/"),
        ("site:retail", "/shop/retail/"),
        ("site:carrier", "/shop/carrier/"),
    ],
)
def test_the_line_pages_link_to_their_shop(client: Client, url_name: str, link: str) -> None:
    response = client.get(reverse(url_name))

    assert f'href="{link}"' in response.content.decode()


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("0"), "$0.00"),
        (Decimal("59.9"), "$59.90"),
        (Decimal("1234.5"), "$1,234.50"),
        (7, "$7.00"),
        (None, ""),
    ],
)
def test_prices_are_shown_as_us_dollars(value: Decimal | int | None, shown: str) -> None:
    assert usd(value) == shown


@pytest.mark.django_db
def test_every_page_reads_prices_from_the_strategy_only(client: Client) -> None:
    """A product priced only in another state never shows a price here, even if asked directly."""
    product = StatePriceFactory(state="GA", one_time_price=Decimal("77.77")).product

    response = client.get(f"/shop/p/{product.slug}/?state=FL")

    assert "$77.77" not in response.content.decode()
    assert Product.objects.count() == 1
