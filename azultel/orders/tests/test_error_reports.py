"""P24: when checkout crashes, Django's error report (the email admins get, the technical 500
page) shows neither the card number and security code nor the SSN and date of birth.

Each test breaks one step of a real checkout request, catches the report Django builds for the
uncaught exception, and looks for the values the customer typed in its text and HTML forms (the
HTML form lists every frame's local variables)."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.signals import got_request_exception
from django.test import Client
from django.views.debug import ExceptionReporter

from azultel.orders.models import CreditCheck, Order
from azultel.orders.tests.journeys import (
    add_to_cart,
    card_data,
    checkout_to_payment,
    checkout_to_review,
    place,
)
from azultel.payments.models import StoredCard

AMEX = "3782 822463 10005"
AMEX_DIGITS = "378282246310005"
AMEX_CVC = "7391"
SSN = "123-45-6789"
DOB = "1977-05-23"
HIDDEN = "'********************'"


class ProcessorDown(RuntimeError):
    """What a processor's client library might raise in the middle of a request."""


@dataclass(frozen=True)
class Report:
    text: str
    html: str


@pytest.fixture
def error_reports() -> Iterator[list[Report]]:
    """The reports Django builds for uncaught exceptions, as its error handling builds them."""
    reports: list[Report] = []

    def receiver(sender: Any, request: Any, **kwargs: Any) -> None:
        reporter = ExceptionReporter(request, *sys.exc_info())
        reports.append(Report(reporter.get_traceback_text(), reporter.get_traceback_html()))

    got_request_exception.connect(receiver, dispatch_uid="orders-error-report-test")
    yield reports
    got_request_exception.disconnect(dispatch_uid="orders-error-report-test")


def _luhn_down(number: str, alphabet: str = "0123456789") -> bool:
    raise ProcessorDown("the card check library failed")


def _expiry_check_down(exp_month: int, exp_year: int, *, today: Any = None) -> None:
    raise ProcessorDown("the processor did not answer")


def _break_card_digits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("azultel.payments.gateway.luhn", SimpleNamespace(is_valid=_luhn_down))


def _break_tokenize(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("azultel.payments.gateway.card_expiry_check", _expiry_check_down)


def _standalone(value: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![0-9A-Za-z]){re.escape(value)}(?![0-9A-Za-z])")


@pytest.mark.promise("P24")
@pytest.mark.parametrize(
    "break_step", [_break_card_digits, _break_tokenize], ids=["in-card-digits", "in-tokenize"]
)
def test_a_crash_while_tokenising_a_card_reports_no_card_number_or_security_code(
    shopper: Client,
    error_reports: list[Report],
    monkeypatch: pytest.MonkeyPatch,
    break_step: Callable[[pytest.MonkeyPatch], None],
) -> None:
    # Given Maria at the payment step, and a processor that fails while taking her card
    add_to_cart(shopper, "home-phone-essential")
    cid = checkout_to_payment(shopper)
    break_step(monkeypatch)

    # When she sends her card
    with pytest.raises(ProcessorDown):
        shopper.post("/order/checkout/payment/", {"cart_id": cid, **card_data(AMEX, cvc=AMEX_CVC)})

    # Then the error report names the card fields but shows none of their values
    (report,) = error_reports
    for field in ("card-number", "card-cvc", "card-exp_month", "card-exp_year"):
        assert f"{field} = {HIDDEN}" in report.text
    for shown in (report.text, report.html):
        assert AMEX not in shown and AMEX_DIGITS not in shown
        assert not _standalone(AMEX_CVC).search(shown)
    assert "ProcessorDown" in report.html and "card_tokenize" in report.html
    assert StoredCard.objects.count() == 0


@pytest.mark.promise("P24")
def test_a_crash_in_the_credit_check_reports_no_ssn_or_birth_date(
    shopper: Client, error_reports: list[Report], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given Maria on the review page, and a bureau that fails after reading her SSN
    from azultel.orders import credit

    add_to_cart(shopper, "home-phone-essential")
    review = checkout_to_review(shopper, card=card_data(AMEX, cvc=AMEX_CVC))
    reveal = credit.sensitive_reveal  # the bureau hand-over reads through privacy's reveal

    def reveal_then_fail(**kwargs: Any) -> str:
        if kwargs["field"] == "date_of_birth":
            raise ProcessorDown("the bureau did not answer")
        return reveal(**kwargs)

    monkeypatch.setattr(credit, "sensitive_reveal", reveal_then_fail)

    # When she places the order with her SSN and date of birth
    with pytest.raises(ProcessorDown):
        place(shopper, review, ssn=SSN, dob=DOB)

    # Then the error report shows neither, and the order was not placed
    (report,) = error_reports
    for field in ("ssn", "date_of_birth"):
        assert f"{field} = {HIDDEN}" in report.text
    for shown in (report.text, report.html):
        for value in (SSN, SSN.replace("-", ""), DOB, "1977, 5, 23"):
            assert value not in shown, value
    assert "azultel/orders/credit.py" in report.html
    assert (Order.objects.count(), CreditCheck.objects.count()) == (0, 0)
