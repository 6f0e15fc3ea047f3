from __future__ import annotations

from django.contrib.sitemaps import Sitemap

from azultel.site.pages import Page, page_list


class PublicPagesSitemap(Sitemap[Page]):
    """sitemap.xml from the same registry as the navigation and the Site Map page."""

    def items(self) -> list[Page]:
        return page_list()

    def location(self, item: Page) -> str:
        return item.url

    def changefreq(self, item: Page) -> str:
        return item.changefreq

    def priority(self, item: Page) -> float:
        return item.priority
