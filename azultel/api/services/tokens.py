"""Expired OAuth2 tokens are deleted: a bearer token is of no use once expired, and keeping it
only keeps which partner called when (django-oauth-toolkit's ``cleartokens`` logic)."""

from __future__ import annotations

from django.utils import timezone
from oauth2_provider.models import clear_expired, get_access_token_model


def oauth_tokens_expired_clear() -> int:
    """Delete expired access tokens (and expired grants, ID tokens, stale refresh tokens);
    return how many access tokens went."""
    tokens = get_access_token_model().objects
    before = tokens.filter(expires__lt=timezone.now()).count()
    clear_expired()
    return before - tokens.filter(expires__lt=timezone.now()).count()
