"""Extension points for data-subject requests (B2): each app says what it holds about a person.

Apps register from their AppConfig.ready():

* ``export_provider_register(name, fn)``: ``fn(user) -> JSON-serialisable data`` for "my data";
* ``erasure_hook_register(fn)``: ``fn(user)`` erases or anonymises that app's data in the
  erasure transaction (bills are anonymised, never deleted).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model

from azultel.privacy.fields import encrypted_fields

ExportProvider = Callable[[Any], Any]
ErasureHook = Callable[[Any], None]

_export_providers: dict[str, ExportProvider] = {}
_erasure_hooks: dict[str, ErasureHook] = {}


def export_provider_register(name: str, provider: ExportProvider) -> None:
    _export_providers[name] = provider


def export_providers() -> dict[str, ExportProvider]:
    return dict(sorted(_export_providers.items()))


def erasure_hook_register(hook: ErasureHook) -> None:
    _erasure_hooks[f"{hook.__module__}.{hook.__qualname__}"] = hook


def erasure_hooks() -> list[ErasureHook]:
    return list(_erasure_hooks.values())


SensitiveRecordProvider = Callable[[Any], list[Any]]
_sensitive_record_providers: list[SensitiveRecordProvider] = []


def sensitive_records_register(provider: SensitiveRecordProvider) -> None:
    """``provider(user)`` returns that customer's objects holding encrypted fields (staff view)."""
    if provider not in _sensitive_record_providers:
        _sensitive_record_providers.append(provider)


@dataclass(frozen=True)
class SensitiveFieldView:
    obj: Model
    field_name: str
    label: str
    masked: str
    model_label: str


def sensitive_records_for(*, user: Any) -> list[SensitiveFieldView]:
    """Every encrypted field of the customer's records, masked, ready for a reveal link."""

    views = []
    for provider in _sensitive_record_providers:
        for obj in provider(user):
            for field in encrypted_fields(type(obj)):
                value = getattr(obj, field.attname)
                views.append(
                    SensitiveFieldView(
                        obj=obj,
                        field_name=field.name,
                        label=str(field.verbose_name).capitalize(),
                        masked=str(value) if value else "(none)",
                        model_label=obj._meta.label_lower,
                    )
                )
    return views


# --- People without an account (issue 19): handlers keyed by a verified email address --------

EmailExportProvider = Callable[[str], object]
EmailErasureHook = Callable[[str], int]


@dataclass(frozen=True)
class EmailHandler:
    """``fn(email)`` for a normalised (stripped, lower-case) verified address; ``models`` are the
    labels of the models whose personal fields it covers (the data-map coverage test reads them)."""

    name: str
    fn: Callable[[str], object]
    models: tuple[str, ...]


_email_export_providers: dict[str, EmailHandler] = {}
_email_erasure_hooks: dict[str, EmailHandler] = {}


def email_normalise(email: str) -> str:
    return email.strip().lower()


def email_export_provider_register(
    name: str, provider: EmailExportProvider, *, models: tuple[str, ...]
) -> None:
    """``provider(email)`` returns JSON-serialisable data held under that address."""
    _email_export_providers[name] = EmailHandler(name, provider, models)


def email_erasure_hook_register(
    name: str, hook: EmailErasureHook, *, models: tuple[str, ...]
) -> None:
    """``hook(email)`` erases what is held under that address and returns how many records."""
    _email_erasure_hooks[name] = EmailHandler(name, hook, models)


def email_export_providers() -> list[EmailHandler]:
    return [_email_export_providers[k] for k in sorted(_email_export_providers)]


def email_erasure_hooks() -> list[EmailHandler]:
    return [_email_erasure_hooks[k] for k in sorted(_email_erasure_hooks)]
