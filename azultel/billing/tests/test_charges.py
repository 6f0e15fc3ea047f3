"""Bills computed by hand, line by line, against ``charges.bill_compute`` (no database).

Every expected amount below is worked out in the comment beside it, from the rules in
``charges`` (its package docstring) and the table in ``taxes.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from azultel.billing.account_numbers import account_number_for, account_number_normalise
from azultel.billing.charges import (
    Adjustment,
    Period,
    add_months,
    bill_compute,
    cents,
    service_lines,
)

D = Decimal


@dataclass(frozen=True)
class Svc:
    id: str
    product_name: str
    product_kind: str
    state: str
    monthly_price: Decimal
    started_on: date
    ended_on: date | None = None
    intro_monthly_price: Decimal | None = None
    intro_months: int | None = None
    includes_phone_line: bool = False
    phone_number: str = ""
    rates: tuple[()] = ()


def phone(sid: str = "p", *, price: str = "30.00", state: str = "FL", **kw: object) -> Svc:
    return Svc(sid, "Home Phone", "phone_line", state, D(price), includes_phone_line=True, **kw)  # type: ignore[arg-type]


def internet(sid: str = "i", *, price: str = "55.00", state: str = "FL", **kw: object) -> Svc:
    return Svc(sid, "Fiber 300", "internet", state, D(price), **kw)  # type: ignore[arg-type]


MARCH = Period(date(2026, 3, 1))


def test_mid_month_start_in_florida_with_taxes() -> None:
    # Given a phone line ($30) and fiber internet ($55) that started on March 10 in Florida
    services = [
        phone(started_on=date(2026, 3, 10)),
        internet(started_on=date(2026, 3, 10)),
    ]
    # When March is billed (the first bill)
    draft = bill_compute(period=MARCH, services=services, previous_balance=None)
    # Then each is charged 22 of 31 days (services in start-day, then name order), and
    # Florida's taxes apply to the phone line only
    assert [(line.kind, line.description, line.amount) for line in draft.lines] == [
        # 55 x 22 / 31 = 39.0322... -> 39.03
        ("proration", "Fiber 300: March 10\N{EN DASH}31, 2026, 22 of 31 days at $55.00 a month", D("39.03")),
        # 30 x 22 / 31 = 21.2903... -> 21.29
        ("proration", "Home Phone: March 10\N{EN DASH}31, 2026, 22 of 31 days at $30.00 a month", D("21.29")),
        # 7.44% of 21.29 (internet access is not taxed) = 1.5839... -> 1.58
        ("tax", "Florida communications services tax: 7.44% of $21.29 in service charges", D("1.58")),
        ("fee", "Florida 911 fee: $0.40 a month for each phone line, 1 phone line", D("0.40")),
        # 3.40% of 21.29 = 0.7238... -> 0.72
        ("fee", "Federal Universal Service Fee: 3.40% of $21.29 in phone line charges", D("0.72")),
    ]  # fmt: skip
    assert draft.charges_total == D("60.32")
    assert draft.taxes_total == D("2.70")
    assert draft.amount_due == D("63.02")
    assert not draft.has_previous_bill


def test_a_stop_bills_through_the_stop_day_across_a_month_boundary() -> None:
    # Given internet at $45.00 from January 1 that stopped on February 14, 2026
    service = internet(price="45.00", started_on=date(2026, 1, 1), ended_on=date(2026, 2, 14))
    # When January, February and March are billed
    january = service_lines(service, Period(date(2026, 1, 1)))
    february = service_lines(service, Period(date(2026, 2, 1)))
    march = service_lines(service, MARCH)
    # Then January is a whole month, February 1-14 is 14 of 28 days, March has nothing
    assert [(line.kind, line.amount) for line in january] == [("recurring", D("45.00"))]
    assert [(line.kind, line.amount, line.period_from, line.period_to) for line in february] == [
        ("proration", D("22.50"), date(2026, 2, 1), date(2026, 2, 14))  # 45 x 14 / 28
    ]
    assert march == []


def test_introductory_price_for_whole_months_from_the_start_day() -> None:
    # Given fiber at $40 for 12 months then $55, started March 15, 2025
    service = internet(
        started_on=date(2025, 3, 15), intro_monthly_price=D("40.00"), intro_months=12
    )
    # When its first month, a middle month and the month the offer ends are billed
    first = service_lines(service, Period(date(2025, 3, 1)))
    middle = service_lines(service, Period(date(2026, 2, 1)))
    last = service_lines(service, MARCH)
    # Then the intro price runs March 15, 2025 to March 14, 2026, charged by the day at the edges
    assert [(line.amount, line.description) for line in first] == [
        (D("21.94"), "Fiber 300: March 15\N{EN DASH}31, 2025, 17 of 31 days at $40.00 a month (introductory price)"),  # 40 x 17 / 31 = 21.935...
    ]  # fmt: skip
    assert [(line.kind, line.amount) for line in middle] == [("recurring", D("40.00"))]
    assert "(introductory price)" in middle[0].description
    assert [(line.amount, line.period_from, line.period_to) for line in last] == [
        (D("18.06"), date(2026, 3, 1), date(2026, 3, 14)),  # 40 x 14 / 31 = 18.064...
        (D("30.16"), date(2026, 3, 15), date(2026, 3, 31)),  # 55 x 17 / 31 = 30.161...
    ]


def test_previous_balance_payment_and_credit() -> None:
    # Given last month's bill of $63.02, paid in full on March 20, and a $5.00 credit
    services = [phone(started_on=date(2026, 2, 10))]
    # When April is billed
    draft = bill_compute(
        period=Period(date(2026, 4, 1)),
        services=services,
        previous_balance=D("63.02"),
        previous_period=MARCH,
        payments=[Adjustment("pay1", "", D("63.02"), date(2026, 3, 20))],
        credits=[Adjustment("cr1", "Service outage on March 3", D("5.00"), date(2026, 3, 25))],
    )
    # Then: 63.02 - 63.02 + 30.00 + (2.23 + 0.40 + 1.02) - 5.00 = 28.65
    assert [(line.kind, line.description, line.amount) for line in draft.lines] == [
        ("previous_balance", "Balance from your March 2026 bill", D("63.02")),
        ("payment", "Payment received March 20, 2026, thank you", D("-63.02")),
        ("recurring", "Home Phone: monthly charge for April 2026", D("30.00")),
        ("tax", "Florida communications services tax: 7.44% of $30.00 in service charges", D("2.23")),  # 2.232
        ("fee", "Florida 911 fee: $0.40 a month for each phone line, 1 phone line", D("0.40")),
        ("fee", "Federal Universal Service Fee: 3.40% of $30.00 in phone line charges", D("1.02")),
        ("credit", "Credit: Service outage on March 3", D("-5.00")),
    ]  # fmt: skip
    assert (draft.payments_total, draft.credits_total) == (D("63.02"), D("5.00"))
    assert (draft.charges_total, draft.taxes_total) == (D("30.00"), D("3.65"))
    assert draft.amount_due == D("28.65")


def test_each_state_taxes_its_own_services() -> None:
    # Given a bundle with a phone line in Georgia ($74.99) and a phone line in New York ($29.99)
    bundle = Svc(
        "b", "Phone + Fiber", "bundle", "GA", D("74.99"), date(2026, 1, 1),
        includes_phone_line=True,
    )  # fmt: skip
    ny = phone("n", price="29.99", state="NY", started_on=date(2026, 1, 1))
    # When March is billed
    draft = bill_compute(period=MARCH, services=[bundle, ny], previous_balance=None)
    # Then each state's tax and 911 fee are separate lines; the federal fee covers both lines
    taxes = [(line.description.split(":")[0], line.amount) for line in draft.lines if line.kind in ("tax", "fee")]  # fmt: skip
    assert taxes == [
        ("Georgia sales tax on telephone service", D("3.00")),  # 4% of 74.99 = 2.9996
        ("Georgia 911 charge", D("1.50")),
        ("New York sales tax on telecommunications", D("1.20")),  # 4% of 29.99 = 1.1996
        ("New York 911 surcharge", D("1.00")),
        ("Federal Universal Service Fee", D("3.57")),  # 3.4% of 104.98 = 3.5693
    ]


def test_calls_are_taxed_in_the_state_of_the_line_they_were_made_from() -> None:
    # Given a Georgia line and a New York line at $30.00 each, with $10.00 of calls from the
    # Georgia line, $5.00 from the New York one and $2.50 from a number the account no longer has
    ga = phone("g", state="GA", started_on=date(2026, 1, 1), phone_number="+14045550100")
    ny = phone("n", state="NY", started_on=date(2026, 1, 1), phone_number="+12125550100")
    usage = {"+14045550100": D("10.00"), "+12125550100": D("5.00"), "+13055550199": D("2.50")}
    # When March is billed
    draft = bill_compute(period=MARCH, services=[ga, ny], previous_balance=None, usage=usage)
    # Then the calls are one line, and each state taxes its own line's calls (the unknown
    # number goes with the first phone line, Georgia); the federal fee covers every call
    lines = [(line.description, line.amount) for line in draft.lines if line.kind != "recurring"]
    assert lines == [
        ("Calls your plan does not include (listed in the call detail)", D("17.50")),
        ("Georgia sales tax on telephone service: 4.00% of $42.50 in service charges", D("1.70")),
        ("Georgia 911 charge: $1.50 a month for each phone line, 1 phone line", D("1.50")),
        ("New York sales tax on telecommunications: 4.00% of $35.00 in service charges", D("1.40")),
        ("New York 911 surcharge: $1.00 a month for each phone line, 1 phone line", D("1.00")),
        # 3.40% of 77.50 = 2.635 -> 2.64 (half up)
        ("Federal Universal Service Fee: 3.40% of $77.50 in phone line charges", D("2.64")),
    ]  # fmt: skip
    assert draft.amount_due == D("60.00") + D("17.50") + D("1.70") + D("1.50") + D("1.40") + D("1.00") + D("2.64")  # fmt: skip


def test_an_unknown_state_uses_the_default_row() -> None:
    # Given a phone line in a state we do not list (Ohio)
    draft = bill_compute(
        period=MARCH,
        services=[phone(state="OH", started_on=date(2026, 1, 1))],
        previous_balance=None,
    )
    # Then the default rate and fee apply: 5% of 30.00 and $0.75
    assert [(line.description.split(":")[0], line.amount) for line in draft.lines[1:3]] == [
        ("State and local sales tax", D("1.50")),
        ("911 fee", D("0.75")),
    ]


def test_nothing_to_bill_issues_nothing() -> None:
    # Given no services, no balance and nothing pending
    draft = bill_compute(
        period=MARCH, services=[], previous_balance=D("0.00"), previous_period=MARCH.previous()
    )
    # Then the bill is not worth issuing (only a zero previous balance line)
    assert not draft.worth_issuing


def test_money_rounds_half_up_to_the_cent() -> None:
    assert cents("2.345") == D("2.35")  # half-even would give 2.34
    assert cents("2.344") == D("2.34")
    assert cents("-2.345") == D("-2.35")


def test_periods_and_months() -> None:
    assert Period.parse("2026-02").end == date(2026, 2, 28)
    assert Period.parse("2024-02").days == 29
    assert Period(date(2026, 1, 1)).previous() == Period(date(2025, 12, 1))
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    with pytest.raises(ValueError, match="first day"):
        Period(date(2026, 3, 2))


@pytest.mark.parametrize(
    "text", ["2026-13", "26-01", "2026/01", "", "1999-12", "\uff12\uff10\uff12\uff16-01"]
)
def test_bad_period_text_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        Period.parse(text)


@given(st.integers(min_value=1, max_value=10**10 - 1))
def test_account_numbers_are_twelve_digits_with_a_check_digit(value: int) -> None:
    number = account_number_for(value)
    assert account_number_normalise(number) == number
    assert account_number_normalise(number.replace("-", " ")) == number


def test_account_numbers_differ_and_catch_a_typo() -> None:
    numbers = {account_number_for(n) for n in range(1, 5001)}
    assert len(numbers) == 5000
    first = account_number_for(1)
    typo = first[:-1] + str((int(first[-1]) + 1) % 10)
    assert account_number_normalise(typo) is None


@given(
    split=st.integers(min_value=1, max_value=27),
    price=st.decimals(min_value=0, max_value=500, places=2),
)
def test_a_month_split_in_two_charges_the_price_within_a_cent(split: int, price: Decimal) -> None:
    # Given a service stopped on one day of February and another started the next day
    period = Period(date(2026, 2, 1))
    before = internet("a", price=str(price), started_on=date(2026, 1, 1), ended_on=date(2026, 2, split))  # fmt: skip
    after = internet("b", price=str(price), started_on=date(2026, 2, split + 1))
    # When February is billed
    total = sum((line.amount for s in (before, after) for line in service_lines(s, period)), D("0"))
    # Then the two parts add up to the monthly price, give or take a cent of rounding
    assert abs(total - price) <= D("0.01")
