"""What a segment may choose people by: an allow-list of fields the data map allows for marketing.

A segment's rules are a JSON object whose keys are the names below; anything else (a date of
birth, an SSN, a card, an email domain, a field name typed by hand) is refused with a message
saying what may be used, before anything is saved. ``rules_clean`` is the one validator: the
services call it, and the form builds its input.

Rules combine with AND; a list inside one rule is "any of".
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from azultel.catalog.states import service_state_codes
from azultel.privacy.models import ConsentTopic


class RuleRejected(ValueError):
    """A segment rule that may not be used, or a value it may not take; ``field`` is the rule."""

    def __init__(self, message: str, *, field: str = "") -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class RuleField:
    label: str
    # Where the value lives, "app_label.Model.field", checked against that model's data map.
    source: str
    # Telephone-customer information (47 CFR 64.2003): the segment becomes a CPNI segment.
    cpni: bool
    # "account": what the person gave this website; "orders": what an order recorded, which may
    # have been taken offline (in a store, by phone).
    origin: str


SERVICE_KINDS: dict[str, str] = {
    "phone_line": "Home phone line",
    "internet": "Internet plan",
    "bundle": "Phone and internet bundle",
}

#: Topics a segment may require; the campaign's own topic is always required at send time.
SEGMENT_TOPICS: tuple[str, ...] = (
    ConsentTopic.NEWSLETTER,
    ConsentTopic.PRODUCT_INFO,
    ConsentTopic.SPECIAL_OFFERS,
    ConsentTopic.SURVEYS,
    ConsentTopic.SERVICE_OFFERS,
)

RULE_FIELDS: dict[str, RuleField] = {
    "state": RuleField(
        "State of the address of record", "accounts.CustomerProfile.state", False, "account"
    ),
    "services_held": RuleField("Services held", "orders.Service.product_kind", True, "orders"),
    "plan_type": RuleField("Plan", "orders.Service.product", True, "orders"),
    "signed_up_after": RuleField(
        "Signed up on or after", "accounts.User.date_joined", False, "account"
    ),
    "signed_up_before": RuleField(
        "Signed up before", "accounts.User.date_joined", False, "account"
    ),
    "topics": RuleField(
        "Email topics the person said yes to", "privacy.ConsentState.granted", False, "account"
    ),
}

ALLOWED_NAMES = ", ".join(field.label.lower() for field in RULE_FIELDS.values())
MAX_VALUES = 100


def _string_list(name: str, value: object) -> list[str]:
    if not isinstance(value, list) or not value:
        raise RuleRejected(f"{RULE_FIELDS[name].label}: choose at least one.", field=name)
    if len(value) > MAX_VALUES or not all(isinstance(v, str) for v in value):
        raise RuleRejected(f"{RULE_FIELDS[name].label}: not a list of choices.", field=name)
    return sorted(set(value))


def _choices(name: str, value: object, allowed: Mapping[str, str] | set[str]) -> list[str]:
    values = _string_list(name, value)
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise RuleRejected(
            f"{RULE_FIELDS[name].label}: {', '.join(unknown)} is not one of the choices.",
            field=name,
        )
    return values


def _date(name: str, value: object) -> str:
    if not isinstance(value, str):
        raise RuleRejected(f"{RULE_FIELDS[name].label}: give a date.", field=name)
    try:
        return datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        raise RuleRejected(
            f"{RULE_FIELDS[name].label}: {value!r} is not a date (YYYY-MM-DD).", field=name
        ) from None


def rules_clean(rules: object, *, plan_slugs: set[str] | None = None) -> dict[str, object]:
    """The rules, validated and normalised; raises ``RuleRejected`` for anything else.

    ``plan_slugs``: the plans that may be named (the catalog's home products); ``None`` skips
    that check (the caller has none to offer).
    """
    if not isinstance(rules, dict):
        raise RuleRejected("Segment rules must be a set of named conditions.")
    for name in rules:
        if name not in RULE_FIELDS:
            raise RuleRejected(
                f"A segment cannot choose people by {str(name)[:40]!r}: marketing may only use "
                f"{ALLOWED_NAMES}.",
                field=str(name)[:40],
            )
    cleaned: dict[str, object] = {}
    for name, value in rules.items():
        if name == "state":
            cleaned[name] = _choices(name, value, set(service_state_codes()))
        elif name == "services_held":
            cleaned[name] = _choices(name, value, SERVICE_KINDS)
        elif name == "plan_type":
            cleaned[name] = (
                _string_list(name, value)
                if plan_slugs is None
                else _choices(name, value, plan_slugs)
            )
        elif name == "topics":
            cleaned[name] = _choices(name, value, set(SEGMENT_TOPICS))
        else:
            cleaned[name] = _date(name, value)
    after, before = cleaned.get("signed_up_after"), cleaned.get("signed_up_before")
    if isinstance(after, str) and isinstance(before, str) and after >= before:
        raise RuleRejected(
            "Signed up before must be later than signed up on or after.", field="signed_up_before"
        )
    return cleaned


def rules_use_cpni(rules: Mapping[str, object]) -> bool:
    return any(RULE_FIELDS[name].cpni for name in rules)


def rules_combine_channels(rules: Mapping[str, object]) -> bool:
    """Whether the rules join order data (which may be offline) with what the site collected."""
    origins = {RULE_FIELDS[name].origin for name in rules}
    return origins == {"account", "orders"}


def cpni_fields_used(rules: Mapping[str, object]) -> list[str]:
    """The telephone-customer information a segment uses, in words (for the CPNI record)."""
    return [RULE_FIELDS[name].label for name in rules if RULE_FIELDS[name].cpni]
