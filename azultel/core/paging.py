"""Staff lists, one page at a time: Django's Paginator plus the filter query kept in every link.

    listing = list_page(request, rows)          # rows: a QuerySet (sliced, so one query a page)
    render(..., {"listing": listing})
    {% include "core/staff_pagination.html" with listing=listing %}

The page links repeat the request's own filters (everything in the query string but ``page``),
so moving between pages never drops a filter.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

if TYPE_CHECKING:
    # What Paginator accepts (a QuerySet, a list): a protocol of django-stubs, not of Django.
    from django.core.paginator import _SupportsPagination

PAGE_SIZE = 25


_Row = TypeVar("_Row")


@dataclass(frozen=True)
class ListPage(Generic[_Row]):
    page: Page[_Row]
    query: str  # the filters, URL-encoded, without ``page``
    numbers: list[int | str]  # page numbers to link, with "…" where some are left out

    @property
    def rows(self) -> _SupportsPagination[_Row]:
        """This page's rows (a sliced queryset stays lazy: one query when read)."""
        return self.page.object_list


def list_page(
    request: HttpRequest, rows: _SupportsPagination[_Row], *, per_page: int | None = None
) -> ListPage[_Row]:
    """One page of ``rows`` (``PAGE_SIZE`` unless told), read at call time."""
    paginator = Paginator(rows, per_page or PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    numbers = list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
    return ListPage(page=page, query=query.urlencode(), numbers=numbers)
