"""The ad cookies (P25, P26): signed, small, and holding no identifier and nothing personal.

- caps: today's date and, per campaign id, how many times it was shown today (frequency caps);
- interests: per anonymous category, the last day a page of that kind was viewed (tailoring);
- untailored: "1" when the visitor turned tailoring off on the "Why am I seeing this?" page;
- click: the campaign, creative, placement and state of the last ad clicked (conversions).

A cookie that fails its signature, is from another day or has an unexpected shape is read as
empty: it is never an error and never trusted (the visitor just sees ads as a new visitor would).
"""

from __future__ import annotations

import copy
import datetime as dt
import json

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponseBase

from azultel.ads.models import Interest

CAPS = "azultel_ad_caps"
INTERESTS = "azultel_ad_interests"
UNTAILORED = "azultel_ads_untailored"
CLICK = "azultel_ad_click"

_CAPS_SALT = "azultel.ads.caps"
_INTERESTS_SALT = "azultel.ads.interests"
_CLICK_SALT = "azultel.ads.click-cookie"
_MAX_RAW = 1024
_MAX_CAMPAIGNS = 40
_MAX_COUNT = 1000
_CATEGORIES = frozenset(Interest.values)


def _set(response: HttpResponseBase, name: str, value: str, max_age: int) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path="/",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def _clear(response: HttpResponseBase, name: str) -> None:
    response.delete_cookie(name, path="/", samesite="Lax")


# Signing and checking a cookie is an HMAC and JSON each way, on every page with an ad. The
# payloads are few (today's date and small counters: every new visitor's caps cookie is the same),
# so each process keeps the values it signed and the cookies whose signature it checked, by their
# exact text. Nothing here identifies anyone: the same text is the same value for every visitor,
# and a cookie that fails its signature is never kept.
_MEMO_MAX = 2048
_signed: dict[tuple[str, str], str] = {}
_checked: dict[tuple[str, str], object] = {}


def _dumps(data: object, salt: str) -> str:
    key = (salt, json.dumps(data, sort_keys=True, separators=(",", ":")))
    value = _signed.get(key)
    if value is None:
        if len(_signed) >= _MEMO_MAX:
            _signed.clear()
        value = _signed[key] = signing.dumps(data, salt=salt)
    return value


def _load(request: HttpRequest, name: str, salt: str) -> object:
    raw = request.COOKIES.get(name, "")
    if not raw or len(raw) > _MAX_RAW:
        return None
    key = (salt, raw)
    if key in _checked:
        return copy.deepcopy(_checked[key])
    try:
        data = signing.loads(raw, salt=salt)
    except (signing.BadSignature, ValueError):
        return None
    if len(_checked) >= _MEMO_MAX:
        _checked.clear()
    _checked[key] = copy.deepcopy(data)
    return data


def caps_read(request: HttpRequest, *, today: dt.date) -> dict[int, int]:
    """Campaign id -> times shown today; empty for another day's, a forged or a broken cookie."""
    data = _load(request, CAPS, _CAPS_SALT)
    if not isinstance(data, dict) or data.get("d") != today.isoformat():
        return {}
    counts = data.get("c")
    if not isinstance(counts, dict) or len(counts) > _MAX_CAMPAIGNS:
        return {}
    clean: dict[int, int] = {}
    for key, value in counts.items():
        if not (isinstance(key, str) and key.isdigit() and isinstance(value, int)):
            return {}
        if not 0 <= value <= _MAX_COUNT:
            return {}
        clean[int(key)] = value
    return clean


def caps_write(response: HttpResponseBase, *, today: dt.date, counts: dict[int, int]) -> None:
    kept = dict(sorted(counts.items(), key=lambda item: -item[1])[:_MAX_CAMPAIGNS])
    value = _dumps(
        {"d": today.isoformat(), "c": {str(k): min(v, _MAX_COUNT) for k, v in kept.items()}},
        _CAPS_SALT,
    )
    _set(response, CAPS, value, 2 * 24 * 3600)


def interests_read(request: HttpRequest, *, today: dt.date) -> dict[str, dt.date]:
    """Category -> last day seen, only known categories within ADS_INTEREST_DAYS."""
    data = _load(request, INTERESTS, _INTERESTS_SALT)
    if not isinstance(data, dict) or len(data) > len(_CATEGORIES):
        return {}
    oldest = today - dt.timedelta(days=settings.ADS_INTEREST_DAYS)
    kept: dict[str, dt.date] = {}
    for key, value in data.items():
        if key not in _CATEGORIES or not isinstance(value, str):
            return {}
        try:
            seen = dt.date.fromisoformat(value)
        except ValueError:
            return {}
        if oldest < seen <= today:
            kept[key] = seen
    return kept


def interests_write(response: HttpResponseBase, *, interests: dict[str, dt.date]) -> None:
    value = _dumps({k: v.isoformat() for k, v in sorted(interests.items())}, _INTERESTS_SALT)
    _set(response, INTERESTS, value, settings.ADS_INTEREST_DAYS * 24 * 3600)


def interests_clear(response: HttpResponseBase) -> None:
    _clear(response, INTERESTS)


def untailored(request: HttpRequest) -> bool:
    return request.COOKIES.get(UNTAILORED) == "1"


def untailored_set(response: HttpResponseBase) -> None:
    _set(response, UNTAILORED, "1", 365 * 24 * 3600)


def untailored_clear(response: HttpResponseBase) -> None:
    _clear(response, UNTAILORED)


def click_write(
    response: HttpResponseBase, *, campaign_id: int, creative_id: int, placement: str, state: str
) -> None:
    value = signing.TimestampSigner(salt=_CLICK_SALT).sign_object(
        [campaign_id, creative_id, placement, state]
    )
    _set(response, CLICK, value, settings.ADS_CONVERSION_DAYS * 24 * 3600)


def click_read(request: HttpRequest) -> tuple[int, int, str, str] | None:
    raw = request.COOKIES.get(CLICK, "")
    if not raw or len(raw) > _MAX_RAW:
        return None
    try:
        data = signing.TimestampSigner(salt=_CLICK_SALT).unsign_object(
            raw, max_age=settings.ADS_CONVERSION_DAYS * 24 * 3600
        )
    except (signing.BadSignature, ValueError):
        return None
    if not (isinstance(data, list) and len(data) == 4):
        return None
    campaign_id, creative_id, placement, state = data
    if not (isinstance(campaign_id, int) and isinstance(creative_id, int)):
        return None
    if not (isinstance(placement, str) and isinstance(state, str)):
        return None
    return campaign_id, creative_id, placement[:40], state[:2]


def click_clear(response: HttpResponseBase) -> None:
    _clear(response, CLICK)
