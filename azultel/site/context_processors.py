from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from azultel.site.pages import SECTIONS


def site_layout(request: HttpRequest) -> dict[str, Any]:
    """What the shared layout needs on every page: navigation and company facts."""
    return {
        "nav_sections": SECTIONS,
        "company_name": settings.COMPANY_NAME,
        "company_postal_address": settings.COMPANY_POSTAL_ADDRESS,
        "company_phone": settings.COMPANY_PHONE,
    }
