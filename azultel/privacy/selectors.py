"""Reads of privacy records."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import Model, QuerySet
from django.utils import timezone

from azultel.core.actors import Person
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
    Disclosure,
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


def consents_granted(
    *, subject_ids: Collection[object], topics: Collection[str]
) -> set[tuple[object, str]]:
    """(subject id, topic) for each of ``topics`` granted now by each of ``subject_ids``, in
    one query: ``consent_is_granted`` for many people at once (an erased subject grants none)."""
    if not subject_ids or not topics:
        return set()
    return set(
        ConsentState.objects.filter(
            subject_id__in=list(subject_ids),
            topic__in=list(topics),
            granted=True,
            subject__erased_at__isnull=True,
        ).values_list("subject_id", "topic")
    )


def consent_states(*, subject: DataSubject) -> dict[str, bool]:
    """Every topic the subject has answered, with the current answer."""
    return dict(ConsentState.objects.filter(subject=subject).values_list("topic", "granted"))


def consent_history(*, subject: DataSubject) -> QuerySet[ConsentEvent]:
    return ConsentEvent.objects.filter(subject=subject).select_related("policy_version")


def subject_get_for_user(*, user: Person) -> DataSubject | None:
    if not getattr(user, "is_authenticated", False) or user.pk is None:
        return None
    return DataSubject.objects.filter(user_id=user.pk).first()


# --- The data map, as the privacy policy shows it --------------------------------------------


@dataclass(frozen=True)
class PolicyMapRow:
    category: str
    label: str
    held_in: list[str]
    purposes: list[str]
    retention: list[str]
    sensitive: bool


# Where information is kept, in words for the policy's readers; a model not listed here shows its
# verbose plural name, which every model keeps readable.
PLACES_FOR_PEOPLE: dict[str, str] = {
    "account.emailaddress": "Your email addresses and whether they are confirmed",
    "accounts.user": "Online accounts",
    "accounts.signinsession": "Sign-in sessions",
    "sessions.session": "Sign-in sessions",
    "mfa.authenticator": "Two-step sign-in keys",
    "analytics.visitorseen": "Anonymous visit counts",
    "billing.onetimecharge": "One-time charges",
    "comms.outboxmessage": "Emails we send",
    "comms.suppressedaddress": "Addresses we must not email",
    "core.auditevent": "Audit trail",
    "directory.assistancesearch": "Directory assistance searches",
    "orders.checkout": "Checkouts in progress",
    "payments.sandboxcardtoken": "Test card processor records",
    "payments.sandboxcharge": "Test card processor records",
    "payments.storedcard": "Saved cards",
    "privacy.consentevent": "History of your privacy choices",
    "privacy.consentstate": "Your current privacy choices",
    "privacy.datasubject": "Privacy records (a reference number instead of your name)",
    "privacy.disclosure": "Record of what we gave to others",
}


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
        group["held_in"].add(
            PLACES_FOR_PEOPLE.get(entry.model.lower())
            or str(model._meta.verbose_name_plural).capitalize()
        )
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


def sensitive_target_get(*, model_label: str, pk: str, field: str) -> tuple[Model, Personal] | None:
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


# --- Disclosures, as the person they are about sees them (P14) --------------------------------

# Why each hand-over happened, in words for the person it was about (never the basis code).
DISCLOSURE_REASONS_FOR_PEOPLE: dict[str, str] = {
    "customer_authorization": "You asked for it, for example a credit check when you ordered "
    "service",
    "legal_process": "A court order or other legal process required it",
    "safety": "To protect someone's safety",
    "directory_publishing": "To publish your phone directory listing, as you chose",
    "co_sponsor": "You registered for an event we ran with this company and said yes to sharing",
}


@dataclass(frozen=True)
class DisclosureForPerson:
    """One row of "who we gave your information to": plain words only, no codes."""

    last_at: datetime
    recipient: str
    reason: str
    categories: list[str]
    times: int


def disclosures_for_person(*, subject: DataSubject | None) -> list[DisclosureForPerson]:
    """Hand-overs about one person, newest first, each repeated hand-over listed once.

    The same recipient, basis, reference and categories recorded more than once (a credit check
    retried for one order) is one entry for the person; the log and the data export keep every
    record.
    """

    if subject is None:
        return []
    records = Disclosure.objects.filter(subject_ids__icontains=str(subject.pk)).order_by("-seq")
    entries: dict[tuple[str, str, str, tuple[str, ...]], DisclosureForPerson] = {}
    for record in records:
        if str(subject.pk) not in record.subject_ids:
            continue
        categories = tuple(sorted(record.categories))
        key = (
            record.recipient.strip().casefold(),
            record.basis,
            record.basis_reference,
            categories,
        )
        seen = entries.get(key)
        if seen is not None:
            entries[key] = DisclosureForPerson(
                seen.last_at, seen.recipient, seen.reason, seen.categories, seen.times + 1
            )
            continue
        entries[key] = DisclosureForPerson(
            last_at=record.created_at,
            recipient=record.recipient.strip(),
            reason=DISCLOSURE_REASONS_FOR_PEOPLE.get(record.basis, "A reason the law allows"),
            categories=[_category_for_people(c, CATEGORIES) for c in categories],
            times=1,
        )
    return list(entries.values())


def _category_for_people(code: str, labels: dict[str, str]) -> str:
    label = labels.get(code)
    if label is None:
        # Never show a code: fall back to the broadest known category above it.
        parent = code.rsplit(".", 1)[0] if "." in code else ""
        return _category_for_people(parent, labels) if parent else "Information about you"
    return label
