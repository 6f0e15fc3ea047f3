"""The fixed list of customer fields a disclosure on request may name, each with its data-map
category. Call detail is CPNI (47 CFR 64.2010): it leaves only through an approved request."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DisclosableField:
    key: str
    label: str
    category: str
    cpni: bool = False


DISCLOSABLE_FIELDS: tuple[DisclosableField, ...] = (
    DisclosableField("name", "Name", "user.name"),
    DisclosableField("email", "Email address", "user.contact.email"),
    DisclosableField("address", "Service address", "user.contact.address"),
    DisclosableField("phone", "Contact phone number", "user.contact.phone"),
    DisclosableField("account_number", "Billing account number", "user.financial.account"),
    DisclosableField(
        "call_detail", "Call detail (numbers called, times, durations)", "user.cpni", cpni=True
    ),
)
FIELD_BY_KEY = {f.key: f for f in DISCLOSABLE_FIELDS}
FIELD_CHOICES = [(f.key, f.label) for f in DISCLOSABLE_FIELDS]
