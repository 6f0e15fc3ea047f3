"""The request type of views behind ``login_required``: ``request.user`` is a real ``User``."""

from __future__ import annotations

from django.http import HttpRequest

from azultel.accounts.models import User


class SignedInRequest(HttpRequest):
    user: User  # type: ignore[assignment]
