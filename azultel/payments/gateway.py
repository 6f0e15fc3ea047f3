"""The card processor behind an interface, and the embedded sandbox processor (P24).

``PaymentGateway`` is what the rest of the project may assume of a processor: it turns a card into
a token (the card number and security code go to the processor and nowhere else), charges a token
once per idempotency key, and voids or refunds a charge. ``gateway_get()`` builds the one named by
``settings.PAYMENT_GATEWAY``; the default is ``SandboxGateway``.

The sandbox checks what a real processor checks (Luhn digit, expiry, security code length) and
accepts only the documented test cards below, so nobody can type a real card into a demo. Its
books (``SandboxCardToken``, ``SandboxCharge``) live in this database: a charge made inside a
transaction that rolls back disappears with it. A real processor's charge does not; that is why
``ledger_in_database`` is False for one, and ``payments.services.charges_void_after_failure``
voids what such a processor captured for work that was then rolled back.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string
from django.views.decorators.debug import sensitive_variables
from stdnum import luhn

from azultel.payments.models import (
    CardBrand,
    SandboxCardToken,
    SandboxCharge,
    SandboxChargeStatus,
)


class CardRefused(ValueError):
    """The processor will not accept this card. ``field`` names the form field to fix, if any.

    The message is safe to show: it never contains the card number or the security code.
    """

    def __init__(self, reason: str, *, field: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.field = field


@dataclass(frozen=True)
class CardToken:
    """What a processor gives back for a card: everything that may be kept about it."""

    token: str
    brand: str
    last4: str
    exp_month: int
    exp_year: int


@dataclass(frozen=True)
class ChargeResult:
    """A processor's answer to a charge: approved with its reference, or declined with a reason."""

    approved: bool
    processor_ref: str = ""
    decline_reason: str = ""


class PaymentGateway(Protocol):
    """A card processor; calling it again with the same idempotency key must be safe."""

    #: Test-mode processor: pages show the test cards.
    is_sandbox: bool
    #: The processor's books are rows of this database (rolled back with the caller's transaction).
    ledger_in_database: bool

    def tokenize(
        self, *, number: str, exp_month: int, exp_year: int, cvc: str, postal_code: str
    ) -> CardToken:
        """Validate the card and return its token; raise ``CardRefused`` when it is not usable."""
        ...

    def charge(
        self, *, token: str, amount: Decimal, idempotency_key: str, description: str
    ) -> ChargeResult:
        """Capture ``amount`` (USD) once per ``idempotency_key``; repeats give the first result."""
        ...

    def void(self, *, charge_ref: str) -> None:
        """Cancel a captured charge that must not stand (the work it paid for was rolled back)."""
        ...

    def refund(self, *, charge_ref: str) -> None:
        """Give the whole amount of a charge back to the card. Called after the cancellation it
        pays back has committed, and again if an earlier call's outcome was not recorded: a
        charge already refunded must count as done, never as an error or a second refund."""
        ...

    def forget(self, *, token: str) -> None:
        """Delete the processor's record of a card token, so it can never be charged again.
        A token the processor no longer knows counts as done. Charges already made with it
        stay in the processor's books (it needs them for refunds and disputes)."""
        ...


def gateway_get() -> PaymentGateway:
    """The processor named by ``settings.PAYMENT_GATEWAY`` (read at call time)."""

    gateway: PaymentGateway = import_string(settings.PAYMENT_GATEWAY)()
    return gateway


# --- Checks every processor makes ---------------------------------------------------------------


# The number and its digits stay out of error reports, also in the Luhn check it calls (P24).
@sensitive_variables("number", "compact")
def card_digits(number: str) -> str:
    """The digits of a typed card number (spaces and dashes allowed); refuses anything else."""
    compact = "".join(ch for ch in str(number) if ch not in " -")
    if not compact:
        raise CardRefused("Enter the card number.", field="number")
    if not (compact.isascii() and compact.isdigit()) or not 12 <= len(compact) <= 19:
        raise CardRefused(
            "Enter the card number as it is printed on the card: 12 to 19 digits.",
            field="number",
        )
    if not luhn.is_valid(compact):
        raise CardRefused(
            "That card number is not valid. Please check it and try again.", field="number"
        )
    return compact


def card_brand(digits: str) -> str | None:
    """The brand from the number's leading digits (Visa, Mastercard, American Express, Discover)."""

    if digits.startswith("4") and len(digits) in (13, 16, 19):
        return CardBrand.VISA
    head2, head4 = int(digits[:2]), int(digits[:4])
    if len(digits) == 16 and (51 <= head2 <= 55 or 2221 <= head4 <= 2720):
        return CardBrand.MASTERCARD
    if len(digits) == 15 and head2 in (34, 37):
        return CardBrand.AMEX
    if len(digits) == 16 and (digits.startswith("6011") or digits.startswith("65")):
        return CardBrand.DISCOVER
    return None


def card_expiry_check(exp_month: int, exp_year: int, *, today: date | None = None) -> None:
    """Refuse a month outside 1-12 or a card whose last valid month has passed."""
    today = today or date.today()
    if not 1 <= int(exp_month) <= 12:
        raise CardRefused("Choose the expiry month printed on the card.", field="exp_month")
    if (int(exp_year), int(exp_month)) < (today.year, today.month):
        raise CardRefused(
            "This card has expired. Please use a card that is still valid.", field="exp_month"
        )


def card_security_code_check(cvc: str, *, brand: str) -> None:
    length = 4 if brand == CardBrand.AMEX else 3
    code = str(cvc).strip()
    if len(code) != length or not (code.isascii() and code.isdigit()):
        where = (
            "the 4 digits printed on the front of the card"
            if brand == CardBrand.AMEX
            else "the 3 digits on the back of the card"
        )
        raise CardRefused(f"Enter the security code: {where}.", field="cvc")


# --- The embedded sandbox ----------------------------------------------------------------------


@dataclass(frozen=True)
class SandboxCard:
    number: str
    brand_label: str
    outcome: str
    says: str


# The documented test cards (docs/operations.md; shown on the payment page in the sandbox only).
TEST_CARDS: tuple[SandboxCard, ...] = (
    SandboxCard("4242 4242 4242 4242", "Visa", "approve", "approves"),
    SandboxCard("5555 5555 5555 4444", "Mastercard", "approve", "approves"),
    SandboxCard("3782 822463 10005", "American Express", "approve", "approves (4-digit code)"),
    SandboxCard("4000 0000 0000 0002", "Visa", "card_declined", 'declines: "card declined"'),
    SandboxCard(
        "4000 0000 0000 9995", "Visa", "insufficient_funds", 'declines: "insufficient funds"'
    ),
)

SANDBOX_DECLINES = {
    "card_declined": "card declined",
    "insufficient_funds": "insufficient funds",
}


def _test_card_outcome(digits: str) -> str | None:
    for card in TEST_CARDS:
        if card.number.replace(" ", "") == digits:
            return card.outcome
    return None


class SandboxGateway:
    """A processor in this database: deterministic outcomes for the documented test cards."""

    is_sandbox = True
    ledger_in_database = True

    @sensitive_variables("number", "cvc", "digits")
    def tokenize(
        self, *, number: str, exp_month: int, exp_year: int, cvc: str, postal_code: str
    ) -> CardToken:
        digits = card_digits(number)
        brand = card_brand(digits)
        if brand is None:
            raise CardRefused(
                "We accept Visa, Mastercard, American Express and Discover.", field="number"
            )
        card_expiry_check(exp_month, exp_year)
        card_security_code_check(cvc, brand=brand)
        outcome = _test_card_outcome(digits)
        if outcome is None:
            raise CardRefused(
                "This site takes test payments only: use one of the test card numbers listed "
                "on this page. No real card is ever charged here.",
                field="number",
            )
        stored = SandboxCardToken.objects.create(
            token=f"tok_sandbox_{secrets.token_hex(12)}",
            brand=brand,
            last4=digits[-4:],
            exp_month=int(exp_month),
            exp_year=int(exp_year),
            outcome=outcome,
        )
        return CardToken(
            token=stored.token,
            brand=brand,
            last4=stored.last4,
            exp_month=stored.exp_month,
            exp_year=stored.exp_year,
        )

    def charge(
        self, *, token: str, amount: Decimal, idempotency_key: str, description: str
    ) -> ChargeResult:
        previous = SandboxCharge.objects.filter(idempotency_key=idempotency_key).first()
        if previous is not None:
            if previous.token != token or previous.amount != amount:
                return ChargeResult(
                    approved=False, decline_reason="this payment key was used for another charge"
                )
            return ChargeResult(approved=True, processor_ref=previous.processor_ref)
        card = SandboxCardToken.objects.filter(token=token).first()
        if card is None:
            return ChargeResult(approved=False, decline_reason="unknown card")
        if card.outcome in SANDBOX_DECLINES:
            return ChargeResult(approved=False, decline_reason=SANDBOX_DECLINES[card.outcome])
        charged = SandboxCharge.objects.create(
            processor_ref=f"ch_sandbox_{secrets.token_hex(12)}",
            idempotency_key=idempotency_key,
            token=token,
            amount=amount,
            description=description[:200],
            status=SandboxChargeStatus.CAPTURED,
        )
        return ChargeResult(approved=True, processor_ref=charged.processor_ref)

    def void(self, *, charge_ref: str) -> None:
        SandboxCharge.objects.filter(
            processor_ref=charge_ref, status=SandboxChargeStatus.CAPTURED
        ).update(status=SandboxChargeStatus.VOIDED)

    def refund(self, *, charge_ref: str) -> None:
        SandboxCharge.objects.filter(
            processor_ref=charge_ref, status=SandboxChargeStatus.CAPTURED
        ).update(status=SandboxChargeStatus.REFUNDED)

    def forget(self, *, token: str) -> None:
        SandboxCardToken.objects.filter(token=token).delete()
