"""Reads of the phone directory (P06). The listing choice decides everything:

* listed: the public online directory, directory assistance and the publisher feed;
* not listed: directory assistance only;
* not published: nowhere (and the line keeps no name or address to list).
"""

from __future__ import annotations

from dataclasses import dataclass

import phonenumbers
from django.db.models import Q, QuerySet
from django.utils import timezone

from azultel.accounts.models import User
from azultel.orders.models import ListingChoice, PhoneLine, ServiceStatus

PAGE_SIZE = 10
PUBLIC_MAX_PAGES = 5


@dataclass(frozen=True)
class DirectoryEntry:
    name: str
    street: str
    city: str
    state: str
    zip_code: str
    number: str

    @property
    def number_display(self) -> str:
        parsed = phonenumbers.parse(self.number, "US")
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)


def _live_lines() -> QuerySet[PhoneLine]:
    today = timezone.localdate()
    return PhoneLine.objects.filter(service__status=ServiceStatus.ACTIVE).filter(
        Q(service__ended_on__isnull=True) | Q(service__ended_on__gte=today)
    )


def number_normalise(raw: str) -> str | None:
    """A US number in E.164 form, or None if it is not a valid number."""
    try:
        parsed = phonenumbers.parse(raw, "US")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


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


def _entries(lines: QuerySet[PhoneLine], *, limit: slice) -> list[DirectoryEntry]:
    rows = lines.order_by("listed_name", "listed_city", "number").values_list(
        "listed_name", "listed_street", "listed_city", "listed_state", "listed_zip", "number"
    )[limit]
    return [DirectoryEntry(*row) for row in rows]


@dataclass(frozen=True)
class SearchPage:
    entries: list[DirectoryEntry]
    page: int
    has_next: bool


def directory_public_search(
    *, name: str = "", city: str = "", state: str = "", number: str = "", page: int = 1
) -> SearchPage:
    """Listed entries only, one page at a time, at most PUBLIC_MAX_PAGES pages deep."""
    page = max(1, min(page, PUBLIC_MAX_PAGES))
    lines = _matching(
        _live_lines().filter(listing_choice=ListingChoice.LISTED),
        name=name,
        city=city,
        state=state,
        number=number,
    )
    start = (page - 1) * PAGE_SIZE
    # One row more than a page tells whether a next page exists, without counting everything.
    entries = _entries(lines, limit=slice(start, start + PAGE_SIZE + 1))
    has_next = len(entries) > PAGE_SIZE and page < PUBLIC_MAX_PAGES
    return SearchPage(entries[:PAGE_SIZE], page, has_next)


def directory_assistance_search(
    *, name: str = "", city: str = "", state: str = "", number: str = ""
) -> list[DirectoryEntry]:
    """Listed and not-listed entries for operators; never a not-published one."""
    lines = _matching(
        _live_lines().filter(listing_choice__in=[ListingChoice.LISTED, ListingChoice.NON_LISTED]),
        name=name,
        city=city,
        state=state,
        number=number,
    )
    return _entries(lines, limit=slice(0, 50))


def directory_feed_lines() -> QuerySet[PhoneLine]:
    """What the directory publisher receives: listed entries only."""
    return (
        _live_lines()
        .filter(listing_choice=ListingChoice.LISTED)
        .select_related("service")
        .order_by("listed_state", "listed_city", "listed_name", "number")
    )


def phone_lines_for_customer(*, customer: User) -> list[PhoneLine]:
    return list(
        _live_lines()
        .filter(service__customer=customer)
        .select_related("service")
        .order_by("number")
    )


def phone_line_get_for_customer(*, customer: User, number: str) -> PhoneLine | None:
    return (
        _live_lines()
        .filter(service__customer=customer, number=number)
        .select_related("service")
        .first()
    )
