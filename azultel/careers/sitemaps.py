"""Each open job in sitemap.xml (beside the site's pages), so job search engines find it."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap

from azultel.careers.models import JobListing
from azultel.careers.selectors import listings_public
from azultel.core.links import site_path


class OpenJobsSitemap(Sitemap[JobListing]):
    """Open listings at their stable addresses on SITE_URL (never the request's Host)."""

    changefreq = "daily"
    priority = 0.6

    def items(self) -> list[JobListing]:
        return list(listings_public()[:1000])

    def location(self, item: JobListing) -> str:
        return site_path("careers:listing", kwargs={"slug": item.slug})

    def lastmod(self, item: JobListing) -> date | None:
        return item.posted_on

    def get_domain(self, site: object = None) -> str:
        return urlsplit(settings.SITE_URL).netloc

    def get_protocol(self, protocol: str | None = None) -> str:
        return urlsplit(settings.SITE_URL).scheme or "https"
