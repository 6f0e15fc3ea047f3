"""Demo catalog: products in the three lines, priced in FL, GA, NY, TX and PR, and service areas
in Florida, Georgia and Puerto Rico. Idempotent; never loaded in production (seed_demo refuses).

Prices differ by state on purpose, and some products are missing in some states (DSL 25 in New
York, Fiber 1 Gig in Puerto Rico, the Ethernet private line in Georgia and Puerto Rico), so the
demo shows both rules of state pricing.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from azultel.catalog import services
from azultel.catalog.models import Kind, Line, Technology
from azultel.core.demo import DemoSignIn

# slug -> product fields
PRODUCTS: dict[str, dict[str, Any]] = {
    "home-phone-essential": {
        "line": Line.HOME,
        "kind": Kind.PHONE_LINE,
        "name": "Home Phone Essential",
        "summary": "A local phone line with unlimited calls across the US, caller ID and "
        "voicemail.",
        "description": "Keep your number or get a new one. Unlimited local and long-distance "
        "calls to the 50 states, Puerto Rico and Canada, with caller ID, call waiting, "
        "three-way calling and voicemail included.\n\nYour line works with the phones you "
        "already have. Listing in the phone book is your choice when you order.",
        "technology": Technology.COPPER,
        "position": 10,
    },
    "dsl-25": {
        "line": Line.HOME,
        "kind": Kind.INTERNET,
        "name": "DSL 25",
        "summary": "Everyday internet over your phone line: browsing, email and HD video.",
        "description": "DSL runs over the copper line already in your home. Good for one or "
        "two people browsing, streaming in HD and video calling.",
        "technology": Technology.DSL,
        "position": 20,
    },
    "fiber-300": {
        "line": Line.HOME,
        "kind": Kind.INTERNET,
        "name": "Fiber 300/300",
        "summary": "Fiber to your home with the same speed up as down: 300 Mbps both ways.",
        "description": "Plenty for a household streaming, gaming and working from home at the "
        "same time. Uploads are as fast as downloads, so video calls and backups never wait.",
        "technology": Technology.FIBER,
        "position": 30,
    },
    "fiber-1-gig": {
        "line": Line.HOME,
        "kind": Kind.INTERNET,
        "name": "Fiber 1 Gig",
        "summary": "Our fastest home plan: close to a gigabit down and up, for busy homes.",
        "description": "For homes with many people and devices, large downloads and 4K "
        "streaming on several screens. Includes a Wi-Fi 6 router.",
        "technology": Technology.FIBER,
        "position": 40,
    },
    "phone-fiber-300-bundle": {
        "line": Line.HOME,
        "kind": Kind.BUNDLE,
        "name": "Phone + Fiber 300 bundle",
        "summary": "Home Phone Essential and Fiber 300/300 together, for less than both apart.",
        "description": "Your phone line runs over the same fiber as your internet. One "
        "installation visit, one bill.",
        "technology": Technology.FIBER,
        "position": 50,
    },
    "sip-termination": {
        "line": Line.CARRIER,
        "kind": Kind.WHOLESALE,
        "name": "SIP termination",
        "summary": "Wholesale voice termination to the US, the Caribbean and Latin America.",
        "description": "Direct routes with daily quality reports per route (answer-seizure "
        "ratio, post-dial delay). Priced per minute for your traffic profile.",
        "quote_only": True,
        "position": 10,
    },
    "ethernet-private-line": {
        "line": Line.CARRIER,
        "kind": Kind.WHOLESALE,
        "name": "Ethernet private line",
        "summary": "Point-to-point Ethernet from 100 Mbit/s to 100 Gbit/s, with a service-level "
        "agreement.",
        "description": "Dedicated transport between your sites or to our switching centers, "
        "with committed availability and latency.",
        "quote_only": True,
        "position": 20,
    },
    "cordless-phone-dect-2": {
        "line": Line.RETAIL,
        "kind": Kind.DEVICE,
        "name": "Cordless phone DECT 2-handset",
        "summary": "Two cordless handsets with a clear, large display and talking caller ID.",
        "description": "Works with any Azultel phone line. Includes a base with answering "
        "machine and a second charging cradle.",
        "position": 10,
    },
    "wifi-6-mesh-router": {
        "line": Line.RETAIL,
        "kind": Kind.DEVICE,
        "name": "Wi-Fi 6 mesh router",
        "summary": "Two mesh units that cover a large home with fast, steady Wi-Fi.",
        "description": "Set up for your Azultel line before it ships. Add more units later "
        "for bigger homes.",
        "position": 20,
    },
    "battery-backup-phone": {
        "line": Line.RETAIL,
        "kind": Kind.ACCESSORY,
        "name": "Battery backup for phone service",
        "summary": "Keeps your fiber phone line working for up to 24 hours in a power cut.",
        "description": "Fiber phone service needs power at home. This battery keeps your line "
        "working during an outage so you can still call 911.",
        "position": 30,
    },
}

# slug -> state -> (monthly, install, one-time, intro monthly, intro months)
PRICES: dict[str, dict[str, tuple[str, str, str, str | None, int | None]]] = {
    "home-phone-essential": {
        "FL": ("24.99", "35.00", "0", None, None),
        "GA": ("26.99", "35.00", "0", None, None),
        "NY": ("29.99", "45.00", "0", None, None),
        "TX": ("25.99", "35.00", "0", None, None),
        "PR": ("19.99", "25.00", "0", None, None),
    },
    "dsl-25": {
        "FL": ("39.99", "0", "0", "29.99", 6),
        "GA": ("41.99", "0", "0", "29.99", 6),
        "TX": ("37.99", "0", "0", None, None),
        "PR": ("29.99", "0", "0", None, None),
    },
    "fiber-300": {
        "FL": ("55.00", "0", "0", "40.00", 12),
        "GA": ("60.00", "0", "0", "45.00", 12),
        "NY": ("65.00", "99.00", "0", None, None),
        "TX": ("50.00", "0", "0", "40.00", 12),
        "PR": ("45.00", "49.00", "0", None, None),
    },
    "fiber-1-gig": {
        "FL": ("75.00", "0", "0", "65.00", 12),
        "GA": ("80.00", "0", "0", None, None),
        "NY": ("90.00", "99.00", "0", None, None),
        "TX": ("75.00", "0", "0", None, None),
    },
    "phone-fiber-300-bundle": {
        "FL": ("69.99", "0", "0", "59.99", 12),
        "GA": ("74.99", "0", "0", None, None),
        "NY": ("84.99", "99.00", "0", None, None),
        "TX": ("66.99", "0", "0", None, None),
        "PR": ("59.99", "49.00", "0", None, None),
    },
    "sip-termination": dict.fromkeys(("FL", "GA", "NY", "TX", "PR"), ("0", "0", "0", None, None)),
    "ethernet-private-line": dict.fromkeys(("FL", "NY", "TX"), ("0", "0", "0", None, None)),
    "cordless-phone-dect-2": {
        "FL": ("0", "0", "59.99", None, None),
        "GA": ("0", "0", "59.99", None, None),
        "NY": ("0", "0", "64.99", None, None),
        "TX": ("0", "0", "57.99", None, None),
        "PR": ("0", "0", "62.99", None, None),
    },
    "wifi-6-mesh-router": {
        "FL": ("0", "0", "149.99", None, None),
        "GA": ("0", "0", "149.99", None, None),
        "NY": ("0", "0", "159.99", None, None),
        "TX": ("0", "0", "144.99", None, None),
        "PR": ("0", "0", "154.99", None, None),
    },
    "battery-backup-phone": {
        "FL": ("0", "0", "39.99", None, None),
        "GA": ("0", "0", "39.99", None, None),
        "NY": ("0", "0", "44.99", None, None),
        "TX": ("0", "0", "39.99", None, None),
        "PR": ("0", "0", "34.99", None, None),
    },
}

# slug -> (download, upload, latency ms, data GB or None, contract months, ETF, router monthly)
FACTS: dict[str, tuple[int, int, int, int | None, int, str, str]] = {
    "dsl-25": (25, 3, 38, None, 0, "0", "10.00"),
    "fiber-300": (300, 300, 9, None, 0, "0", "0"),
    "fiber-1-gig": (940, 880, 8, None, 12, "120.00", "0"),
    "phone-fiber-300-bundle": (300, 300, 9, None, 0, "0", "0"),
}

BUNDLES = {"phone-fiber-300-bundle": ["home-phone-essential", "fiber-300"]}

# (ZIP, state, city, copper, dsl, fiber)
SERVICE_AREAS: tuple[tuple[str, str, str, bool, bool, bool], ...] = (
    ("33131", "FL", "Miami", True, True, True),
    ("33139", "FL", "Miami Beach", True, False, True),
    ("32801", "FL", "Orlando", True, True, False),
    ("30303", "GA", "Atlanta", True, True, True),
    ("30060", "GA", "Marietta", True, True, False),
    ("00901", "PR", "San Juan", True, True, True),
    ("00926", "PR", "San Juan", False, False, True),
    ("00680", "PR", "Mayagüez", True, True, False),
)

# (ZIP, street, technology, available)
SERVICE_STREETS: tuple[tuple[str, str, str, bool], ...] = (
    ("33139", "Ocean Drive", Technology.FIBER, False),
    ("30060", "Roswell Street", Technology.FIBER, True),
)


def demo_seed() -> list[DemoSignIn]:
    products = {
        slug: services.product_upsert(actor=None, slug=slug, **fields)
        for slug, fields in PRODUCTS.items()
    }
    for slug, by_state in PRICES.items():
        for state, (monthly, install, one_time, intro, intro_months) in by_state.items():
            services.state_price_set(
                actor=None,
                product=products[slug],
                state=state,
                monthly_price=Decimal(monthly),
                install_fee=Decimal(install),
                one_time_price=Decimal(one_time),
                intro_monthly_price=Decimal(intro) if intro is not None else None,
                intro_months=intro_months,
            )
    for slug, (down, up, latency, data, contract, etf, router) in FACTS.items():
        services.broadband_facts_set(
            actor=None,
            product=products[slug],
            typical_download_mbps=down,
            typical_upload_mbps=up,
            typical_latency_ms=latency,
            data_allowance_gb=data,
            contract_months=contract,
            early_termination_fee=etf,
            equipment_monthly_fee=router,
        )
    for bundle, items in BUNDLES.items():
        for position, item in enumerate(items):
            services.bundle_item_set(
                actor=None, bundle=products[bundle], item=products[item], position=position
            )
    areas = {}
    for zip_code, state, city, copper, dsl, fiber in SERVICE_AREAS:
        areas[zip_code] = services.service_area_set(
            actor=None, zip_code=zip_code, state=state, city=city, copper=copper, dsl=dsl,
            fiber=fiber,
        )  # fmt: skip
    for zip_code, street, technology, available in SERVICE_STREETS:
        services.service_street_set(
            actor=None,
            area=areas[zip_code],
            street=street,
            technology=technology,
            available=available,
        )
    return []
