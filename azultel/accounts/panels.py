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

from django.urls import NoReverseMatch, reverse

from azultel.accounts.models import User
from azultel.accounts.roles import Role


@dataclass(frozen=True)
class OverviewSection:
    key: str
    title: str
    order: int
    empty_text: str
    template: str | None = None
    context: Callable[[User], dict[str, object]] | None = None
    icon: str = "info"  # a name from the vendored icon set, shown on the section's card


_sections: dict[str, OverviewSection] = {
    "services": OverviewSection(
        "services",
        "Your services",
        10,
        "You have no Azultel services on this account yet.",
        icon="wifi",
    ),
    "orders": OverviewSection(
        "orders", "Your orders", 20, "You have not placed any orders online.", icon="package"
    ),
    "bills": OverviewSection(
        "bills",
        "Your bills",
        30,
        "Bills appear here once your first billing period ends.",
        icon="receipt",
    ),
}


def overview_section_register(
    key: str,
    *,
    title: str,
    order: int,
    template: str,
    context: Callable[[User], dict[str, object]],
    empty_text: str = "",
    icon: str = "",
) -> None:
    current = _sections.get(key)
    _sections[key] = OverviewSection(
        key,
        title,
        order,
        empty_text or (current.empty_text if current else ""),
        template,
        context,
        icon or (current.icon if current else "info"),
    )


def overview_sections() -> list[OverviewSection]:
    return sorted(_sections.values(), key=lambda s: s.order)


@dataclass(frozen=True)
class StaffQueue:
    """Work waiting in a staff tool, counted for the staff home.

    ``count`` runs exactly one query (a ``count()`` or an aggregate), whatever the number of rows,
    so the staff home runs one query per queue its roles show. ``query`` is added to the tool's
    address to open the list filtered to that work (for example ``status=failed``).
    """

    label: str  # what is counted, plural: "orders in progress"
    count: Callable[[], int]
    query: str = ""


@dataclass(frozen=True)
class StaffTool:
    title: str
    url_name: str
    permission: str
    description: str
    icon: str = "briefcase"  # a name from the vendored icon set (azultel/core/icons/)
    queues: tuple[StaffQueue, ...] = ()


_staff_tools: dict[str, StaffTool] = {}


def staff_tool_register(tool: StaffTool) -> None:
    """A staff page shown on /staff/ to holders of ``tool.permission``."""
    _staff_tools[tool.url_name] = tool


def staff_tools_for(user: User) -> list[tuple[StaffTool, str]]:
    found = []
    for tool in _staff_tools.values():
        if not user.has_perm(tool.permission):
            continue
        try:
            found.append((tool, reverse(tool.url_name)))
        except NoReverseMatch:
            continue
    return sorted(found, key=lambda pair: pair[0].title)


@dataclass(frozen=True)
class StaffQueueCount:
    label: str
    count: int
    url: str


def staff_queues_for(tools: list[tuple[StaffTool, str]]) -> dict[str, list[StaffQueueCount]]:
    """Each tool's queues with their counts, keyed by the tool's URL name (one query a queue)."""
    return {
        tool.url_name: [
            StaffQueueCount(
                queue.label, queue.count(), f"{url}?{queue.query}" if queue.query else url
            )
            for queue in tool.queues
        ]
        for tool, url in tools
    }


@dataclass(frozen=True)
class StaffHomeTool:
    tool: StaffTool
    url: str
    queues: list[StaffQueueCount]


@dataclass(frozen=True)
class StaffHomeSection:
    title: str
    description: str
    tools: list[StaffHomeTool]


def staff_home_sections(
    *,
    tools: list[tuple[StaffTool, str]],
    roles: list[Role],
    queues: dict[str, list[StaffQueueCount]],
) -> list[StaffHomeSection]:
    """The staff home's sections: one per role the member holds, listing the tools that role
    opens; a tool reached only through a permission outside every role goes under "Other tools".
    A tool two roles share appears under both, counted once."""
    placed: set[str] = set()
    sections = []
    for role in roles:
        own = [
            StaffHomeTool(tool, url, queues.get(tool.url_name, []))
            for tool, url in tools
            if tool.permission in role.permissions
        ]
        placed.update(item.tool.url_name for item in own)
        if own:
            sections.append(StaffHomeSection(role.title, role.description, own))
    rest = [
        StaffHomeTool(tool, url, queues.get(tool.url_name, []))
        for tool, url in tools
        if tool.url_name not in placed
    ]
    if rest:
        sections.append(StaffHomeSection("Other tools", "", rest))
    return sections
