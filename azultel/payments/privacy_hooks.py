"""What payments tells the privacy app: the person's cards and payments for "my data", and what
account deletion does here (B2). Registered from ``PaymentsConfig.ready()``."""

from __future__ import annotations

from azultel.accounts.models import User


def _export(user: User) -> dict[str, object]:
    from azultel.payments.selectors import payments_export

    return payments_export(customer=user)


def _erase(user: User) -> None:
    from azultel.payments.services import customer_payments_erase

    customer_payments_erase(customer=user)


def payments_privacy_register() -> None:
    from azultel.privacy.registry import erasure_hook_register, export_provider_register

    export_provider_register("payments", _export)
    erasure_hook_register(_erase)
