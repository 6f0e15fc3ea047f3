"""Refunds reach the processor after the cancellation commits; one the processor did not take is
sent again by the periodic task, exactly once."""

from __future__ import annotations

import logging
from datetime import date
from decimal import Decimal
from typing import Any, ClassVar

import pytest

from azultel.accounts.models import User
from azultel.accounts.testing import customer_create
from azultel.core.actors import system_actor
from azultel.payments.gateway import CardToken, ChargeResult
from azultel.payments.models import Charge, ChargeStatus
from azultel.payments.services import (
    card_store,
    charge_create,
    charge_refund,
    charges_refund_pending_send,
)


class UnreachableProcessor:
    """A processor outside this database that does not answer refunds while ``down``."""

    is_sandbox = False
    ledger_in_database = False
    down = True
    refunded: ClassVar[list[str]] = []

    def charge(self, **kwargs: Any) -> ChargeResult:
        return ChargeResult(approved=True, processor_ref="ch_outside_7")

    def refund(self, *, charge_ref: str) -> None:
        if UnreachableProcessor.down:
            raise ConnectionError("the processor did not answer")
        UnreachableProcessor.refunded.append(charge_ref)


@pytest.fixture
def processor(settings: Any, monkeypatch: pytest.MonkeyPatch) -> type[UnreachableProcessor]:
    settings.PAYMENT_GATEWAY = f"{__name__}.UnreachableProcessor"
    monkeypatch.setattr(UnreachableProcessor, "down", True)
    monkeypatch.setattr(UnreachableProcessor, "refunded", [])
    return UnreachableProcessor


@pytest.fixture
def charge(db: None, processor: Any) -> Charge:
    customer: User = customer_create(email="refund@example.com")
    card = card_store(
        customer=customer,
        token=CardToken("tok_outside_7", "visa", "4242", 12, date.today().year + 1),
        actor=customer,
    )
    return charge_create(
        customer=customer,
        card=card,
        amount=Decimal("35.00"),
        idempotency_key="refund-retry",
        description="order",
        actor=customer,
    )


def test_a_refund_the_processor_did_not_take_stays_in_progress_and_is_sent_again_once(
    charge: Charge,
    processor: type[UnreachableProcessor],
    django_capture_on_commit_callbacks: Any,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # Given a refund asked for while the processor does not answer
    with django_capture_on_commit_callbacks(execute=True):
        charge_refund(charge=charge, actor=system_actor("test"), reason="order cancelled")
    stuck = Charge.objects.get()
    assert (stuck.status, stuck.refund_requested_at is not None) == (ChargeStatus.REFUNDING, True)
    assert "will be retried" in caplog.text

    # When the processor is back and the periodic task runs (twice)
    processor.down = False
    with caplog.at_level(logging.WARNING):
        first, second = charges_refund_pending_send(), charges_refund_pending_send()

    # Then the refund was sent once and the charge is refunded
    assert (first, second) == (1, 0)
    assert processor.refunded == ["ch_outside_7"]
    done = Charge.objects.get()
    assert (done.status, done.refunded_at is not None) == (ChargeStatus.REFUNDED, True)


def test_asking_again_for_a_refund_in_progress_changes_nothing(
    charge: Charge, processor: type[UnreachableProcessor], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        charge_refund(charge=charge, actor=system_actor("test"), reason="order cancelled")
    requested_at = Charge.objects.get().refund_requested_at

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        again = charge_refund(charge=charge, actor=system_actor("test"), reason="cancelled twice")

    assert callbacks == []
    assert (again.status, again.refund_requested_at) == (ChargeStatus.REFUNDING, requested_at)
    assert processor.refunded == []
