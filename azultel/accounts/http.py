"""The request type of views behind ``login_required``: ``request.user`` is a real ``User``."""

from __future__ import annotations

from allauth.account.authentication import get_authentication_records
from django.http import HttpRequest

from azultel.accounts.models import User


class SignedInRequest(HttpRequest):
    user: User


def signed_in_with_password(request: HttpRequest) -> bool:
    """Whether this session's sign-in (or a later reauthentication) used the password.

    CPNI (call detail) is shown online only then (P30); a sign-in by emailed link is not enough.
    """

    records = get_authentication_records(request, getattr(request, "user", None))
    return any(r.get("method") == "password" for r in records)
