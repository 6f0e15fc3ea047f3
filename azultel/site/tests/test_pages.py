"""Every public page answers, shares one accessible layout and loads nothing from other hosts."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from azultel.site.pages import page_list

PUBLIC_PAGES = [
    ("site:home", "Fast, honest service that respects your privacy"),
    ("site:carrier", "Carrier services"),
    ("site:retail", "Retail"),
    ("site:company", "Company overview"),
    ("site:careers", "Career opportunities"),
    ("site:legal", "Legal information"),
    ("site:terms", "Terms &amp; Conditions"),
    ("site:privacy_policy", "Internet Privacy Policy"),
    ("site:cpni", "Telephone Company Customer Privacy"),
    ("site:faq", "Privacy FAQs"),
    ("site:contact", "Contact us"),
    ("site:sitemap", "Site map"),
]


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.resources: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        for attr in ("src", "href", "action", "srcset", "poster", "data"):
            if values.get(attr) and tag != "a":
                self.resources.append(values[attr] or "")


def _parse(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    return parser


@pytest.mark.django_db
@pytest.mark.parametrize(("url_name", "heading"), PUBLIC_PAGES)
def test_public_page_renders_with_shared_layout(
    client: Client, site_content: None, url_name: str, heading: str
) -> None:
    response = client.get(reverse(url_name))

    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(rf"<h1[^>]*>{re.escape(heading)}", html), f"{url_name}: missing h1 {heading!r}"
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert 'aria-label="Main"' in html
    assert "1450 Brickell Bay Drive" in html  # footer postal address
    assert html.count("<h1") == 1


@pytest.mark.promise("B5")
@pytest.mark.django_db
@pytest.mark.parametrize(("url_name", "heading"), PUBLIC_PAGES)
def test_no_page_references_a_third_party_host(
    client: Client, site_content: None, url_name: str, heading: str
) -> None:
    html = client.get(reverse(url_name)).content.decode()

    resources = _parse(html).resources
    outside = [r for r in resources if urlsplit(r).netloc or r.startswith("//")]
    assert outside == []


@pytest.mark.django_db
def test_the_main_navigation_offers_what_customers_come_to_do(client: Client) -> None:
    html = client.get("/").content.decode()
    nav = html.split('aria-label="Main"', 1)[1].split("</nav>", 1)[0]

    labels = re.findall(r">([^<>]+)</a>", nav)

    assert labels == ["Phone", "Internet", "Bundles", "Devices", "Business", "Support", "Directory"]
    for href in re.findall(r'href="([^"]+)"', nav):
        assert client.get(href).status_code == 200, href


@pytest.mark.django_db
def test_the_site_map_keeps_every_section(client: Client) -> None:
    html = client.get(reverse("site:sitemap")).content.decode()

    for section in ("Home", "Carrier", "Retail", "Company", "Careers", "Legal", "Contact"):
        assert f">{section}<" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "label"),
    [
        ("/shop/home/internet/", "Internet"),
        ("/privacy-faqs/", "Support"),
        ("/directory/", "Directory"),
    ],
)
def test_the_current_entry_is_marked_for_assistive_technology(
    client: Client, path: str, label: str
) -> None:
    html = client.get(path).content.decode()
    nav = html.split('aria-label="Main"', 1)[1].split("</nav>", 1)[0]

    assert re.findall(r'aria-current="true">([^<>]+)<', nav) == [label]


@pytest.mark.django_db
def test_crawl_every_internal_link_from_home(client: Client, site_content: None) -> None:
    seen: set[str] = set()
    queue = ["/"]
    failures: list[str] = []
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code >= 400:
            failures.append(f"{path} -> {response.status_code}")
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        for href in _parse(response.content.decode()).links:
            target = urljoin(path, href)
            parts = urlsplit(target)
            if parts.scheme in ("mailto", "tel") or parts.netloc:
                continue
            clean = parts.path + (f"?{parts.query}" if parts.query else "")
            if clean not in seen:
                queue.append(clean)

    assert failures == []
    assert len(seen) >= len(PUBLIC_PAGES)
    assert {p.url for p in page_list()} <= seen


@pytest.mark.django_db
def test_site_map_page_and_xml_come_from_one_registry(client: Client) -> None:
    html = client.get(reverse("site:sitemap")).content.decode()
    xml = client.get("/sitemap.xml").content.decode()

    for page in page_list():
        assert f'href="{page.url}"' in html
        assert f"<loc>{settings.SITE_URL}{page.url}</loc>" in xml
    assert xml.count("<url>") == len(page_list())


def test_robots_txt_points_to_the_sitemap(client: Client) -> None:
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in response.content.decode()
    body = response.content.decode()
    assert "Disallow: /staff/\n" in body
    assert "/account" not in body  # sign-in is findable; the rest needs a signed-in customer


@pytest.mark.django_db
def test_a_crawler_reaches_no_account_page_only_the_sign_in(client: Client) -> None:
    for address in ("/account/", "/account/privacy/", "/account/orders/", "/account/bills/"):
        response = client.get(address)

        assert response.status_code == 302, address
        assert response["Location"].startswith("/account/login/"), address


def test_security_txt_has_contact_and_a_future_expiry(client: Client) -> None:
    from datetime import UTC, datetime

    body = client.get("/.well-known/security.txt").content.decode()

    fields = dict(line.split(": ", 1) for line in body.strip().splitlines())
    assert fields["Contact"].startswith("mailto:")
    expires = datetime.strptime(fields["Expires"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    days = (expires - datetime.now(UTC)).days
    assert 30 < days < 366
    assert fields["Canonical"].endswith("/.well-known/security.txt")


@pytest.mark.django_db
def test_unknown_page_gets_a_friendly_404(client: Client) -> None:
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "We could not find that page" in html
    assert 'href="/site-map/"' in html
    assert "Traceback" not in html and "urlpatterns" not in html


@pytest.mark.django_db
def test_wrong_method_is_refused_without_internals(client: Client) -> None:
    response = client.post(reverse("site:home"))

    assert response.status_code == 405
    assert b"Traceback" not in response.content
    html = response.content.decode()
    assert "That page cannot be used this way" in html  # the site's error page, never blank
    assert 'href="/"' in html and '<main id="main"' in html
    assert response["Allow"] == "GET"


@pytest.mark.django_db
def test_an_error_page_offers_the_way_back_only_to_this_site(client: Client) -> None:
    same_site = client.get(
        "/no-such-page/", HTTP_REFERER=settings.SITE_URL.rstrip("/") + "/legal/terms/"
    ).content.decode()
    other_site = client.get(
        "/no-such-page/", HTTP_REFERER="https://evil.example/phish"
    ).content.decode()

    assert 'href="/legal/terms/"' in same_site and "Go back" in same_site
    assert "evil.example" not in other_site and "Go back" not in other_site


@pytest.mark.django_db
def test_the_style_guide_is_for_staff_only(client: Client) -> None:
    from azultel.accounts.testing import customer_create, sign_in, staff_create

    assert client.get(reverse("site:styleguide")).status_code in (302, 403)
    sign_in(client, customer_create(email="c@example.com"))
    assert client.get(reverse("site:styleguide")).status_code == 403
    staff_client = Client()
    staff_client.force_login(staff_create(role="analyst"))
    page = staff_client.get(reverse("site:styleguide"))
    assert page.status_code == 200
    html = page.content.decode()
    for component in (
        "btn--secondary",
        "alert--danger",
        "plan-card",
        "table--stack",
        "summary-list",
        "steps",
        "error-summary",
        "choice",
    ):
        assert component in html, component


def test_server_error_page_shows_no_internals(rf: pytest.FixtureRequest) -> None:
    from azultel.site.views import server_error

    request = rf.get("/")  # type: ignore[attr-defined]
    response = server_error(request)

    assert response.status_code == 500
    assert b"Something went wrong on our side" in response.content
    assert b"Traceback" not in response.content


@pytest.mark.django_db
def test_an_exception_in_a_view_gives_the_friendly_500(client: Client, settings: object) -> None:
    from django.urls import clear_url_caches, path

    from azultel.config import urls as root_urls

    def broken(request: object) -> None:
        raise RuntimeError("secret internal detail")

    original = list(root_urls.urlpatterns)
    root_urls.urlpatterns.insert(0, path("broken-for-test/", broken))
    clear_url_caches()
    try:
        client.raise_request_exception = False
        response = client.get("/broken-for-test/")
    finally:
        root_urls.urlpatterns[:] = original
        clear_url_caches()

    assert response.status_code == 500
    assert b"secret internal detail" not in response.content
    assert b"Something went wrong on our side" in response.content


@pytest.mark.django_db
def test_expired_csrf_token_gets_a_friendly_page(site_content: None) -> None:
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("site:contact"), {"name": "A"})

    assert response.status_code == 403
    assert b"Your form expired" in response.content


@pytest.mark.promise("P25")
@pytest.mark.django_db
@pytest.mark.parametrize(
    # The contact form and the home page's ZIP form carry a CSRF token (a random identifier).
    ("url_name", "heading"),
    [p for p in PUBLIC_PAGES if p[0] not in ("site:contact", "site:home")],
)
def test_reading_a_page_without_a_form_sets_no_cookie(
    client: Client, site_content: None, url_name: str, heading: str
) -> None:
    response = client.get(reverse(url_name))

    assert response.status_code == 200
    assert response.cookies == {}


def test_staff_edited_text_links_only_to_this_site() -> None:
    from azultel.core.richtext import render_richtext

    html = render_richtext("[a](/contact/) [b](//evil.example/login) [c](/\\\\evil.example)")

    assert '<a href="/contact/">a</a>' in html
    assert html.count("<a ") == 1


@pytest.mark.django_db
def test_the_support_page_leads_to_each_common_task(client: Client) -> None:
    html = client.get(reverse("site:support")).content.decode()

    for name in (
        "billing:bill_list",
        "orders:order_list",
        "catalog:availability",
        "directory:listing",
        "accounts:privacy",
        "site:faq",
        "site:contact",
    ):
        assert f'href="{reverse(name)}"' in html, name
