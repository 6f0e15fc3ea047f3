"""Numbers we issue: order numbers (AZ-2026-000123) and telephone numbers from a state's pool.

Both are called inside the caller's transaction and lock one counter row, so two orders never
get the same number and a rolled-back order gives its number back.
"""

from __future__ import annotations

from django.db.models import F
from django.utils import timezone

from azultel.orders.models import NumberPool, OrderNumberCounter

# Where a state's first pool comes from when staff have not added one (admin: Number pools).
# Exchange 555 keeps these demo blocks out of real customers' way.
DEFAULT_AREA_CODES: dict[str, str] = {
    "FL": "305",
    "GA": "404",
    "NY": "212",
    "TX": "512",
    "PR": "787",
}


class NumbersExhausted(RuntimeError):
    """No telephone number is left in any active pool of the state."""


def order_number_next() -> str:
    """The next order number of this year, e.g. ``AZ-2026-000123``."""
    year = timezone.localdate().year
    OrderNumberCounter.objects.get_or_create(year=year)
    counter = OrderNumberCounter.objects.select_for_update().get(year=year)
    OrderNumberCounter.objects.filter(year=year).update(last=F("last") + 1)
    return f"AZ-{year}-{counter.last + 1:06d}"


def phone_number_assign(*, state: str) -> str:
    """Take the next free number of the state's first active pool (E.164, +1AAAEEELLLL)."""
    pool = (
        NumberPool.objects.select_for_update()
        .filter(state=state, is_active=True, next_line__lte=F("last_line"))
        .order_by("id")
        .first()
    )
    if pool is None:
        if NumberPool.objects.filter(state=state).exists() or state not in DEFAULT_AREA_CODES:
            raise NumbersExhausted(
                f"No telephone numbers are left in {state}: add a number pool in the admin."
            )
        pool = NumberPool.objects.create(
            state=state, area_code=DEFAULT_AREA_CODES[state], exchange="555"
        )
        pool = NumberPool.objects.select_for_update().get(pk=pool.pk)
    line = pool.next_line
    NumberPool.objects.filter(pk=pool.pk).update(next_line=F("next_line") + 1)
    return f"+1{pool.area_code}{pool.exchange}{line:04d}"
