"""The sandbox card processor and the charge service: validation, documented test cards, one
charge per idempotency key, refunds, and a processor outside the database voided on failure."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from azultel.accounts.models import User
from azultel.accounts.testing import customer_create
from azultel.payments.gateway import (
    TEST_CARDS,
    CardRefused,
    ChargeResult,
    SandboxGateway,
    card_brand,
    card_digits,
    card_expiry_check,
)
from azultel.payments.models import (
    Charge,
    ChargeStatus,
    SandboxCardToken,
    SandboxCharge,
    StoredCard,
)
from azultel.payments.services import (
    PaymentDeclined,
    PaymentError,
    card_remove,
    card_store,
    card_tokenize,
    charge_create,
    charge_refund,
    charges_void_after_failure,
)

NEXT_YEAR = date.today().year + 1


@pytest.fixture
def customer(db: None) -> User:
    return customer_create(email="pay@example.com")


def _tokenize(customer: User, number: str, cvc: str = "123", **kwargs: Any) -> StoredCard:
    return card_tokenize(
        customer=customer,
        number=number,
        exp_month=kwargs.get("exp_month", 12),
        exp_year=kwargs.get("exp_year", NEXT_YEAR),
        cvc=cvc,
        postal_code="33131",
        save=False,
        actor=customer,
    )


@pytest.mark.parametrize(
    ("number", "brand"),
    [
        ("4242424242424242", "visa"),
        ("5555555555554444", "mastercard"),
        ("2223003122003222", "mastercard"),
        ("378282246310005", "amex"),
        ("6011111111111117", "discover"),
        ("3530111333300000", None),
    ],
)
def test_the_brand_comes_from_the_leading_digits(number: str, brand: str | None) -> None:
    assert card_brand(number) == brand


@pytest.mark.parametrize(
    ("number", "field", "message"),
    [
        ("", "number", "Enter the card number"),
        ("4242 4242 4242 424x", "number", "12 to 19 digits"),
        ("4242424242424241", "number", "not valid"),
        ("\uff14\uff12" * 8, "number", "12 to 19 digits"),  # full-width digits
    ],
)
def test_card_numbers_are_checked_before_anything_else(
    number: str, field: str, message: str
) -> None:
    with pytest.raises(CardRefused, match=message) as refused:
        card_digits(number)

    assert refused.value.field == field


def test_a_card_expires_after_its_last_month() -> None:
    today = date(2026, 11, 29)

    card_expiry_check(11, 2026, today=today)
    with pytest.raises(CardRefused, match="expired"):
        card_expiry_check(10, 2026, today=today)
    with pytest.raises(CardRefused, match="expiry month"):
        card_expiry_check(13, 2027, today=today)


@pytest.mark.promise("P24")
def test_tokenising_keeps_token_brand_last_four_and_expiry_only(customer: User) -> None:
    card = _tokenize(customer, "4242 4242 4242 4242", cvc="987")

    # Each field of our card row and of the processor's token row, one by one (a row printed
    # whole carries timestamps, whose digits can contain a security code by chance)
    stored = StoredCard.objects.values().get()
    vault = SandboxCardToken.objects.values().get()
    assert re.fullmatch(r"tok_sandbox_[0-9a-f]{24}", card.token)
    assert _without_timestamps(stored) == {
        "id": card.pk,
        "customer_id": customer.pk,
        "token": card.token,
        "brand": "visa",
        "last4": "4242",
        "exp_month": 12,
        "exp_year": NEXT_YEAR,
        "saved": False,
        "removed_at": None,
    }
    assert _without_timestamps(vault) == {
        "id": vault["id"],
        "token": card.token,
        "brand": "visa",
        "last4": "4242",
        "exp_month": 12,
        "exp_year": NEXT_YEAR,
        "outcome": "approve",
    }
    for row in (stored, vault):
        texts = [v for f, v in row.items() if isinstance(v, str) and f != "token"]
        assert not [t for t in texts if "987" in t or "4242424242424242" in t]
    assert not hasattr(card, "number") and not hasattr(card, "cvc")


def _without_timestamps(row: dict[str, Any]) -> dict[str, Any]:
    """The row's fields but its timestamps, which must be timestamps and nothing else."""
    stamps = {f: v for f, v in row.items() if f in ("created_at", "updated_at")}
    assert all(isinstance(v, datetime) for v in stamps.values())
    return {f: v for f, v in row.items() if f not in stamps}


@pytest.mark.parametrize(
    ("number", "cvc", "message"),
    [
        ("4111 1111 1111 1111", "123", "use one of the test card numbers"),
        ("4242 4242 4242 4242", "12", "3 digits on the back"),
        ("3782 822463 10005", "123", "4 digits printed on the front"),
        ("3530 1113 3330 0000", "123", "We accept Visa"),
    ],
)
def test_the_sandbox_refuses_cards_it_would_not_take_and_writes_nothing(
    customer: User, number: str, cvc: str, message: str
) -> None:
    with pytest.raises(CardRefused, match=message):
        _tokenize(customer, number, cvc=cvc)

    assert StoredCard.objects.count() == SandboxCardToken.objects.count() == 0


def test_saving_a_card_needs_a_local_profile(customer: User) -> None:
    with pytest.raises(PaymentError, match="local phone customer profile"):
        card_tokenize(
            customer=customer,
            number="4242424242424242",
            exp_month=12,
            exp_year=NEXT_YEAR,
            cvc="123",
            postal_code="33131",
            save=True,
            actor=customer,
        )

    assert StoredCard.objects.count() == 0


@pytest.mark.parametrize("card", TEST_CARDS, ids=[c.number for c in TEST_CARDS])
def test_every_documented_test_card_does_what_the_docs_say(customer: User, card: Any) -> None:
    cvc = "1234" if card.brand_label == "American Express" else "123"
    stored = _tokenize(customer, card.number, cvc=cvc)

    result = SandboxGateway().charge(
        token=stored.token, amount=Decimal("10.00"), idempotency_key=card.number, description="t"
    )

    assert result.approved == (card.outcome == "approve")
    assert result.decline_reason == {"approve": "", "card_declined": "card declined",
                                     "insufficient_funds": "insufficient funds"}[card.outcome]  # fmt: skip


def test_a_charge_is_made_once_per_idempotency_key(customer: User) -> None:
    card = _tokenize(customer, "5555 5555 5555 4444")

    first = charge_create(
        customer=customer, card=card, amount=Decimal("35.00"), idempotency_key="k1",
        description="order", actor=customer,
    )  # fmt: skip
    again = charge_create(
        customer=customer, card=card, amount=Decimal("35.00"), idempotency_key="k1",
        description="order", actor=customer,
    )  # fmt: skip

    assert first.pk == again.pk
    assert Charge.objects.count() == SandboxCharge.objects.count() == 1


def test_a_key_reused_for_another_amount_or_customer_is_refused(customer: User) -> None:
    card = _tokenize(customer, "4242 4242 4242 4242")
    charge_create(
        customer=customer, card=card, amount=Decimal("35.00"), idempotency_key="k2",
        description="order", actor=customer,
    )  # fmt: skip
    other = customer_create(email="other-pay@example.com")
    other_card = _tokenize(other, "4242 4242 4242 4242")

    with pytest.raises(PaymentError):
        charge_create(
            customer=customer, card=card, amount=Decimal("99.00"), idempotency_key="k2",
            description="order", actor=customer,
        )  # fmt: skip
    with pytest.raises(PaymentError):
        charge_create(
            customer=other, card=other_card, amount=Decimal("35.00"), idempotency_key="k2",
            description="order", actor=other,
        )  # fmt: skip

    assert Charge.objects.count() == 1


def test_another_customers_card_or_a_removed_card_cannot_be_charged(customer: User) -> None:
    other = customer_create(email="third@example.com")
    theirs = _tokenize(other, "4242 4242 4242 4242")
    mine = _tokenize(customer, "4242 4242 4242 4242")
    card_remove(customer=customer, card=mine, actor=customer)
    mine.refresh_from_db()

    for card in (theirs, mine):
        with pytest.raises(PaymentError):
            charge_create(
                customer=customer, card=card, amount=Decimal("5.00"), idempotency_key=str(card.pk),
                description="x", actor=customer,
            )  # fmt: skip

    assert Charge.objects.count() == 0


def test_a_decline_records_nothing(customer: User) -> None:
    card = _tokenize(customer, "4000 0000 0000 9995")

    with pytest.raises(PaymentDeclined, match="insufficient funds"):
        charge_create(
            customer=customer, card=card, amount=Decimal("35.00"), idempotency_key="k3",
            description="order", actor=customer,
        )  # fmt: skip

    assert Charge.objects.count() == SandboxCharge.objects.count() == 0


def test_a_refund_marks_the_charge_and_the_processors_ledger(
    customer: User, django_capture_on_commit_callbacks: Any
) -> None:
    card = _tokenize(customer, "4242 4242 4242 4242")
    charge = charge_create(
        customer=customer, card=card, amount=Decimal("35.00"), idempotency_key="k4",
        description="order", actor=customer,
    )  # fmt: skip

    with django_capture_on_commit_callbacks(execute=True):
        charge_refund(charge=charge, actor=customer, reason="cancelled")
        charge_refund(charge=charge, actor=customer, reason="twice")

    assert Charge.objects.get().status == ChargeStatus.REFUNDED
    assert SandboxCharge.objects.get().status == "refunded"


class OutsideProcessor:
    """A processor whose books are not in our database (like a real one)."""

    is_sandbox = False
    ledger_in_database = False
    voided: list[str] = []

    def charge(self, **kwargs: Any) -> ChargeResult:
        return ChargeResult(approved=True, processor_ref="ch_outside_1")

    def void(self, *, charge_ref: str) -> None:
        OutsideProcessor.voided.append(charge_ref)


def test_a_processor_outside_the_database_is_voided_after_a_rollback(settings: Any) -> None:
    settings.PAYMENT_GATEWAY = f"{__name__}.OutsideProcessor"
    OutsideProcessor.voided = []

    charges_void_after_failure(processor_refs=["ch_outside_1"])

    assert OutsideProcessor.voided == ["ch_outside_1"]


def test_the_sandbox_needs_no_void_after_a_rollback(db: None) -> None:
    charges_void_after_failure(processor_refs=["ch_sandbox_gone"])

    assert SandboxCharge.objects.count() == 0


def test_card_store_keeps_a_processor_token(customer: User) -> None:
    from azultel.payments.gateway import CardToken

    card = card_store(
        customer=customer,
        token=CardToken("tok_other_1", "visa", "1111", 1, NEXT_YEAR),
        actor=customer,
    )

    assert (card.token, card.label) == ("tok_other_1", f"Visa ending 1111, expires 01/{NEXT_YEAR}")


TEST_DIGITS = {card.number.replace(" ", "") for card in TEST_CARDS}


@pytest.mark.django_db
@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(number=st.text(min_size=5, max_size=30), cvc=st.text(max_size=6),
       month=st.integers(-5, 20), year=st.integers(1990, 2100))  # fmt: skip
def test_any_other_card_input_is_refused_without_repeating_it(
    number: str, cvc: str, month: int, year: int
) -> None:
    assume("".join(ch for ch in number if ch not in " -") not in TEST_DIGITS)

    with pytest.raises(CardRefused) as refused:
        SandboxGateway().tokenize(
            number=number, exp_month=month, exp_year=year, cvc=cvc, postal_code="33131"
        )

    assert number not in refused.value.reason
    assert refused.value.field in ("number", "exp_month", "cvc")
    assert SandboxCardToken.objects.count() == 0
