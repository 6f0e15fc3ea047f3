"""The state chooser: a cookie that holds the state code and nothing else (P25), a cookie-free
way to see a state's prices, and refusal of anything that is not a state."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from azultel.catalog.states import state_code_clean
from azultel.catalog.tests.factories import ServiceAreaFactory

URL = "/shop/state/"
COOKIE = "azultel_state"
ONE_YEAR = 365 * 24 * 60 * 60


@pytest.mark.promise("P25")
@pytest.mark.django_db
def test_saving_a_state_sets_a_cookie_holding_exactly_the_code(client: Client) -> None:
    response = client.post(URL, {"state": "GA", "next": "/shop/home/"})

    morsel = response.cookies[COOKIE]
    assert response.status_code == 302
    assert response["Location"] == "/shop/home/"
    assert morsel.value == "GA"
    assert morsel.OutputString().startswith(f"{COOKIE}=GA; ")
    assert (morsel["httponly"], morsel["samesite"], morsel["max-age"], morsel["path"]) == (
        True,
        "Lax",
        ONE_YEAR,
        "/",
    )
    assert morsel["secure"] == ""
    assert list(response.cookies) == [COOKIE]
    assert Session.objects.count() == 0


@pytest.mark.promise("P25")
@pytest.mark.promise("P24")
@pytest.mark.django_db
def test_the_state_cookie_is_secure_wherever_session_cookies_are(
    client: Client, settings: object
) -> None:
    settings.SESSION_COOKIE_SECURE = True  # type: ignore[attr-defined]

    response = client.post(URL, {"state": "FL"})

    assert response.cookies[COOKIE]["secure"] is True
    assert response.cookies[COOKIE].value == "FL"


@pytest.mark.promise("P26")
@pytest.mark.django_db
def test_after_saving_every_page_shows_that_states_prices(
    client: Client, demo_catalog: None
) -> None:
    client.post(URL, {"state": "TX", "next": "/shop/retail/"})

    response = client.get("/shop/retail/")

    html = response.content.decode()
    assert "Prices for Texas" in html
    assert "$144.99" in html  # the mesh router in Texas
    assert "Change or forget your saved state" in html


@pytest.mark.promise("P26")
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("zip_code", "state"),
    [("30303", "GA"), ("00926", "PR"), ("10001", "NY"), ("77002-1234", "TX"), (" 33131 ", "FL")],
)
def test_a_zip_code_chooses_the_state_and_is_not_kept(
    client: Client, demo_catalog: None, zip_code: str, state: str
) -> None:
    response = client.post(URL, {"zip_code": zip_code, "next": "/shop/"})

    assert response.status_code == 302
    assert response.cookies[COOKIE].value == state
    assert zip_code.strip() not in response.cookies[COOKIE].OutputString()


@pytest.mark.django_db
def test_a_service_area_decides_the_state_of_its_zip(client: Client) -> None:
    # A ZIP the prefix table puts in Florida, recorded by staff as Georgia, follows the staff data.
    ServiceAreaFactory(zip_code="33999", state="GA")

    response = client.post(URL, {"zip_code": "33999"})

    assert response.cookies[COOKIE].value == "GA"


@pytest.mark.promise("P25")
@pytest.mark.django_db
def test_browsing_a_state_without_a_cookie_puts_it_in_the_address(client: Client) -> None:
    response = client.get(URL, {"state": "PR", "next": "/shop/home/?sort=price&state=GA"})

    assert response.status_code == 302
    assert response["Location"] == "/shop/home/?sort=price&state=PR"
    assert dict(response.cookies) == {}


@pytest.mark.django_db
def test_a_zip_code_in_the_address_form_also_works_without_a_cookie(
    client: Client, demo_catalog: None
) -> None:
    response = client.get(URL, {"zip_code": "33131", "next": "/shop/retail/"})

    assert response["Location"] == "/shop/retail/?state=FL"
    assert dict(response.cookies) == {}


@pytest.mark.django_db
def test_the_chooser_explains_the_cookie_and_offers_a_cookie_free_way(client: Client) -> None:
    response = client.get(URL, {"next": "/shop/carrier/"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "holds only the two-letter code of your state" in html
    assert "Browse without a cookie" in html
    assert '<form method="get" action="/shop/state/"' in html
    assert html.count('value="/shop/carrier/"') == 2
    assert "Forget my state" not in html


@pytest.mark.django_db
def test_a_saved_state_can_be_forgotten(client: Client) -> None:
    client.cookies[COOKIE] = "FL"
    page = client.get(URL)

    response = client.post(URL, {"forget": "1", "next": "/shop/home/"})

    assert "Your saved state: Florida" in page.content.decode()
    assert response.status_code == 302
    assert response["Location"] == "/shop/home/"
    assert response.cookies[COOKIE].value == ""
    assert response.cookies[COOKIE]["max-age"] == 0


BAD_INPUT = [
    ({}, "Choose your state, or enter your ZIP code."),
    ({"state": "ZZ"}, "Choose a state or territory from the list."),
    ({"state": "fl"}, "Choose a state or territory from the list."),
    ({"state": "AE"}, "Choose a state or territory from the list."),
    ({"state": "FL; Path=/; Domain=evil.example"}, "Choose a state or territory from the list."),
    ({"state": "FL\r\nSet-Cookie: x=1"}, "Choose a state or territory from the list."),
    ({"zip_code": "3313"}, "Enter a five-digit ZIP code"),
    ({"zip_code": "33131-12"}, "Enter a five-digit ZIP code"),
    ({"zip_code": "abcde"}, "Enter a five-digit ZIP code"),
    ({"zip_code": "00001"}, "We could not find ZIP code 00001."),
    ({"zip_code": "09001"}, "We could not find ZIP code 09001."),
    ({"state": "NY", "zip_code": "33131"}, "ZIP code 33131 is in Florida, not in New York."),
    ({"state": "FL\x00"}, "Choose a state or territory from the list."),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("data", "message"), BAD_INPUT)
def test_saving_bad_input_says_why_and_sets_no_cookie(
    client: Client,
    demo_catalog: None,
    catalog_rows: Callable[[], dict[str, int]],
    data: dict[str, str],
    message: str,
) -> None:
    before = catalog_rows()

    response = client.post(URL, data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert 'role="alert"' in response.content.decode()
    assert COOKIE not in response.cookies
    assert catalog_rows() == before
    assert Session.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(("data", "message"), BAD_INPUT[1:])
def test_browsing_with_bad_input_says_why_and_redirects_nowhere(
    client: Client, demo_catalog: None, data: dict[str, str], message: str
) -> None:
    response = client.get(URL, data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert "Location" not in response
    assert COOKIE not in response.cookies


@pytest.mark.django_db
@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/shop/",
        "/\\evil.example",
        "javascript:alert(1)",
        "shop/home/",
        "",
    ],
)
def test_the_return_address_never_leaves_the_site(client: Client, target: str) -> None:
    response = client.post(URL, {"state": "FL", "next": target})

    assert response["Location"] == "/shop/"


@pytest.mark.django_db
def test_saving_needs_the_forms_csrf_token(catalog_rows: Callable[[], dict[str, int]]) -> None:
    client = Client(enforce_csrf_checks=True)

    response = client.post(URL, {"state": "FL"})

    assert response.status_code == 403
    assert COOKIE not in response.cookies


@pytest.mark.promise("P25")
@pytest.mark.django_db
@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.dictionaries(
        st.sampled_from(["state", "zip_code", "next", "forget", "other"]),
        st.one_of(
            st.text(max_size=40),
            st.sampled_from(["FL", "GA", "ny", "33131", "00001", "30303-0001", "/shop/"]),
        ),
    )
)
def test_any_posted_input_either_saves_a_valid_code_or_nothing(
    client: Client, data: dict[str, str]
) -> None:
    response = client.post(URL, data)

    assert response.status_code in (302, 400)
    saved = [morsel.value for name, morsel in response.cookies.items() if name == COOKIE]
    assert all(value == "" or state_code_clean(value) == value for value in saved)
    assert set(response.cookies) <= {COOKIE, "azultel_csrftoken"}
    assert Session.objects.count() == 0
