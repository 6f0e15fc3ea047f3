"""Fulfilment across every app (B2, issue 19): the copy of a person's data and its deletion.

An account holder's request uses the account's export and erasure (``accounts``: every app's
``export_provider_register`` / ``erasure_hook_register`` pair). A person without an account, known
by a verified address, is served by the email-keyed handlers apps register in
``privacy.registry`` (careers, referrals, events, contact threads, lists, surveys, emails).
"""

from __future__ import annotations

from azultel.accounts.selectors import account_export
from azultel.accounts.services import account_erase
from azultel.core.actors import Actor
from azultel.dsr.models import Kind, PrivacyRequest
from azultel.privacy.models import ConsentSource, ConsentTopic
from azultel.privacy.registry import email_erasure_hooks, email_export_providers, email_normalise
from azultel.privacy.services import consent_record, subject_for_email, subject_for_user

# The consent-ledger choices an opt-out or limit-use request withdraws when done as asked: sharing
# with other companies (the site never sells), and the uses of sensitive information the site
# has (telephone-service information for offers, joining offline with online information).
WITHDRAWN_BY_KIND: dict[str, tuple[str, ...]] = {
    Kind.OPT_OUT: (ConsentTopic.DATA_SHARING,),
    Kind.LIMIT_SENSITIVE: (ConsentTopic.CPNI_MARKETING, ConsentTopic.PROFILING_COMBINATION),
}


def request_export(*, request: PrivacyRequest) -> dict[str, object]:
    """Everything held about the person the request is for, JSON-serialisable."""
    data: dict[str, object] = {
        "request": {
            "reference": request.reference,
            "received": request.received_at.isoformat(),
            "address": request.email,
        }
    }
    if request.account_id is not None and request.account is not None:
        data["account"] = account_export(user=request.account)
        return data
    email = email_normalise(request.email)
    data["held_under_your_address"] = {
        handler.name: handler.fn(email) for handler in email_export_providers()
    }
    return data


def request_erase(*, request: PrivacyRequest, actor: Actor) -> dict[str, int]:
    """Erase what is held about the person; returns how many records each part erased."""
    if request.account_id is not None and request.account is not None:
        if request.account.erased_at is None:
            account_erase(user=request.account, actor=actor)
        return {"account": 1}
    email = email_normalise(request.email)
    erased: dict[str, int] = {}
    for handler in email_erasure_hooks():
        count = handler.fn(email)
        erased[handler.name] = int(count) if isinstance(count, int) else 0
    return erased


def request_choices_apply(*, request: PrivacyRequest, actor: Actor) -> list[str]:
    """Withdraw, in the consent ledger, what an opt-out or limit-use request asks to stop; for an
    account holder on the account's record, otherwise on the verified address's. Returns the
    topics withdrawn (none for other kinds)."""
    topics = WITHDRAWN_BY_KIND.get(request.kind, ())
    if not topics:
        return []
    if request.account_id is not None and request.account is not None:
        subject = subject_for_user(user=request.account)
    else:
        subject = subject_for_email(email=request.email)
    for topic in topics:
        consent_record(
            subject=subject, topic=topic, granted=False, source=ConsentSource.STAFF, actor=actor
        )
    return list(topics)
