"""schema.org ``JobPosting`` for a listing's page, so job search engines can read it.

The JSON goes in ``<script type="application/ld+json">``: a data block browsers never run (the
CSP's script rules do not apply to it), escaped so no text in a listing can close the element.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

from azultel.careers.models import REMOTE, EmploymentType, JobListing
from azultel.core.links import site_reverse

_TYPES: dict[str, str] = {
    EmploymentType.FULL_TIME: "FULL_TIME",
    EmploymentType.PART_TIME: "PART_TIME",
    EmploymentType.CONTRACT: "CONTRACTOR",
    EmploymentType.INTERNSHIP: "INTERN",
}
_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def job_posting(listing: JobListing) -> SafeString:
    data: dict[str, object] = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": listing.title,
        "description": listing.description,
        "identifier": {"@type": "PropertyValue", "name": "Azultel", "value": listing.slug},
        "datePosted": listing.posted_on.isoformat() if listing.posted_on else None,
        "employmentType": _TYPES.get(listing.employment_type, "OTHER"),
        "hiringOrganization": {
            "@type": "Organization",
            "name": str(settings.COMPANY_NAME),
            "sameAs": site_reverse("site:home"),
        },
        "url": site_reverse("careers:listing", kwargs={"slug": listing.slug}),
        "directApply": True,
    }
    if listing.close_at:
        data["validThrough"] = listing.close_at.isoformat()
    if listing.location == REMOTE:
        data["jobLocationType"] = "TELECOMMUTE"
        data["applicantLocationRequirements"] = {"@type": "Country", "name": "US"}
    else:
        data["jobLocation"] = {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressRegion": listing.location,
                "addressCountry": "US",
            },
        }
    if listing.pay_min is not None and listing.pay_max is not None:
        data["baseSalary"] = {
            "@type": "MonetaryAmount",
            "currency": "USD",
            "value": {
                "@type": "QuantitativeValue",
                "minValue": float(listing.pay_min),
                "maxValue": float(listing.pay_max),
                "unitText": "YEAR" if listing.pay_period == "year" else "HOUR",
            },
        }
    text = json.dumps({k: v for k, v in data.items() if v is not None}, ensure_ascii=False)
    return mark_safe(text.translate(_ESCAPES))  # noqa: S308 - every <, > and & escaped above
