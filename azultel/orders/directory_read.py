"""What the directory may read of orders: live phone lines and how each is listed (P06).

The directory app imports this module and ``orders.listing`` (its one write), never
``orders.models`` or ``orders.services`` (an import-linter contract): the columns it reads
are named here, so a change to orders' tables is seen in one place.

* listed: the public online directory, directory assistance and the publisher feed;
* not listed: directory assistance only;
* not published: nowhere (and the line keeps no name or address to list).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone

from azultel.accounts.models import User
from azultel.orders.models import LISTING_EXPLANATIONS, ListingChoice, PhoneLine, ServiceStatus

__all__ = [
    "ENTRY_COLUMNS",
    "LISTING_EXPLANATIONS",
    "ListingChoice",
    "PhoneLine",
    "customer_line",
    "customer_lines",
    "feed_rows",
    "listed_entry_rows",
]

#: The columns of one directory entry, in order: name, street, city, state, ZIP, number.
ENTRY_COLUMNS = (
    "listed_name",
    "listed_street",
    "listed_city",
    "listed_state",
    "listed_zip",
    "number",
)

#: A publisher feed row: the ENTRY_COLUMNS, then the customer's id.
FeedRow = tuple[str, str, str, str, str, str, int]


def _live_lines() -> QuerySet[PhoneLine]:
    today = timezone.localdate()
    return PhoneLine.objects.filter(service__status=ServiceStatus.ACTIVE).filter(
        Q(service__ended_on__isnull=True) | Q(service__ended_on__gte=today)
    )


def _matching(
    lines: QuerySet[PhoneLine], *, name: str, city: str, state: str, number: str
) -> QuerySet[PhoneLine]:
    if number:
        return lines.filter(number=number)
    for word in name.split():
        lines = lines.filter(listed_name__icontains=word)
    if city:
        lines = lines.filter(listed_city__iexact=city)
    if state:
        lines = lines.filter(listed_state=state)
    return lines


def listed_entry_rows(
    *,
    choices: list[str],
    name: str = "",
    city: str = "",
    state: str = "",
    number: str = "",
    limit: slice,
) -> list[tuple[str, str, str, str, str, str]]:
    """Entries of live lines with one of ``choices``, matching the search, in ENTRY_COLUMNS."""
    lines = _matching(
        _live_lines().filter(listing_choice__in=choices),
        name=name,
        city=city,
        state=state,
        number=number,
    )
    rows = lines.order_by("listed_name", "listed_city", "number").values_list(*ENTRY_COLUMNS)
    return list(rows[limit])


def feed_rows() -> list[FeedRow]:
    """The publisher feed: listed live lines, ENTRY_COLUMNS then the customer's id."""
    return list(
        _live_lines()
        .filter(listing_choice=ListingChoice.LISTED)
        .order_by("listed_state", "listed_city", "listed_name", "number")
        .values_list(*ENTRY_COLUMNS, "service__customer_id")
    )


def customer_lines(*, customer: User) -> list[PhoneLine]:
    """A customer's live phone lines, with their service, by number."""
    return list(
        _live_lines()
        .filter(service__customer=customer)
        .select_related("service")
        .order_by("number")
    )


def customer_line(*, customer: User, number: str) -> PhoneLine | None:
    """One live line of this customer, or None (another customer's number included)."""
    return (
        _live_lines()
        .filter(service__customer=customer, number=number)
        .select_related("service")
        .first()
    )
