"""The shop's public pages in the site's page registry (navigation, site map, sitemap.xml)."""

from __future__ import annotations

from azultel.site.pages import Page, page_register

CATALOG_PAGES = (
    Page("catalog:index", "Shop", "home", "Everything Azultel sells, priced for your state.", 5,
         "weekly", 0.9),
    Page("catalog:home", "Home phone and internet", "home",
         "Phone lines, fiber and DSL plans and bundles, with broadband facts.", 10, "weekly", 0.9),
    Page("catalog:availability", "Check service availability", "home",
         "Enter a ZIP code to see what can be ordered there.", 20, "monthly", 0.7),
    Page("catalog:state", "Choose your state", "home",
         "Prices and products follow your state.", 30, "yearly", 0.3),
    Page("catalog:retail", "Shop devices and accessories", "retail",
         "Phones, routers and accessories, priced for your state.", 10, "weekly", 0.8),
    Page("catalog:carrier", "Wholesale services", "carrier",
         "Voice termination and transport: request a quote.", 10, "monthly", 0.7),
)  # fmt: skip


def catalog_pages_register() -> None:
    for page in CATALOG_PAGES:
        page_register(page)
