"""Number portability behind an interface, and the embedded sandbox.

``portability_get()`` builds the one named by ``settings.NUMBER_PORTABILITY`` (read at call
time). The sandbox answers deterministically (docs/operations.md):

* an account number ending in 0000 is rejected ("the account number does not match");
* a transfer PIN of 0000 is rejected ("the transfer PIN does not match");
* anything else is accepted; each ``progress`` call moves it one step:
  submitted -> confirmed -> completed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class PortAnswer:
    """The carrier's answer: a ``PortInStatus`` value, a reason when rejected, a reference."""

    status: str
    reason: str = ""
    reference: str = ""


class NumberPortability(Protocol):
    is_sandbox: bool

    def submit(self, *, number: str, carrier: str, account: str, pin: str) -> PortAnswer:
        """Ask the old carrier to release ``number``; the PIN is not kept by the caller."""
        ...

    def progress(self, *, reference: str, status: str) -> PortAnswer:
        """Where the port named by ``reference`` is now."""
        ...


def portability_get() -> NumberPortability:
    gateway: NumberPortability = import_string(settings.NUMBER_PORTABILITY)()
    return gateway


REJECTED_ACCOUNT = "The account number does not match the one at your old carrier."
REJECTED_PIN = "The transfer PIN does not match the one at your old carrier."
_NEXT = {"submitted": "confirmed", "confirmed": "completed"}


class SandboxPortability:
    """Deterministic answers (see the module docstring); nothing leaves the site."""

    is_sandbox = True

    def submit(self, *, number: str, carrier: str, account: str, pin: str) -> PortAnswer:
        reference = "sandbox-port-" + hashlib.sha256(number.encode()).hexdigest()[:12]
        if account.endswith("0000"):
            return PortAnswer("rejected", REJECTED_ACCOUNT, reference)
        if pin == "0000":
            return PortAnswer("rejected", REJECTED_PIN, reference)
        return PortAnswer("submitted", "", reference)

    def progress(self, *, reference: str, status: str) -> PortAnswer:
        return PortAnswer(_NEXT.get(status, status), "", reference)
