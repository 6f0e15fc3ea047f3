"""The one registry of public pages: header navigation, the Site Map page and sitemap.xml.

Apps add their public pages with ``page_register`` from their AppConfig.ready(), so a new page
shows up in the navigation, the site map and the XML sitemap at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    landing: str  # url name of the section's landing page


@dataclass(frozen=True)
class Page:
    url_name: str
    title: str
    section: str
    description: str = ""
    order: int = 100
    changefreq: str = "monthly"
    priority: float = 0.5

    @property
    def url(self) -> str:
        return reverse(self.url_name)


@dataclass(frozen=True)
class NavItem:
    """One entry of the header's main navigation: what a customer comes to do."""

    key: str
    title: str
    url_name: str
    icon: str
    # url names, or "namespace:*", under which this entry is the current one
    current_for: tuple[str, ...] = ()
    # a shop page: its link keeps a ?state= the visitor is browsing with (no cookie needed)
    shop: bool = False

    @property
    def url(self) -> str:
        return reverse(self.url_name)

    def is_current(self, view_name: str) -> bool:
        namespace = view_name.rpartition(":")[0]
        return view_name == self.url_name or any(
            view_name == name or (name.endswith(":*") and namespace == name[:-2])
            for name in self.current_for
        )


PRIMARY_NAV: tuple[NavItem, ...] = (
    NavItem("phone", "Phone", "catalog:phone", "phone", shop=True),
    NavItem("internet", "Internet", "catalog:internet", "wifi", shop=True),
    NavItem("bundles", "Bundles", "catalog:bundles", "package", shop=True),
    NavItem("devices", "Devices", "catalog:retail", "smartphone", shop=True),
    NavItem("business", "Business", "site:carrier", "building-2", ("catalog:carrier",)),
    NavItem("support", "Support", "site:support", "life-buoy", ("site:contact", "site:faq")),
    NavItem("directory", "Directory", "directory:search", "book-open"),
)


SECTIONS: tuple[Section, ...] = (
    Section("home", "Home", "site:home"),
    Section("carrier", "Carrier", "site:carrier"),
    Section("retail", "Retail", "site:retail"),
    Section("company", "Company", "site:company"),
    Section("careers", "Careers", "site:careers"),
    Section("legal", "Legal", "site:legal"),
    Section("contact", "Contact", "site:contact"),
)


@dataclass
class _Registry:
    pages: dict[str, Page] = field(default_factory=dict)


_registry = _Registry()


def page_register(page: Page) -> None:
    """Add (or replace) a page in the registry; its section must be one of SECTIONS."""
    if page.section not in {s.key for s in SECTIONS}:
        raise ValueError(f"Unknown site section {page.section!r} for page {page.url_name}.")
    _registry.pages[page.url_name] = page


def page_list() -> list[Page]:
    """Every registered page whose URL resolves, in section then page order."""
    section_index = {s.key: i for i, s in enumerate(SECTIONS)}
    pages = []
    for page in _registry.pages.values():
        try:
            page.url  # noqa: B018 - a page whose URL is not installed is left out
        except NoReverseMatch:
            continue
        pages.append(page)
    return sorted(pages, key=lambda p: (section_index[p.section], p.order, p.title))


def section_tree() -> list[tuple[Section, list[Page]]]:
    pages = page_list()
    return [(s, [p for p in pages if p.section == s.key]) for s in SECTIONS]


_CORE_PAGES = (
    Page(
        "site:home", "Home", "home", "Phone, internet and devices from Azultel.", 0, "weekly", 1.0
    ),
    Page(
        "site:carrier",
        "Carrier services",
        "carrier",
        "Wholesale voice, transport and interconnection for other carriers.",
        0,
        "monthly",
        0.8,
    ),
    Page("site:retail", "Retail", "retail", "Phones, routers and accessories.", 0, "weekly", 0.8),
    Page("site:company", "Company overview", "company", "Who Azultel is and how it works.", 0),
    Page("site:careers", "Career opportunities", "careers", "Working at Azultel.", 0),
    Page("site:legal", "Legal information", "legal", "Terms and privacy notices.", 0),
    Page("site:terms", "Terms & Conditions", "legal", "The terms for using this website.", 10),
    Page(
        "site:privacy_policy",
        "Internet Privacy Policy",
        "legal",
        "What this website collects, why, and your choices.",
        20,
    ),
    Page(
        "site:cpni",
        "Telephone Company Customer Privacy",
        "legal",
        "How we protect information about your phone service (CPNI).",
        30,
    ),
    Page(
        "site:faq",
        "Privacy FAQs",
        "legal",
        "Answers to common privacy questions, with search.",
        40,
        "weekly",
    ),
    Page("site:support", "Support", "contact", "Help with bills, orders, service and privacy.", 0),
    Page("site:contact", "Contact us", "contact", "Write to Azultel.", 5),
    Page("site:sitemap", "Site map", "contact", "Every page on this site.", 90, "monthly", 0.3),
)

for _page in _CORE_PAGES:
    page_register(_page)
