"""Hosts, the site address, HTTPS, security headers, secure cookies and the CSP.

Production serves HTTPS only and `manage.py check --deploy` reports no issues there.
"""

from __future__ import annotations

from csp.constants import NONE, SELF

from azultel.config.env import env_bool, env_int, env_list, env_str, require
from azultel.config.settings.base import PRODUCTION

if PRODUCTION:
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
    if not ALLOWED_HOSTS:
        require("ALLOWED_HOSTS", "the host names this site answers for, comma separated.")
    SITE_URL = require("SITE_URL", "the public https:// address used in emails and feeds.")
else:
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
    SITE_URL = env_str("SITE_URL", f"http://127.0.0.1:{env_str('PORT', '8000')}")

# --- HTTPS and security headers ---------------------------------------------------------------

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Proxies in front of the app (addresses or networks, comma separated; "*": every peer, for a
# Unix socket only the proxy can reach). Empty: no one. Forwarded headers from any other peer are
# dropped before Django sees them (core/proxies.py); gunicorn reads the same variable.
FORWARDED_ALLOW_IPS = env_list("FORWARDED_ALLOW_IPS", [])
# How many proxies in front of the app append to X-Forwarded-For (rate limits and the daily
# visitor count need the visitor's address, not the proxy's). 0: use the connecting address.
TRUSTED_PROXY_HOPS = env_int("TRUSTED_PROXY_HOPS", 0)
if env_bool("TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Host and port come from the Host header (checked against ALLOWED_HOSTS), never from
# X-Forwarded-Host/-Port; the site lives at the root of SITE_URL, so no script prefix is taken
# from the server or a request header. Links read away from the request use SITE_URL.
USE_X_FORWARDED_HOST = False
USE_X_FORWARDED_PORT = False
FORCE_SCRIPT_NAME = ""

# Secure cookies carry the __Host- prefix (Secure, Path=/, no Domain). A browser refuses such a
# cookie over plain http, so the local default (http://127.0.0.1) uses plain names.
_SECURE_COOKIES = env_bool("SECURE_COOKIES", PRODUCTION)
SESSION_COOKIE_SECURE = _SECURE_COOKIES
CSRF_COOKIE_SECURE = _SECURE_COOKIES
SESSION_COOKIE_NAME = "__Host-session" if _SECURE_COOKIES else "azultel_session"
CSRF_COOKIE_NAME = "__Host-csrftoken" if _SECURE_COOKIES else "azultel_csrftoken"
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [SITE_URL] if PRODUCTION else [])

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # data: only for images the site itself generates (the two-factor QR code).
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        **({"upgrade-insecure-requests": True} if PRODUCTION else {}),
    }
}
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(self), "
    "browsing-topics=(), interest-cohort=()"
)
