"""The credit bureau behind an interface, and the embedded sandbox bureau.

``CreditBureau.check`` receives the saved ``CreditCheck`` and reads the SSN and date of birth
itself through ``privacy.services.sensitive_reveal`` (actor ``system:credit-bureau``, purpose
``credit_check``), so every use of them is in the access log (P04). ``bureau_get()`` builds the one
named by ``settings.CREDIT_BUREAU``; the default is ``SandboxCreditBureau``.

The sandbox decides from the SSN alone, deterministically (docs/operations.md):

* 111-22-3333 approves;
* 222-33-4444 approves with a refundable deposit of $100.00;
* 333-44-5555 declines;
* any other valid SSN approves.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol

from django.conf import settings
from django.utils.module_loading import import_string
from django.views.decorators.debug import sensitive_variables

from azultel.core.actors import system_actor
from azultel.privacy.fields import digits_only
from azultel.privacy.services import sensitive_reveal

if TYPE_CHECKING:
    from azultel.orders.models import CreditCheck

BUREAU_ACTOR = system_actor("credit-bureau")
CREDIT_PURPOSE = "credit_check"


@dataclass(frozen=True)
class CreditDecision:
    """The bureau's answer: an outcome (``CreditOutcome`` value), a deposit and its reference."""

    outcome: str
    deposit_amount: Decimal = Decimal("0.00")
    reference: str = ""


class CreditBureau(Protocol):
    is_sandbox: bool

    def check(self, *, credit_check: CreditCheck, reason: str) -> CreditDecision:
        """Decide on the identity saved in ``credit_check``; ``reason`` goes to the access log."""
        ...


def bureau_get() -> CreditBureau:
    """The bureau named by ``settings.CREDIT_BUREAU`` (read at call time)."""

    bureau: CreditBureau = import_string(settings.CREDIT_BUREAU)()
    return bureau


@dataclass(frozen=True)
class SandboxIdentity:
    ssn: str
    outcome: str
    says: str


SANDBOX_DEPOSIT = Decimal("100.00")
# The documented test identities (docs/operations.md; shown on the review page in the sandbox).
SANDBOX_SSNS: tuple[SandboxIdentity, ...] = (
    SandboxIdentity("111-22-3333", "approved", "approves"),
    SandboxIdentity("222-33-4444", "deposit_required", "approves with a $100.00 deposit"),
    SandboxIdentity("333-44-5555", "declined", "declines"),
)


class SandboxCreditBureau:
    """Deterministic answers for the documented test SSNs; every other valid SSN approves."""

    is_sandbox = True
    name = "Azultel sandbox credit bureau (test data only)"

    @sensitive_variables("ssn")
    def check(self, *, credit_check: CreditCheck, reason: str) -> CreditDecision:
        ssn = digits_only(
            sensitive_reveal(
                obj=credit_check,
                field="ssn",
                purpose=CREDIT_PURPOSE,
                actor=BUREAU_ACTOR,
                reason=reason,
            )
        )
        # A real bureau matches the date of birth too; reading it here logs that use as well.
        sensitive_reveal(
            obj=credit_check,
            field="date_of_birth",
            purpose=CREDIT_PURPOSE,
            actor=BUREAU_ACTOR,
            reason=reason,
        )
        outcome = next((s.outcome for s in SANDBOX_SSNS if digits_only(s.ssn) == ssn), "approved")
        reference = "sandbox-" + hashlib.sha256(str(credit_check.pk).encode()).hexdigest()[:16]
        deposit = SANDBOX_DEPOSIT if outcome == "deposit_required" else Decimal("0.00")
        return CreditDecision(outcome=outcome, deposit_amount=deposit, reference=reference)
