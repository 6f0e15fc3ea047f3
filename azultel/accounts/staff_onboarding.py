"""A staff member's first sign-in: password (set once, at registration), then two-step sign-in,
then the staff home.

* After any sign-in, staff land on the staff home (``staff_landing_url``, used by the adapter),
  not on the customer account overview.
* The staff home is a staff page, so ``StaffTwoFactorMiddleware`` sends a member without TOTP to
  set it up first. Right after a password sign-in that set-up asks for no second password
  (``first_totp_setup_after_password``): the sign-in is as fresh as a re-authentication would be,
  and the member has just typed it.
* Once TOTP is on, ``StaffTwoFactorMiddleware`` sends staff on from allauth's set-up page (the
  view it resolved to, never the path) to the staff home, where a one-time notice links to the
  recovery codes; customers keep allauth's next page (their recovery codes).
"""

from __future__ import annotations

import time

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from azultel.accounts.models import User

RECOVERY_CODES_NOTICE = "azultel_staff_recovery_codes_notice"


def holds_staff_powers(user: User | AnonymousUser) -> bool:
    """Staff by flag, by role (a group) or by a permission given directly."""
    return bool(
        getattr(user, "is_authenticated", False)
        and (user.is_staff or user.groups.exists() or user.user_permissions.exists())
    )


def staff_landing_url(user: User | AnonymousUser) -> str | None:
    """Where a signed-in staff member goes by default: the staff home (None for customers)."""
    return reverse("accounts:staff_home") if holds_staff_powers(user) else None


def staff_after_totp_activation(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """allauth's TOTP set-up succeeded (a redirect after POST): staff go to the staff home."""

    match = getattr(request, "resolver_match", None)
    if (
        request.method == "POST"
        and match is not None
        and match.url_name == "mfa_activate_totp"
        and response.status_code == 302
        and holds_staff_powers(request.user)
    ):
        request.session[RECOVERY_CODES_NOTICE] = True
        return redirect("accounts:staff_home")
    return response


def first_totp_setup_after_password(request: HttpRequest) -> bool:
    """Whether ``request`` is a staff member with no second factor yet, in a session whose last
    sign-in used the password within the re-authentication window.

    Then allauth's two-step pages (``app="allauth.mfa"``) need no second password: with no
    authenticator, the only one of them that does anything is turning TOTP on. Everyone else,
    and staff later on (a second factor exists), are asked to re-authenticate as before (B6).
    """

    user = getattr(request, "user", None)
    if user is None or not holds_staff_powers(user):
        return False
    records = get_authentication_records(request, user)
    if not records or records[-1].get("method") != "password":
        return False
    if time.time() - records[-1].get("at", 0) >= settings.ACCOUNT_REAUTHENTICATION_TIMEOUT:
        return False
    return not Authenticator.objects.filter(user=user).exists()
