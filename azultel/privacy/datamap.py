"""The data map (P04): what each personal field is, what it may be used for, how long it is kept.

A model declares its personal fields in a ``data_map`` class attribute::

    class ContactMessage(BaseModel):
        ...
        data_map = {
            "name": Personal("user.name", purposes=("customer_contact",), retention="contact"),
            "topic": NotPersonal("a choice from a fixed list"),
        }

Third-party models (allauth, sessions) are declared here in ``EXTERNAL_DECLARATIONS``.
``azultel.privacy.checks`` fails ``manage.py check`` when a field that looks personal has no
declaration or a declaration names an unknown category, purpose or retention rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import Model

from azultel.privacy.fields import EncryptedTextField

# A small hierarchical taxonomy in the spirit of fideslang: a category covers its children.
CATEGORIES: dict[str, str] = {
    "user": "Information about a person",
    "user.name": "Name",
    "user.contact": "Contact details",
    "user.contact.email": "Email address",
    "user.contact.address": "Postal or service address",
    "user.contact.phone": "Telephone number",
    "user.government_id": "Government identifier (Social Security number)",
    "user.date_of_birth": "Date of birth",
    "user.financial": "Financial information",
    "user.financial.card": "Payment card (token, brand, last four digits, expiry)",
    "user.financial.account": "Billing account, bills and payments",
    "user.cpni": "Customer proprietary network information (services, call detail)",
    "user.device": "Device and browser information",
    "user.authentication": "Sign-in secrets (password hash, two-factor keys)",
    "user.content": "What the person wrote to us",
    "user.preferences": "Choices the person made (consents, listing choice)",
    "user.employment": "Job application and résumé",
    "user.activity": "What the person did on the site (orders, sign-ins)",
}

PURPOSES: dict[str, str] = {
    "account": "Run the person's online account and sign them in",
    "security": "Protect the account and the site",
    "customer_contact": "Answer a message the person sent",
    "order_fulfilment": "Provide and install the service ordered",
    "billing": "Bill for service and take payments",
    "credit_check": "Check credit before starting service",
    "directory": "Publish the phone directory as the customer chose",
    "marketing": "Tell the person about services, where they agreed",
    "referral_once": "Send one referral email and measure its success",
    "recruiting": "Consider the person for a job",
    "research": "Learn from the surveys people choose to answer what they think of our services",
    "analytics": "Anonymous statistics about the site",
    "legal": "Meet a legal obligation or answer legal process",
    "events": "Run an event the person registered for (and, where they agreed, tell its "
    "co-sponsor)",
}

RETENTION: dict[str, str] = {
    "account_lifetime": "While the account is open; erased or anonymised when it is deleted",
    "billing_records": "Seven years after the bill date (tax and telecom rules), then deleted; "
    "the name is removed earlier if the person asks for deletion",
    "contact_2y": "Two years after the message, then deleted",
    "consent_records": "At least one year after the choice changes (CPNI rules); the link to "
    "the person is removed if they ask for deletion",
    "disclosure_records": "Kept permanently as an audit trail; the link to the person is "
    "removed if they ask for deletion",
    "credit_check_90d": "Ninety days after the credit decision, then erased",
    "card_token": "A saved card until the person removes it or closes the account; a card not "
    "saved (or removed) is deleted 30 days after it was given, unless a payment made with it, "
    "a checkout or automatic payments still refer to it",
    "cart_30d": "A cart and its checkout details not ordered are deleted 30 days after the last "
    "change",
    "session": "Until sign-out or the session times out (12 hours at most)",
    "until_sent": "Only until the email is sent; a keyed fingerprint may remain",
    "outbox_90d": "Message bodies, subjects and addresses are deleted 90 days after sending",
    "outbox_record_2y": "Email delivery records (status, times, keyed address fingerprint) "
    "two years after sending, then deleted",
    "suppression_list": "While email to the address must stay stopped; only a keyed "
    "fingerprint of the address is kept",
    "resume_1y": "Twelve months after the application last changed stage (a setting), then "
    "deleted; at once when the applicant asks for deletion (the résumé also when they withdraw)",
    "hire_record": "A hired applicant's application is reduced to name, email, job and hire date "
    "once the résumé period ends, and kept as part of their employment record",
    "analytics_30d": "Raw page views 30 days; totals kept",
    "access_log_2y": "Two years (access and reveal logs)",
    "survey_answers": "Free-text survey answers are blanked after the survey's retention period "
    "(180 days unless the survey says otherwise); an attributed survey's answers are deleted if "
    "the person asks for deletion",
    "cpni_campaign_1y": "At least one year after the campaign (47 CFR 64.2009(c)), then deleted",
    "contact_list_24m": "A partner's or co-sponsor's list entry and its consent evidence: 24 "
    "months after the import, then deleted (the choices it gave stay in the consent history)",
    "referral_hash": "A friend's keyed address fingerprint: 180 days after the invitation (a "
    "setting), then erased; the counts of invitations, sign-ups and orders stay without it",
    "event_registration": "An event registration (name, address, answers) is deleted a set "
    "number of days after the event ends (90 unless changed); at once if the person asks",
    "cpni_breach_2y": "Who a CPNI breach affected: at least two years after the breach record "
    "(47 CFR 64.2011(d)), then the list of customers is deleted; the breach record stays",
    "contact_thread": "A contact thread and its messages: a set time after it is closed "
    "(CONTACT_THREAD_RETENTION_DAYS, a year unless changed), then deleted; at once when the "
    "account it belongs to is deleted",
    "privacy_request_24m": "A privacy request, its answer and an agent's signed permission: 24 "
    "months after the request is closed (DSR_RETENTION_MONTHS), then deleted",
}


class DataMapError(ValueError):
    """A declaration names something the data map does not know."""


@dataclass(frozen=True)
class Personal:
    """A personal field: its category, the purposes it may serve and its retention rule."""

    category: str
    purposes: tuple[str, ...]
    retention: str
    sensitive: bool = False
    description: str = ""

    def problems(self) -> list[str]:
        found = []
        if self.category not in CATEGORIES:
            found.append(f"unknown category {self.category!r}")
        found.extend(f"unknown purpose {p!r}" for p in self.purposes if p not in PURPOSES)
        if not self.purposes:
            found.append("no allowed purpose")
        if self.retention not in RETENTION:
            found.append(f"unknown retention rule {self.retention!r}")
        return found


@dataclass(frozen=True)
class NotPersonal:
    """A field whose name looks personal but which holds nothing about a person."""

    reason: str

    def problems(self) -> list[str]:
        return [] if self.reason.strip() else ["NotPersonal needs a reason"]


Declaration = Personal | NotPersonal


@dataclass(frozen=True)
class MapEntry:
    model: str
    field_name: str
    declaration: Personal
    verbose_name: str = ""


# Models of third-party apps that hold personal data, declared here (their code is not ours).
EXTERNAL_DECLARATIONS: dict[str, dict[str, Declaration]] = {
    "account.emailaddress": {
        "email": Personal(
            "user.contact.email",
            ("account", "security"),
            "account_lifetime",
            description="sign-in addresses and their verification state",
        ),
    },
    "mfa.authenticator": {
        "data": Personal(
            "user.authentication",
            ("security",),
            "account_lifetime",
            description="two-step sign-in secret and recovery codes",
        ),
    },
    # core cannot import privacy, so its audit trail is declared here.
    "core.auditevent": {
        "subject_id": Personal(
            "user.activity",
            ("security", "legal"),
            "access_log_2y",
            description="which account an action touched",
        ),
        "detail": Personal(
            "user.activity",
            ("security", "legal"),
            "access_log_2y",
            description="what changed (field names, never values)",
        ),
    },
    # Private uploads (core.StoredFile). Résumés are the only upload purpose so far
    # (core.upload_checks.UploadPurpose); a new purpose needs its categories and rules here.
    "core.storedfile": {
        "key": Personal(
            "user.employment",
            ("recruiting", "legal"),
            "resume_1y",
            description="the résumé file itself (or an agent's signed permission for a privacy "
            "request, deleted with the request), encrypted, stored outside the database",
        ),
        "content_digest": Personal(
            "user.employment",
            ("recruiting", "legal"),
            "resume_1y",
            description="a keyed fingerprint of the uploaded file, to check it was not swapped",
        ),
    },
    "sessions.session": {
        "session_key": NotPersonal("random identifier of a browser session"),
        "session_data": Personal(
            "user.activity",
            ("account", "security"),
            "session",
            description="sign-in and order in progress",
        ),
    },
}


# --- Reading the map from the models ---------------------------------------------------------

_PERSONAL_NAME_PARTS = (
    "email", "phone", "mobile", "address", "street", "city", "zip", "postal", "name", "ssn",
    "social_security", "birth", "dob", "card", "pan", "cvv", "cvc", "ip", "user_agent", "useragent",
    "iban", "account_number", "latitude", "longitude", "resume", "password",
)  # fmt: skip
_WORD_SPLIT = re.compile(r"[_\d]+")


def looks_personal(field: Any) -> bool:
    """True when a field's type or name suggests it holds data about a person."""

    if isinstance(field, models.EmailField | models.GenericIPAddressField | EncryptedTextField):
        return True
    if field.is_relation or field.primary_key:
        return False
    name = field.name.lower()
    words = set(_WORD_SPLIT.split(name))
    for part in _PERSONAL_NAME_PARTS:
        if "_" in part and part in name:
            return True
        if part in words:
            return True
    return False


def model_declarations(model: type[Model]) -> dict[str, Declaration]:
    own = getattr(model, "data_map", None)
    if isinstance(own, dict):
        return own
    return EXTERNAL_DECLARATIONS.get(model._meta.label_lower, {})


def declaration_for(model: type[Model], field_name: str) -> Declaration | None:
    return model_declarations(model).get(field_name)


def is_project_model(model: type[Model]) -> bool:
    return model.__module__.startswith("azultel.")


def map_entries() -> list[MapEntry]:
    """Every declared personal field of every installed model, in app and model order."""

    entries = []
    for model in apps.get_models():
        for field_name, declaration in model_declarations(model).items():
            if isinstance(declaration, Personal):
                try:
                    verbose = str(getattr(model._meta.get_field(field_name), "verbose_name", ""))
                except Exception:
                    verbose = field_name
                entries.append(MapEntry(model._meta.label_lower, field_name, declaration, verbose))
    return entries
