"""Writes of service changes, one module per kind of change, every public name re-exported.

Each takes ``actor`` (the customer, or care staff acting for them: the caller decides whether
they may) and an ``idempotency_key`` (the same key again returns the first change), runs in one
transaction, and raises ``ChangeRefused`` with nothing saved.

* ``plan``: the plans to change to, the quote shown before confirming, the change.
* ``vacation``: suspend at a reduced rate within yearly limits; restore.
* ``move_disconnect``: move to a served address (911 hook: ``signals.service_moved``);
  disconnect with the number released or kept for port-out.
* ``jobs``: the daily job applying changes whose day has come.
"""

from azultel.lifecycle.services.common import ChangeResult, change_key_new
from azultel.lifecycle.services.errors import ChangeRefused
from azultel.lifecycle.services.jobs import changes_apply_due
from azultel.lifecycle.services.move_disconnect import (
    move_needs_appointment,
    service_disconnect,
    service_move,
)
from azultel.lifecycle.services.plan import (
    PlanQuote,
    plan_change_quote,
    plan_options,
    service_plan_change,
)
from azultel.lifecycle.services.vacation import (
    MAX_SUSPENDED_DAYS_A_YEAR,
    MAX_SUSPENSIONS_A_YEAR,
    VACATION_MONTHLY_RATE,
    service_restore,
    service_suspend,
)

__all__ = [
    "MAX_SUSPENDED_DAYS_A_YEAR",
    "MAX_SUSPENSIONS_A_YEAR",
    "VACATION_MONTHLY_RATE",
    "ChangeRefused",
    "ChangeResult",
    "PlanQuote",
    "change_key_new",
    "changes_apply_due",
    "move_needs_appointment",
    "plan_change_quote",
    "plan_options",
    "service_disconnect",
    "service_move",
    "service_plan_change",
    "service_restore",
    "service_suspend",
]
