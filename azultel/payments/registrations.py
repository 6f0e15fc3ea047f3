"""What payments tells the privacy app: the person's cards and payments for "my data", and what
account deletion does here (B2). Registered at start-up (``core.app_config``)."""

from __future__ import annotations

from azultel.accounts.models import User
from azultel.payments.selectors import payments_export
from azultel.payments.services import customer_payments_erase
from azultel.privacy.registry import erasure_hook_register, export_provider_register


def _export(user: User) -> dict[str, object]:
    return payments_export(customer=user)


def _erase(user: User) -> None:
    customer_payments_erase(customer=user)


def register() -> None:
    export_provider_register("payments", _export)
    erasure_hook_register(_erase)
