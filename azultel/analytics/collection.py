"""Turning a request into an anonymous hit: what is kept, and everything that is dropped.

A ``Hit`` is what waits in the buffer. It holds no address, no user agent, no query string (except
``utm_*`` campaign tags), no account and no cookie value other than a valid two-letter state.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import NamedTuple
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from localflavor.us.us_states import US_STATES

from azultel.analytics import clock
from azultel.analytics.models import PATH_MAX_LENGTH
from azultel.analytics.useragents import client_classify
from azultel.analytics.visitors import salt_current, visitor_hash
from azultel.core.ratelimit import client_address

VIEW = "view"
BOT = "bot"
LOAD = "load"

COUNTED_STATUSES = frozenset({200, 404})
# Source, medium and campaign say which campaign brought a visit (P28). utm_term and utm_content
# are free text that campaigns fill with search words or per-person values: never kept.
UTM_KEYS = ("utm_source", "utm_medium", "utm_campaign")
# A campaign value is kept only as a short lower-case slug: "newsletter", "fiber-spring".
UTM_VALUE = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")
REFERRER_MAX_LENGTH = 253
STATE_CODES = frozenset(code for code, _name in US_STATES)

# What an identifier looks like inside one path segment, a campaign value or a host label.
# Searched, not anchored: "A-12345678" or "maria-3055550100" holds one as much as "12345678".
_UUID = re.compile(r"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}", re.I)
# North American numbers: 305-555-0100, (305) 555-0100, 305.555.0100, +13055550100, 1-305-...
_PHONE = re.compile(r"(?<!\d)(?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}(?!\d)")
# Five digits in a row, or seven digits with separators between them: SSNs (078-05-1120),
# order numbers (AZ-2026-000123), account numbers (8915-3698-8944), card numbers, full dates.
_NUMBER = re.compile(r"\d{5}|\d(?:[\s().,_+-]{0,2}\d){6}")
# Tokens (reset keys, signed unsubscribe links, hashes): 16 letters and digits in a row with
# both present, or 16 base64 characters in a row with both upper and lower case.
_TOKEN = re.compile(
    r"(?<![A-Za-z0-9])(?=[A-Za-z0-9]{16})(?=[A-Za-z]*[0-9])(?=[0-9]*[A-Za-z])"
    r"|(?<![\w-])(?=[\w-]{16})(?=[\w-]*?[a-z])(?=[\w-]*?[A-Z])",
    re.ASCII,
)
# Seven digits or more written across segments (/call/305/555/0100/, /ssn/078/05/1120/).
_NUMBER_ACROSS = re.compile(r"\d(?:[\s().,_+/-]{0,2}\d){6,}")
# Percent escapes left after decoding once: an address encoded twice to slip past the checks.
_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")
# Nothing in a path can be an identifier without one of these: the fast exit of the hot path.
_SUSPECT = re.compile(r"[\d@%?]|[A-Za-z0-9_-]{16}")
_HOSTNAME = re.compile(r"^(?=.{1,253}$)[a-z0-9-]+(\.[a-z0-9-]+)+$")
_IPV4_HOST = re.compile(r"^\d{1,3}(\.\d{1,3}){3}$")


class Hit(NamedTuple):
    """One anonymous event waiting to be written. ``minute`` is epoch seconds, a multiple of 60.

    kind "view": a page view (status 200 or 404); "bot": a request from a bot (``browser`` holds
    the bot family); "load": a page load time from the browser (``server_ms`` holds it).
    """

    kind: str
    minute: int
    path: str
    referrer: str
    browser: str
    platform: str
    device: str
    state: str
    status: int
    server_ms: int
    visitor: str


def current_minute() -> int:
    return int(clock.now().timestamp()) // 60 * 60


def identifier_kind(text: str) -> str | None:
    """The placeholder for an identifier found in ``text`` (one path segment), or None.

    ``:email`` (an @), ``:uuid``, ``:token`` (reset keys, signed links, hashes), ``:phone`` or
    ``:number`` (SSNs, order, account and bill numbers, any five digits in a row).
    """
    if "@" in text:
        return ":email"
    if len(text) >= 16:
        if _UUID.search(text):
            return ":uuid"
        if _TOKEN.search(text):
            return ":token"
    if "%" in text and _ESCAPE.search(text):
        return ":token"
    # Every telephone number also has seven digits with short separators: one search for both.
    if _NUMBER.search(text):
        return ":phone" if _PHONE.search(text) else ":number"
    return None


def _segment_clean(segment: str) -> str:
    # Under five characters only an @ or an escape can make an identifier.
    if len(segment) < 5 and "@" not in segment and "%" not in segment:
        return segment
    return identifier_kind(segment) or segment


def _split_numbers_clean(path: str) -> str:
    """The path with every segment that a number written across segments touches replaced."""
    segments: list[str] | None = None
    for match in _NUMBER_ACROSS.finditer(path):
        if "/" not in match.group():
            continue  # within one segment: the segment rules already replaced it
        segments = segments or path.split("/")
        kind = ":phone" if _PHONE.search(match.group().replace("/", "-")) else ":number"
        first, last = path.count("/", 0, match.start()), path.count("/", 0, match.end())
        segments[first : last + 1] = [kind] * (last + 1 - first)
    return path if segments is None else "/".join(segments)


@lru_cache(maxsize=4096)
def path_clean(path: str) -> str:
    """The path with every segment that holds an identifier replaced by its placeholder.

    A segment holding an email address, UUID, telephone number, long number or token becomes
    ``:email``, ``:uuid``, ``:phone``, ``:number`` or ``:token`` as a whole (a name beside the
    number goes with it), so no account, order, bill or person reaches the statistics (P01).
    Segments that a number of seven digits or more spans (/call/305/555/0100/) are replaced
    too. Percent escapes are decoded first and anything after a ``?`` is dropped.
    Cleaning a clean path changes nothing.
    """
    if "%" in path:
        path = unquote(path)
    if _SUSPECT.search(path) is not None:
        path = "/".join(_segment_clean(s) for s in path.split("?", 1)[0].split("/"))
        path = _split_numbers_clean(path)
    if not path.startswith("/"):
        path = "/" + path
    return path[:PATH_MAX_LENGTH]


def campaign_value_clean(value: str) -> str:
    """A campaign tag's value in lower case if it is a short slug with no identifier; else ""."""
    value = value.strip()
    lowered = value.lower()
    # Checked before lower-casing: a token is told from a word by its mixed case.
    if UTM_VALUE.fullmatch(lowered) is None or identifier_kind(value) is not None:
        return ""
    return lowered


def campaign_query(query_string: str) -> str:
    """Only the ``utm_*`` campaign tags of a query string, in a fixed order; nothing else.

    A value that is not a short slug (``UTM_VALUE``) or that holds an identifier is dropped.
    """
    if "utm_" not in query_string:
        return ""
    kept = {}
    for key, value in parse_qsl(query_string, keep_blank_values=False):
        if key in UTM_KEYS and key not in kept:
            kept[key] = campaign_value_clean(value)
    return urlencode([(k, kept[k]) for k in UTM_KEYS if kept.get(k)])


def path_with_campaign(path: str, query_string: str) -> str:
    """The path to store: cleaned, with its campaign tags."""
    clean = path_clean(path)
    campaign = campaign_query(query_string)
    if not campaign:
        return clean
    joined = f"{clean}?{campaign}"
    return joined if len(joined) <= PATH_MAX_LENGTH else clean


def _own_hosts(request: HttpRequest) -> set[str]:
    hosts = {(urlsplit(settings.SITE_URL).hostname or "").lower()}
    host_header = str(request.META.get("HTTP_HOST", "")).lower()
    hosts.add(host_header.rsplit(":", 1)[0] if not host_header.endswith("]") else host_header)
    return hosts


@lru_cache(maxsize=2048)
def _referrer_host(raw: str) -> str:
    """The lower-case host name of an http(s) address; "" when it has none or is an address."""
    try:
        parts = urlsplit(raw)
        host = (parts.hostname or "").lower().rstrip(".")
    except ValueError:
        return ""
    if parts.scheme not in ("http", "https") or not host:
        return ""
    return referrer_host_clean(host)


def referrer_host_clean(host: str) -> str:
    """A lower-case host name without any label that holds an identifier; "" if none is left.

    A label holding one (u83917261.webmail.example) goes with every label left of it; an IP
    address or anything that is not a host name gives "".
    """
    if _IPV4_HOST.match(host) or not _HOSTNAME.match(host):
        return ""
    labels = host.split(".")
    for index in range(len(labels) - 1, -1, -1):
        if identifier_kind(labels[index]) is not None:
            labels = labels[index + 1 :]
            break
    return ".".join(labels) if len(labels) >= 2 else ""


def referrer_domain(request: HttpRequest) -> str:
    """The domain of an external referring page; "" for none, this site, or an address.

    Only the host name is kept, never the referring page's path or query; a host label that
    holds an identifier is dropped with every label left of it.
    """
    raw = str(request.META.get("HTTP_REFERER", ""))
    if not raw:
        return ""
    host = _referrer_host(raw[:2048])
    if not host or host in _own_hosts(request):
        return ""
    return host.removeprefix("www.")[:REFERRER_MAX_LENGTH]


def chosen_state(request: HttpRequest) -> str:
    """The two-letter US state from the state cookie, if it is a real state code; else ""."""
    raw = request.COOKIES.get(settings.STATE_COOKIE_NAME, "")
    code = raw.strip().upper()
    return code if len(code) == 2 and code in STATE_CODES else ""


def privacy_signal(request: HttpRequest) -> bool:
    """True under Do Not Track or Global Privacy Control: the view counts, the visitor does not."""
    gpc = getattr(request, "gpc", None)
    dnt = getattr(request, "dnt", None)
    if gpc is None:
        gpc = str(request.META.get("HTTP_SEC_GPC", "")).strip() == "1"
    if dnt is None:
        dnt = str(request.META.get("HTTP_DNT", "")).strip() == "1"
    return bool(gpc or dnt)


def uncounted_prefixes() -> tuple[str, ...]:
    """Static files, uploads, staff pages (the dashboard, the admin) and the beacon endpoint."""
    prefixes = (
        settings.STATIC_URL or "",
        settings.MEDIA_URL or "",
        "/staff/",
        "/" + settings.ADMIN_URL_PATH,
        "/stats/",
    )
    return tuple(p for p in prefixes if p.startswith("/") and len(p) > 1)


def is_countable(request: HttpRequest, response: HttpResponseBase) -> bool:
    """GET, status 200 or 404, an HTML page, not staff or static, not a prefetch."""
    if request.method != "GET" or response.status_code not in COUNTED_STATUSES:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    if request.path_info.startswith(uncounted_prefixes()):
        return False
    meta = request.META
    purpose = str(meta.get("HTTP_SEC_PURPOSE", "") or meta.get("HTTP_PURPOSE", ""))
    return "prefetch" not in purpose


def hit_from_request(request: HttpRequest, response: HttpResponseBase, seconds: float) -> Hit:
    """The anonymous hit for a counted response; the address and user agent stay here."""
    user_agent = str(request.META.get("HTTP_USER_AGENT", ""))
    client = client_classify(user_agent)
    minute = current_minute()
    if client.is_bot:
        return Hit(BOT, minute, "", "", client.browser, "", client.device, "", 0, 0, "")
    visitor = ""
    if not privacy_signal(request):
        _day, salt = salt_current()
        visitor = visitor_hash(salt=salt, address=client_address(request), user_agent=user_agent)
    return Hit(
        VIEW,
        minute,
        path_with_campaign(request.path_info, request.META.get("QUERY_STRING", "")),
        referrer_domain(request),
        client.browser,
        client.platform,
        client.device,
        chosen_state(request),
        response.status_code,
        max(0, math.ceil(seconds * 1000)),
        visitor,
    )


def load_hit(*, path: str, load_ms: int) -> Hit:
    """A page load time reported by the browser (beacon); no visitor, no referrer."""
    return Hit(LOAD, current_minute(), path_clean(path), "", "", "", "", "", 200, load_ms, "")
