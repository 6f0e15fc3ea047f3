"""The customer's bill pages (P11): list, detail with every line explained, PDF; call detail only
after a password sign-in (P30); another customer's bill is a 404."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pypdf import PdfReader

from azultel.accounts.models import User
from azultel.accounts.testing import reauthenticate, sign_in
from azultel.billing import services
from azultel.billing.models import Bill, BillingAccount
from azultel.billing.tests.factories import card_make, service_make
from azultel.payments.services import card_remove

MARCH = date(2026, 3, 1)
CALLED = "+13125550147"
CALLED_SHOWN = "(312) 555-0147"  # how the page writes it for people
pytestmark = pytest.mark.django_db


@pytest.fixture
def bill(customer: User) -> Bill:
    """Maria's March 2026 bill: a Florida phone line since January, with two calls."""
    service_make(customer, started_on=date(2026, 1, 1))
    account = services.billing_account_get_or_create(customer=customer, actor=None)
    at = timezone.make_aware(datetime(2026, 3, 5, 10, 15))
    services.usage_records_add(
        account=account,
        calls=[
            services.UsageCall("+13055551000", at, CALLED, 125),
            services.UsageCall("+13055551000", at, "+525512345678", 60, Decimal("1.20")),
        ],
        actor=None,
    )
    services.billing_run(period_start=MARCH, actor=None)
    return Bill.objects.get()


def _signed_in(user: User) -> Client:
    """Signed in without a password (as after following an email confirmation link)."""
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.promise("P11")
def test_bill_list_says_bills_are_paid_automatically_only_while_the_card_can_be_charged(
    customer: User, bill: Bill
) -> None:
    # Given Maria with automatic payment by her Visa
    card = card_make(customer)
    account = BillingAccount.objects.get(customer=customer)
    services.billing_settings_update(account=account, paperless=True, autopay=True, autopay_card=card, actor=customer)  # fmt: skip
    client = _signed_in(customer)
    before = client.get("/account/bills/").content.decode()
    # When she removes that card and opens her bills again
    card_remove(customer=customer, card=card, actor=customer)
    after = client.get("/account/bills/").content.decode()
    # Then the page said her bills were paid with it, and now says they are not
    assert "Each new bill is paid automatically with your Visa ending 4242." in before
    assert "paid automatically with" not in after
    assert "Your bills are not being paid automatically:" in after
    assert "removed or has expired" in after
    account.refresh_from_db()
    assert account.autopay  # the run turns it off, and tells her, when it next bills her


@pytest.mark.promise("P11")
def test_bill_list_and_detail_explain_every_line(customer: User, bill: Bill) -> None:
    # Given Maria signed in
    client = _signed_in(customer)
    # When she opens her bills and then the March bill
    listing = client.get("/account/bills/")
    detail = client.get(f"/account/bills/{bill.pk}/")
    # Then the list shows the bill and the detail shows her account, address and every line
    assert listing.status_code == 200
    assert f"/account/bills/{bill.pk}/" in listing.content.decode()
    page = detail.content.decode()
    assert detail.status_code == 200
    account = BillingAccount.objects.get(customer=customer)
    for text in (
        account.account_number,
        "Maria Lopez",
        "1200 Brickell Ave",
        "Miami, FL 33131",
        "Home Phone Essential: monthly charge for March 2026",
        # (the $1.20 of calls is a phone line charge of the line's state, so it is taxed too)
        "Florida communications services tax: 7.44% of $31.20 in service charges",
        "Florida 911 fee: $0.40 a month for each phone line, 1 phone line",
        "Federal Universal Service Fee: 3.40% of $31.20 in phone line charges",
        "Calls your plan does not include (listed in the call detail)",
        "$34.98",  # 30.00 + 1.20 + 2.32 + 0.40 + 1.06
        "charged by the day",
    ):
        assert text in page, text
    assert bill.amount_due == Decimal("34.98")


@pytest.mark.promise("P11")
def test_overview_shows_the_latest_bill(customer: User, bill: Bill) -> None:
    response = _signed_in(customer).get("/account/")
    page = response.content.decode()
    assert "To pay by" in page and "$34.98" in page and "Your bill for March 2026." in page
    assert f'href="/account/bills/{bill.pk}/pay/"' in page
    assert f'href="/account/bills/{bill.pk}/"' in page


@pytest.mark.promise("P11")
def test_pdf_download_carries_account_name_address_and_lines(customer: User, bill: Bill) -> None:
    # When Maria downloads the March bill
    response = _signed_in(customer).get(f"/account/bills/{bill.pk}/pdf/")
    # Then it is a PDF attachment, never cached, with her account, name, address and lines
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="azultel-bill-2026-03.pdf"'
    assert "no-cache" in response["Cache-Control"]
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    account = BillingAccount.objects.get(customer=customer)
    for expected in (account.account_number, "Maria Lopez", "1200 Brickell Ave", "Miami, FL 33131", "$34.98", "Florida 911 fee"):  # fmt: skip
        assert expected in text, expected
    # and no call detail: a file outlives the password sign-in (P30)
    assert CALLED not in text and CALLED_SHOWN not in text


@pytest.mark.promise("P30")
def test_call_detail_is_hidden_without_a_password_sign_in(customer: User, bill: Bill) -> None:
    # Given Maria signed in without her password in this session
    client = _signed_in(customer)
    # When she opens the bill
    page = client.get(f"/account/bills/{bill.pk}/").content.decode()
    # Then the calls are not shown; she is offered to confirm her password
    assert CALLED_SHOWN not in page and CALLED not in page
    assert "Confirm your password to see the call detail" in page
    assert f"/account/reauthenticate/?next=%2Faccount%2Fbills%2F{bill.pk}%2F" in page


@pytest.mark.promise("P30")
def test_call_detail_shows_after_signing_in_with_the_password(customer: User, bill: Bill) -> None:
    # Given Maria signed in through the sign-in form with her password
    client = Client()
    sign_in(client, customer)
    # When she opens the bill
    page = client.get(f"/account/bills/{bill.pk}/").content.decode()
    # Then the calls are listed
    assert CALLED_SHOWN in page and CALLED not in page
    assert "2 min 5 s" in page
    assert "Confirm your password" not in page


@pytest.mark.promise("P30")
def test_call_detail_shows_after_confirming_the_password(customer: User, bill: Bill) -> None:
    # Given Maria signed in without her password, who then confirms it
    client = _signed_in(customer)
    assert CALLED_SHOWN not in client.get(f"/account/bills/{bill.pk}/").content.decode()
    reauthenticate(client)
    # When she opens the bill again, then the calls are listed
    assert CALLED_SHOWN in client.get(f"/account/bills/{bill.pk}/").content.decode()


@pytest.mark.promise("P11")
@pytest.mark.parametrize("suffix", ["", "pdf/", "pay/"])
def test_another_customers_bill_is_not_found(
    other_customer: User, bill: Bill, suffix: str, billing_rows: Callable[[], dict[str, int]]
) -> None:
    # Given Jon signed in, and Maria's bill id
    client = _signed_in(other_customer)
    before = billing_rows()
    # When he asks for her bill, then it does not exist for him, and nothing changes
    assert client.get(f"/account/bills/{bill.pk}/{suffix}").status_code == 404
    assert billing_rows() == before


def test_bill_pages_need_sign_in(bill: Bill) -> None:
    response = Client().get(f"/account/bills/{bill.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")


def _query_count(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured.captured_queries)


def test_bill_list_costs_the_same_queries_for_one_bill_or_six(customer: User) -> None:
    # Given Maria with one bill, then with six
    service_make(customer, started_on=date(2025, 10, 1))
    services.billing_run(period_start=date(2025, 10, 1), actor=None)
    client = _signed_in(customer)
    client.get("/account/bills/")  # the session's first request does its upkeep
    one = _query_count(client, "/account/bills/")
    for month in (11, 12):
        services.billing_run(period_start=date(2025, month, 1), actor=None)
    for month in (1, 2, 3):
        services.billing_run(period_start=date(2026, month, 1), actor=None)
    six = _query_count(client, "/account/bills/")
    # Then the page costs the same number of queries
    assert Bill.objects.count() == 6
    assert six == one


def test_bill_detail_query_count_does_not_grow_with_lines(customer: User, django_assert_max_num_queries: Any) -> None:  # fmt: skip
    # Given a bill with many lines (five services)
    for n in range(5):
        service_make(customer, name=f"Line {n}", started_on=date(2026, 1, 1))
    services.billing_run(period_start=MARCH, actor=None)
    bill = Bill.objects.get()
    client = _signed_in(customer)
    client.get("/account/bills/")
    # When the detail page is shown, then it takes a fixed, small number of queries
    with django_assert_max_num_queries(12):
        assert client.get(f"/account/bills/{bill.pk}/").status_code == 200
