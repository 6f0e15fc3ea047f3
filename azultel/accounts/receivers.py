"""Reactions to allauth's and Django's sign-in signals (allauth emits them for outside consumers).

Sign-ins and failures are logged without the password; account changes send their notices.
"""

from __future__ import annotations

import hashlib
import logging

from allauth.account import signals as account_signals
from allauth.account.models import EmailAddress
from allauth.mfa import signals as mfa_signals
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth import signals as auth_signals
from django.dispatch import receiver
from django.http import HttpRequest

from azultel.accounts.audit import AccountsAudit
from azultel.accounts.context_processors import staff_nav_remember
from azultel.accounts.devices import device_label
from azultel.accounts.http import signed_in_with_password
from azultel.accounts.models import User
from azultel.accounts.notices import account_change_notice
from azultel.accounts.services import signin_session_end, signin_session_start
from azultel.core.audit import audit_record

logger = logging.getLogger("azultel.accounts.signin")


@receiver(auth_signals.user_logged_in, dispatch_uid="azultel.accounts.logged_in")
def on_logged_in(sender: object, request: HttpRequest | None, user: User, **kwargs: object) -> None:
    if request is None or not hasattr(request, "session"):
        return
    if request.session.session_key is None:
        request.session.save()
    session_key = request.session.session_key
    assert session_key is not None  # saving the session gives it its key
    signin_session_start(
        user=user,
        session_key=session_key,
        device_label=device_label(request),
        used_password=signed_in_with_password(request),
    )
    staff_nav_remember(request, user)
    audit_record(actor=user, action=AccountsAudit.SIGNIN_SUCCEEDED, subject=user)
    logger.info("sign-in succeeded for user %s", user.pk)


@receiver(auth_signals.user_login_failed, dispatch_uid="azultel.accounts.login_failed")
def on_login_failed(
    sender: object,
    credentials: dict[str, object],
    request: HttpRequest | None = None,
    **kwargs: object,
) -> None:
    login = str(credentials.get("email") or credentials.get("username") or "").strip().lower()
    user = User.objects.filter(email=login).first() if login else None
    # A keyed digest, not the typed address: failed attempts often contain typos of other people.
    digest = hashlib.sha256(f"{settings.SECRET_KEY}|{login}".encode()).hexdigest()[:16]
    audit_record(
        actor=None,
        action=AccountsAudit.SIGNIN_FAILED,
        subject=user,
        detail={"login_digest": digest},
    )
    logger.info("sign-in failed (account %s)", user.pk if user else "unknown")


@receiver(auth_signals.user_logged_out, dispatch_uid="azultel.accounts.logged_out")
def on_logged_out(sender: object, request: HttpRequest, user: User, **kwargs: object) -> None:
    key = getattr(getattr(request, "session", None), "session_key", None)
    if key:
        signin_session_end(session_key=key)


@receiver(account_signals.password_changed, dispatch_uid="azultel.accounts.password_changed")
@receiver(account_signals.password_set, dispatch_uid="azultel.accounts.password_set")
@receiver(account_signals.password_reset, dispatch_uid="azultel.accounts.password_reset")
def on_password_changed(sender: object, request: HttpRequest, user: User, **kwargs: object) -> None:
    audit_record(actor=user, action=AccountsAudit.ACCOUNT_PASSWORD_CHANGED, subject=user)
    account_change_notice(user=user, change="password", recipients=[user.email])


@receiver(account_signals.email_changed, dispatch_uid="azultel.accounts.email_changed")
def on_email_changed(
    sender: object,
    request: HttpRequest,
    user: User,
    from_email_address: EmailAddress | None,
    to_email_address: EmailAddress | None,
    **kwargs: object,
) -> None:
    """Tell the old address and the new one; neither notice shows the new address."""

    old = getattr(from_email_address, "email", "") or ""
    new = getattr(to_email_address, "email", "") or ""
    if not old or old.lower() == new.lower():
        return  # the first address being confirmed at sign-up is not a change
    audit_record(actor=user, action=AccountsAudit.ACCOUNT_EMAIL_CHANGED, subject=user)
    account_change_notice(user=user, change="email", recipients=[old, new])


@receiver(mfa_signals.authenticator_added, dispatch_uid="azultel.accounts.mfa_added")
@receiver(mfa_signals.authenticator_removed, dispatch_uid="azultel.accounts.mfa_removed")
@receiver(mfa_signals.authenticator_reset, dispatch_uid="azultel.accounts.mfa_reset")
def on_two_factor_changed(
    sender: object, request: HttpRequest, user: User, authenticator: Authenticator, **kwargs: object
) -> None:
    signal = kwargs.get("signal")
    if authenticator.type == Authenticator.Type.RECOVERY_CODES:
        change = "recovery_codes"
    elif signal is mfa_signals.authenticator_removed:
        change = "two_factor_off"
    else:
        change = "two_factor_on"
    audit_record(actor=user, action=AccountsAudit(f"account.{change}"), subject=user)
    account_change_notice(user=user, change=change, recipients=[user.email])
