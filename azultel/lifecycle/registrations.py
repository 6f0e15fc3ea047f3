"""What the service-changes app adds to other apps' registries (``core.app_config``): "my data"
and account deletion (B2)."""

from __future__ import annotations

from azultel.accounts.models import User
from azultel.lifecycle.selectors import service_changes_export
from azultel.lifecycle.services.erasure import customer_changes_erase
from azultel.privacy.registry import erasure_hook_register, export_provider_register


def _export(user: User) -> dict[str, object]:
    return service_changes_export(customer=user)


def _erase(user: User) -> None:
    customer_changes_erase(customer=user)


def register() -> None:
    export_provider_register("service_changes", _export)
    erasure_hook_register(_erase)
