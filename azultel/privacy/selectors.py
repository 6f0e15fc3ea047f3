"""Reads of privacy records."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import QuerySet
from django.utils import timezone

from azultel.privacy.datamap import (
    CATEGORIES,
    PURPOSES,
    RETENTION,
    Personal,
    declaration_for,
    map_entries,
)
from azultel.privacy.fields import EncryptedTextField
from azultel.privacy.models import (
    ConsentEvent,
    ConsentState,
    ConsentTopic,
    DataSubject,
    PolicyVersion,
)


def policy_published() -> QuerySet[PolicyVersion]:
    """Published versions already in effect, newest first."""
    return PolicyVersion.objects.filter(
        published_at__isnull=False, effective_date__lte=timezone.localdate()
    ).order_by("-effective_date", "-id")


def policy_current() -> PolicyVersion | None:
    return policy_published().first()


def policy_get_published(*, version: str) -> PolicyVersion | None:
    return policy_published().filter(version=version).first()


# --- Consent ----------------------------------------------------------------------------------

SOLICITATION_TOPICS = frozenset(
    {
        ConsentTopic.PRODUCT_INFO,
        ConsentTopic.SPECIAL_OFFERS,
        ConsentTopic.NEWSLETTER,
        ConsentTopic.SURVEYS,
        ConsentTopic.SERVICE_OFFERS,
    }
)


def consent_is_granted(*, subject: DataSubject | None, topic: str) -> bool:
    """Current answer for one topic, in one indexed query. No answer yet means not granted."""
    if subject is None or subject.erased_at is not None:
        return False
    granted = (
        ConsentState.objects.filter(subject=subject, topic=topic)
        .values_list("granted", flat=True)
        .first()
    )
    return bool(granted)


def consent_states(*, subject: DataSubject) -> dict[str, bool]:
    """Every topic the subject has answered, with the current answer."""
    return dict(ConsentState.objects.filter(subject=subject).values_list("topic", "granted"))


def consent_history(*, subject: DataSubject) -> QuerySet[ConsentEvent]:
    return ConsentEvent.objects.filter(subject=subject).select_related("policy_version")


def subject_get_for_user(*, user: Any) -> DataSubject | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return DataSubject.objects.filter(user=user).first()


# --- The data map, as the privacy policy shows it --------------------------------------------


@dataclass(frozen=True)
class PolicyMapRow:
    category: str
    label: str
    held_in: list[str]
    purposes: list[str]
    retention: list[str]
    sensitive: bool


def data_map_for_policy() -> list[PolicyMapRow]:
    """'What we collect and why', generated from the declarations in the code (P04).

    One row per category: where it is held, what it is used for and how long it is kept.
    """

    grouped: dict[str, dict[str, set[str]]] = {}
    sensitive: dict[str, bool] = {}
    for entry in map_entries():
        declaration = entry.declaration
        if not isinstance(declaration, Personal):
            continue
        group = grouped.setdefault(
            declaration.category, {"held_in": set(), "purposes": set(), "retention": set()}
        )
        model = apps.get_model(entry.model)
        group["held_in"].add(str(model._meta.verbose_name_plural).capitalize())
        # An invalid declaration fails `manage.py check`; the page still renders meanwhile.
        group["purposes"].update(PURPOSES.get(p, p) for p in declaration.purposes)
        group["retention"].add(RETENTION.get(declaration.retention, declaration.retention))
        sensitive[declaration.category] = sensitive.get(declaration.category, False) or (
            declaration.sensitive
        )
    order = list(CATEGORIES)
    return [
        PolicyMapRow(
            category=category,
            label=CATEGORIES.get(category, category),
            held_in=sorted(group["held_in"]),
            purposes=sorted(group["purposes"]),
            retention=sorted(group["retention"]),
            sensitive=sensitive[category],
        )
        for category, group in sorted(
            grouped.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order)
        )
    ]


def sensitive_target_get(*, model_label: str, pk: str, field: str) -> tuple[Any, Any] | None:
    """The object and data-map declaration behind a staff reveal link, or None if not sensitive."""

    try:
        model = apps.get_model(model_label)
        model_field = model._meta.get_field(field)
    except (LookupError, ValueError, FieldDoesNotExist):
        return None
    declaration = declaration_for(model, field)
    if not isinstance(model_field, EncryptedTextField) or not isinstance(declaration, Personal):
        return None
    try:
        obj = model._base_manager.filter(pk=pk).first()
    except (ValueError, ValidationError):
        return None
    return (obj, declaration) if obj is not None else None
