"""django-allauth adapter: every email through comms, no client address anywhere (P27)."""

from __future__ import annotations

import hashlib
import hmac
from typing import NoReturn
from urllib.parse import quote

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailConfirmation, EmailConfirmationHMAC
from django import forms
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from azultel.accounts.models import User
from azultel.accounts.staff_onboarding import first_totp_setup_after_password, staff_landing_url
from azultel.comms.services import message_send
from azultel.core.links import site_path, site_reverse, site_url
from azultel.core.ratelimit import client_address, client_fingerprint

# Every email allauth can send, mapped to our category and template (accounts/templates/comms/
# email/): the site's own wording and the shared HTML layout, never allauth's stock text. A test
# checks this covers every email template of the installed allauth.
_ALLAUTH_MAIL = {
    "account/email/email_confirmation_signup": ("confirmation", "accounts_verify_email"),
    "account/email/email_confirmation": ("security", "accounts_verify_email"),
    "account/email/password_reset_key": ("requested_info", "accounts_password_reset"),
    "account/email/password_reset_code": ("requested_info", "accounts_password_reset"),
    "account/email/unknown_account": ("requested_info", "accounts_unknown_account"),
    "account/email/account_already_exists": ("security", "accounts_already_registered"),
    "account/email/login_code": ("security", "accounts_login_code"),
}

# allauth's change notifications (off: ACCOUNT_EMAIL_NOTIFICATIONS is False, accounts.notices
# sends ours). Should they be turned on, they read as our notices and never show the new value.
_ALLAUTH_NOTICES = {
    "account/email/password_changed": "The password of your Azultel account was changed.",
    "account/email/password_set": "A password was set for your Azultel account.",
    "account/email/password_reset": "The password of your Azultel account was reset.",
    "account/email/email_changed": "The email address of your Azultel account was changed.",
    "account/email/email_confirm": "An email address on your Azultel account was confirmed.",
    "account/email/email_deleted": "An email address was removed from your Azultel account.",
    "mfa/email/totp_activated": "Two-step sign-in was turned on for your Azultel account.",
    "mfa/email/totp_deactivated": "Two-step sign-in was turned off for your Azultel account.",
    "mfa/email/recovery_codes_generated": "New recovery codes were created for your Azultel "
    "account.",
    "mfa/email/webauthn_added": "A security key was added to your Azultel account.",
    "mfa/email/webauthn_removed": "A security key was removed from your Azultel account.",
}


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]  # allauth ships no type hints
    def send_mail(self, template_prefix: str, email: str, context: dict[str, object]) -> None:
        """Queue allauth's messages in the one outbox instead of sending directly."""

        if template_prefix in _ALLAUTH_NOTICES:
            category, template = "security", "accounts_change_notice"
        else:
            category, template = _ALLAUTH_MAIL.get(template_prefix, ("security", "accounts_notice"))
        user = context.get("user")
        # Every link starts with SITE_URL. The key links come from the two methods below; the
        # others allauth builds from the request (its Host and script prefix), so they are
        # rebuilt here rather than passed on.
        password_reset_url = context.get("password_reset_url", "")
        if password_reset_url and template_prefix != "account/email/password_reset_key":
            password_reset_url = site_reverse("account_reset_password")
        safe_context = {
            "given_name": getattr(user, "given_name", ""),
            "activate_url": context.get("activate_url", ""),
            "password_reset_url": password_reset_url,
            "code": context.get("code", ""),
            "signup_url": site_reverse("account_signup") if context.get("signup_url") else "",
            "template_prefix": template_prefix,
            "signup": template_prefix == "account/email/email_confirmation_signup",
            "change_text": _ALLAUTH_NOTICES.get(template_prefix, ""),
        }
        message_send(
            category=category,
            to=email,
            template=template,
            context=safe_context,
            sensitive=True,
        )

    def render_mail(
        self,
        template_prefix: str,
        email: str,
        context: dict[str, object],
        headers: dict[str, str] | None = None,
    ) -> NoReturn:
        """Never used: allauth's own templates (its stock wording, sent outside the outbox) must
        not make an email. Every allauth email goes through ``send_mail`` above."""
        raise NotImplementedError(
            f"allauth tried to render {template_prefix!r} itself; map it in _ALLAUTH_MAIL so it "
            "goes through comms in the site's own words."
        )

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        """Staff land on the staff home (two-step set-up first, if not on yet); customers on
        their account."""

        return staff_landing_url(request.user) or super().get_login_redirect_url(request)

    def is_reauthentication_required(self, *, app: str, **kwargs: object) -> bool:
        """A new staff member turning two-step sign-in on right after a password sign-in is not
        asked for the password again (``staff_onboarding``); everything else as allauth says."""

        if app == "allauth.mfa" and first_totp_setup_after_password(self.request):
            return False
        return bool(super().is_reauthentication_required(app=app, **kwargs))

    def get_reset_password_from_key_url(self, key: str) -> str:
        """The password-reset link on SITE_URL, whatever the request said about its host."""
        path = site_path("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return site_url(path.replace("UID-KEY", quote(key)))

    def get_email_confirmation_url(
        self,
        request: HttpRequest,
        emailconfirmation: EmailConfirmation | EmailConfirmationHMAC,
    ) -> str:
        """The email-confirmation link on SITE_URL, whatever the request said about its host."""
        return site_reverse("account_confirm_email", args=[emailconfirmation.key])

    def get_client_ip(self, request: HttpRequest) -> str:
        """A keyed pseudonym of the client address: allauth's rate limits never see the address."""
        if not client_address(request):
            return "client-unknown"
        return f"client-{client_fingerprint(request, scope='allauth')}"

    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: object) -> str:
        """Failed sign-ins count per account and client (P22): other clients stay unaffected."""
        login = str(credentials.get("email", credentials.get("username", ""))).lower()
        return f"{login}:{client_fingerprint(request, scope='login')}"

    def pre_authenticate(self, request: HttpRequest, **credentials: object) -> None:
        """Besides the per-client limit, a daily cap per account whatever the client (P22:
        guessing spread over many addresses still stops)."""
        if (
            cache.get(_account_failures_key(credentials), 0)
            >= settings.LOGIN_FAILED_PER_ACCOUNT_DAY
        ):
            raise self.validation_error("too_many_login_attempts")
        super().pre_authenticate(request, **credentials)

    def authentication_failed(self, request: HttpRequest, **credentials: object) -> None:
        key = _account_failures_key(credentials)
        cache.add(key, 0, timeout=24 * 3600)
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, timeout=24 * 3600)
        super().authentication_failed(request, **credentials)

    def save_user(
        self, request: HttpRequest, user: User, form: forms.Form, commit: bool = True
    ) -> User:
        data = form.cleaned_data
        user.given_name = data.get("given_name", "")
        user.family_name = data.get("family_name", "")
        super().save_user(request, user, form, commit=commit)
        return user  # allauth's save_user fills in and returns the user it was given


def _account_failures_key(credentials: dict[str, object]) -> str:
    login = str(credentials.get("email", credentials.get("username", ""))).strip().lower()
    digest = hmac.new(settings.SECRET_KEY.encode(), login.encode(), hashlib.sha256).hexdigest()
    return f"login-failures:{digest[:32]}"
