"""The partner API (azultel.api; docs/api.md): Django REST framework, the OpenAPI description
(drf-spectacular) and OAuth2 client credentials (django-oauth-toolkit)."""

from __future__ import annotations

from azultel.config.env import env_int

API_SCOPES: dict[str, str] = {
    "catalog": "Read the product catalog and prices (TMF620)",
    "qualification": "Check what can be ordered at an address (TMF645)",
    "order:read": "Read your orders (TMF622)",
    "order:write": "Place and cancel orders (TMF622)",
    "customer": "Read your own customers (TMF629)",
    "bill": "Read your customers' bills (TMF678)",
    "hub": "Subscribe to events (TMF688)",
    "inventory": "Read the products and services your customers hold (TMF637)",
    "ticket": "Read, report, add to and close your customers' trouble tickets (TMF621)",
}

OAUTH2_PROVIDER = {
    "SCOPES": API_SCOPES,
    # No scope asked for: none granted (each resource needs its own).
    "DEFAULT_SCOPES": [],
    # A partner may be granted only the scopes its agreement lists (Partner.scopes).
    "SCOPES_BACKEND_CLASS": "azultel.api.scopes.PartnerScopes",
    "ACCESS_TOKEN_EXPIRE_SECONDS": env_int("API_ACCESS_TOKEN_SECONDS", 3600),
    "ALLOWED_GRANT_TYPES": ["client_credentials"],
    # OAuth 2.0 Security BCP (RFC 9700) everywhere; `manage.py check --deploy` stays clean.
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    "COMPLIANT_BCP_RFC9700_REFRESH_TOKEN": True,
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_SCHEME": True,
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https"],
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "oauth2_provider.contrib.rest_framework.OAuth2Authentication"
    ],
    "DEFAULT_PERMISSION_CLASSES": ["azultel.api.permissions.PartnerScope"],
    "DEFAULT_THROTTLE_CLASSES": ["azultel.api.throttling.PartnerRateThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "azultel.api.errors.tmf_exception_handler",
    "UNAUTHENTICATED_USER": None,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Azultel Open API",
    "DESCRIPTION": "TM Forum Open APIs for Azultel's partners: product catalog (TMF620), service "
    "qualification (TMF645), product ordering (TMF622), customer (TMF629), customer bill "
    "(TMF678), trouble ticket (TMF621), product inventory (TMF637) and an event hub (TMF688 "
    "style). OAuth2 client credentials.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "COMPONENT_SPLIT_REQUEST": True,
    # Field selection (fields=) may leave any attribute out.
    "COMPONENT_NO_READ_ONLY_REQUIRED": True,
}

# Requests a partner without its own limit may make per minute.
API_DEFAULT_RATE_PER_MINUTE = env_int("API_DEFAULT_RATE_PER_MINUTE", 120)
# Event deliveries: attempts before giving up, and the first wait (doubled each time).
API_HUB_MAX_ATTEMPTS = env_int("API_HUB_MAX_ATTEMPTS", 6)
API_HUB_BACKOFF_SECONDS = env_int("API_HUB_BACKOFF_SECONDS", 30)
API_HUB_TIMEOUT_SECONDS = env_int("API_HUB_TIMEOUT_SECONDS", 10)

# django-oauth-toolkit's own models (named so migrations can point at them).
OAUTH2_PROVIDER_APPLICATION_MODEL = "oauth2_provider.Application"
OAUTH2_PROVIDER_ACCESS_TOKEN_MODEL = "oauth2_provider.AccessToken"  # noqa: S105 (a model name)
OAUTH2_PROVIDER_REFRESH_TOKEN_MODEL = "oauth2_provider.RefreshToken"  # noqa: S105 (a model name)
OAUTH2_PROVIDER_ID_TOKEN_MODEL = "oauth2_provider.IDToken"  # noqa: S105 (a model name)
OAUTH2_PROVIDER_GRANT_MODEL = "oauth2_provider.Grant"
