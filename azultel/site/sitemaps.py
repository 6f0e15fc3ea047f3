from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap

from azultel.core.links import site_path
from azultel.site.pages import Page, page_list


class PublicPagesSitemap(Sitemap[Page]):
    """sitemap.xml from the same registry as the navigation and the Site Map page.

    Addresses are on SITE_URL (its scheme and host), never on the request's Host header or
    script prefix.
    """

    def items(self) -> list[Page]:
        return page_list()

    def location(self, item: Page) -> str:
        return site_path(item.url_name)

    def get_domain(self, site: Any = None) -> str:
        return urlsplit(settings.SITE_URL).netloc

    def get_protocol(self, protocol: str | None = None) -> str:
        return urlsplit(settings.SITE_URL).scheme or "https"

    def changefreq(self, item: Page) -> str:
        return item.changefreq

    def priority(self, item: Page) -> float:
        return item.priority
