"""Signed tokens in ad addresses: they carry campaign and creative ids (and, for a click, the
placement slug), nothing about the visitor (P29). A token that fails its signature is unknown."""

from __future__ import annotations

from django.core import signing

_CLICK_SALT = "azultel.ads.click"
_BEACON_SALT = "azultel.ads.beacon"
_MAX = 300


def click_token(*, campaign_id: int, creative_id: int, placement: str) -> str:
    return signing.dumps([campaign_id, creative_id, placement], salt=_CLICK_SALT)


def click_token_read(token: str) -> tuple[int, int, str] | None:
    if len(token) > _MAX:
        return None
    try:
        data = signing.loads(token, salt=_CLICK_SALT)
    except (signing.BadSignature, ValueError):
        return None
    if not (isinstance(data, list) and len(data) == 3):
        return None
    campaign_id, creative_id, placement = data
    if not (isinstance(campaign_id, int) and isinstance(creative_id, int)):
        return None
    if not isinstance(placement, str) or len(placement) > 40:
        return None
    return campaign_id, creative_id, placement


def beacon_token(*, campaign_id: int, creative_id: int) -> str:
    return signing.dumps([campaign_id, creative_id], salt=_BEACON_SALT)


def beacon_token_read(token: str) -> tuple[int, int] | None:
    if len(token) > _MAX:
        return None
    try:
        data = signing.loads(token, salt=_BEACON_SALT)
    except (signing.BadSignature, ValueError):
        return None
    if not (isinstance(data, list) and len(data) == 2):
        return None
    campaign_id, creative_id = data
    if not (isinstance(campaign_id, int) and isinstance(creative_id, int)):
        return None
    return campaign_id, creative_id
