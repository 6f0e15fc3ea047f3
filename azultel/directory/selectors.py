"""Reads of the phone directory (P06), through orders' read interface
(``orders.directory_read``). The listing choice decides everything:

* listed: the public online directory, directory assistance and the publisher feed;
* not listed: directory assistance only;
* not published: nowhere (and the line keeps no name or address to list).
"""

from __future__ import annotations

from dataclasses import dataclass

import phonenumbers

from azultel.accounts.models import User
from azultel.orders import directory_read
from azultel.orders.directory_read import FeedRow, ListingChoice, PhoneLine

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


def number_normalise(raw: str) -> str | None:
    """A US number in E.164 form, or None if it is not a valid number."""
    try:
        parsed = phonenumbers.parse(raw, "US")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


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
    start = (page - 1) * PAGE_SIZE
    # One row more than a page tells whether a next page exists, without counting everything.
    entries = [
        DirectoryEntry(*row)
        for row in directory_read.listed_entry_rows(
            choices=[ListingChoice.LISTED],
            name=name,
            city=city,
            state=state,
            number=number,
            limit=slice(start, start + PAGE_SIZE + 1),
        )
    ]
    has_next = len(entries) > PAGE_SIZE and page < PUBLIC_MAX_PAGES
    return SearchPage(entries[:PAGE_SIZE], page, has_next)


def directory_assistance_search(
    *, name: str = "", city: str = "", state: str = "", number: str = ""
) -> list[DirectoryEntry]:
    """Listed and not-listed entries for operators; never a not-published one."""
    return [
        DirectoryEntry(*row)
        for row in directory_read.listed_entry_rows(
            choices=[ListingChoice.LISTED, ListingChoice.NON_LISTED],
            name=name,
            city=city,
            state=state,
            number=number,
            limit=slice(0, 50),
        )
    ]


def directory_feed_rows() -> list[FeedRow]:
    """What the directory publisher receives: listed entries only (then the customer's id)."""
    return directory_read.feed_rows()


def phone_lines_for_customer(*, customer: User) -> list[PhoneLine]:
    return directory_read.customer_lines(customer=customer)


def phone_line_get_for_customer(*, customer: User, number: str) -> PhoneLine | None:
    return directory_read.customer_line(customer=customer, number=number)
