"""The account overview's sections (P11). Orders, services and bills come from their own apps.

An app registers a section from its AppConfig.ready()::

    overview_section_register("orders", title="Orders", order=20,
                              template="orders/account_overview.html",
                              context=lambda user: {"orders": recent_orders(user)})

A section nobody registered shows its empty state.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from azultel.accounts.models import User


@dataclass(frozen=True)
class OverviewSection:
    key: str
    title: str
    order: int
    empty_text: str
    template: str | None = None
    context: Callable[[Any], dict[str, object]] | None = None


_sections: dict[str, OverviewSection] = {
    "services": OverviewSection(
        "services", "Your services", 10, "You have no Azultel services on this account yet."
    ),
    "orders": OverviewSection(
        "orders", "Your orders", 20, "You have not placed any orders online."
    ),
    "bills": OverviewSection(
        "bills", "Your bills", 30, "Bills appear here once your first billing period ends."
    ),
}


def overview_section_register(
    key: str,
    *,
    title: str,
    order: int,
    template: str,
    context: Callable[[Any], dict[str, object]],
    empty_text: str = "",
) -> None:
    current = _sections.get(key)
    _sections[key] = OverviewSection(
        key, title, order, empty_text or (current.empty_text if current else ""), template, context
    )


def overview_sections() -> list[OverviewSection]:
    return sorted(_sections.values(), key=lambda s: s.order)


@dataclass(frozen=True)
class StaffTool:
    title: str
    url_name: str
    permission: str
    description: str
    icon: str = "briefcase"  # a name from the vendored icon set (azultel/core/icons/)


_staff_tools: dict[str, StaffTool] = {}


def staff_tool_register(tool: StaffTool) -> None:
    """A staff page shown on /staff/ to holders of ``tool.permission``."""
    _staff_tools[tool.url_name] = tool


def staff_tools_for(user: User) -> list[tuple[StaffTool, str]]:
    from django.urls import NoReverseMatch, reverse

    found = []
    for tool in _staff_tools.values():
        if not user.has_perm(tool.permission):
            continue
        try:
            found.append((tool, reverse(tool.url_name)))
        except NoReverseMatch:
            continue
    return sorted(found, key=lambda pair: pair[0].title)
