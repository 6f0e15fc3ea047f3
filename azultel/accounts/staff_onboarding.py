"""A staff member's first sign-in: password (set once, at registration), then two-step sign-in,
then the staff home.

* After any sign-in, staff land on the staff home (``staff_landing_url``, used by the adapter),
  not on the customer account overview.
* The staff home is a staff page, so ``StaffTwoFactorMiddleware`` sends a member without TOTP to
  set it up first.
* Once TOTP is on, ``StaffTwoFactorMiddleware`` sends staff on from allauth's set-up page (the
  view it resolved to, never the path) to the staff home, where a one-time notice links to the
  recovery codes; customers keep allauth's next page (their recovery codes).
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

RECOVERY_CODES_NOTICE = "azultel_staff_recovery_codes_notice"


def holds_staff_powers(user: Any) -> bool:
    """Staff by flag, by role (a group) or by a permission given directly."""
    return bool(
        getattr(user, "is_authenticated", False)
        and (user.is_staff or user.groups.exists() or user.user_permissions.exists())
    )


def staff_landing_url(user: Any) -> str | None:
    """Where a signed-in staff member goes by default: the staff home (None for customers)."""
    return reverse("accounts:staff_home") if holds_staff_powers(user) else None


def staff_after_totp_activation(request: Any, response: Any) -> Any:
    """allauth's TOTP set-up succeeded (a redirect after POST): staff go to the staff home."""
    from django.shortcuts import redirect

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
