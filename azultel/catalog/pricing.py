"""Price resolution: one strategy object, used by every page and every app that shows a price.

A ``PriceStrategy`` is bound to one state. It answers "what does this product cost here?"
(``price``) and "which of these products are offered here, with their prices?" (``offered``).
Pages, orders and billing ask the strategy; none of them reads StatePrice or computes a price
itself. ``strategy_for_request`` builds the strategy for a visitor from, in order:

1. a valid ``?state=XX`` in the URL (works without cookies and makes a state's prices
   shareable; an invalid value is ignored and reported, never stored);
2. the state cookie (``settings.STATE_COOKIE_NAME``), which holds only the two-letter code;
3. nothing: there is no strategy and the page asks the visitor for a state.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from django.conf import settings
from django.db.models import CharField, F, FilteredRelation, Q, QuerySet, Value

from azultel.catalog.models import Product, StatePrice
from azultel.catalog.states import state_code_clean, state_name

if TYPE_CHECKING:
    from django.http import HttpRequest

STATE_PARAM = "state"
StateSource = Literal["query", "cookie"]

# Attribute names ``annotate_prices`` puts on each product. ``offer_for_state`` marks which
# state the other values belong to; a null ``offer_monthly`` then means "not offered there".
_ANNOTATED_STATE = "offer_for_state"
_ANNOTATED = {
    "offer_monthly": "state_price__monthly_price",
    "offer_one_time": "state_price__one_time_price",
    "offer_install": "state_price__install_fee",
    "offer_intro_monthly": "state_price__intro_monthly_price",
    "offer_intro_months": "state_price__intro_months",
}


@dataclass(frozen=True)
class Price:
    """What a product costs in one state, in US dollars."""

    state: str
    monthly: Decimal
    one_time: Decimal
    install_fee: Decimal
    intro_monthly: Decimal | None = None
    intro_months: int | None = None
    quote_only: bool = False

    @property
    def has_intro(self) -> bool:
        return self.intro_monthly is not None and self.intro_months is not None

    @property
    def first_monthly(self) -> Decimal:
        """The monthly price charged first: the introductory one when there is one."""
        return self.intro_monthly if self.intro_monthly is not None else self.monthly

    @property
    def due_at_order(self) -> Decimal:
        """One-time charges at order: purchase price plus installation or activation."""
        return self.one_time + self.install_fee

    @property
    def is_recurring(self) -> bool:
        return self.monthly > 0 or self.intro_monthly is not None


class PriceStrategy:
    """Prices for one state. Build it with a valid code; ``strategy_for_request`` for visitors."""

    def __init__(self, state: str, *, source: StateSource | None = None) -> None:
        code = state_code_clean(state)
        if code is None or code != state:
            raise ValueError(f"{state!r} is not a state or territory Azultel prices in.")
        self.state = code
        self.source = source

    def __repr__(self) -> str:
        return f"PriceStrategy({self.state!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PriceStrategy) and other.state == self.state

    def __hash__(self) -> int:
        return hash(self.state)

    @property
    def state_name(self) -> str:
        return state_name(self.state)

    def annotate_prices(self, queryset: QuerySet[Product]) -> QuerySet[Product]:
        """Every product of ``queryset`` with this state's price annotated (null when none).

        One LEFT JOIN, no query per product: ``price(product)`` then reads the annotation and
        returns None for a product this state has no price for.
        """
        return queryset.annotate(
            state_price=FilteredRelation("prices", condition=Q(prices__state=self.state)),
            **{_ANNOTATED_STATE: Value(self.state, output_field=CharField())},
        ).annotate(**{name: F(path) for name, path in _ANNOTATED.items()})

    def offered(self, queryset: QuerySet[Product]) -> QuerySet[Product]:
        """Only the active products priced in this state, each annotated with that price."""
        # Filtering on an annotation by name: spelled as a dict so type checkers accept it.
        return self.annotate_prices(queryset.filter(is_active=True)).filter(
            **{"offer_monthly__isnull": False}
        )

    def price(self, product: Product) -> Price | None:
        """The product's price in this state, or None when it is not offered here."""
        if not product.is_active:
            return None
        if getattr(product, _ANNOTATED_STATE, None) == self.state:
            if product.offer_monthly is None:  # type: ignore[attr-defined]
                return None
            return Price(
                state=self.state,
                monthly=product.offer_monthly,  # type: ignore[attr-defined]
                one_time=product.offer_one_time,  # type: ignore[attr-defined]
                install_fee=product.offer_install,  # type: ignore[attr-defined]
                intro_monthly=product.offer_intro_monthly,  # type: ignore[attr-defined]
                intro_months=product.offer_intro_months,  # type: ignore[attr-defined]
                quote_only=product.quote_only,
            )
        row = StatePrice.objects.filter(product=product, state=self.state).first()
        return self.price_from_row(product, row) if row is not None else None

    def price_from_row(self, product: Product, row: StatePrice) -> Price:
        """A Price from an already loaded StatePrice row of this state."""
        if row.state != self.state:
            raise ValueError(f"That price is for {row.state}, not {self.state}.")
        return Price(
            state=self.state,
            monthly=row.monthly_price,
            one_time=row.one_time_price,
            install_fee=row.install_fee,
            intro_monthly=row.intro_monthly_price,
            intro_months=row.intro_months,
            quote_only=product.quote_only,
        )


@dataclass(frozen=True)
class StateResolution:
    """Which state a request's prices follow, where that came from, and any refused input."""

    state: str | None
    source: StateSource | None
    rejected_query: bool = False
    rejected_cookie: bool = False

    @property
    def strategy(self) -> PriceStrategy | None:
        return PriceStrategy(self.state, source=self.source) if self.state else None

    @property
    def query_suffix(self) -> str:
        """ "?state=XX" when the state came from the URL, so links keep it without a cookie."""
        return f"?{STATE_PARAM}={self.state}" if self.source == "query" else ""


def state_resolve(request: HttpRequest) -> StateResolution:
    """The visitor's state: a valid ``?state=`` first, then the state cookie, else none."""

    raw_query = request.GET.get(STATE_PARAM)
    rejected_query = False
    if raw_query is not None and raw_query != "":
        code = state_code_clean(raw_query)
        if code is not None:
            return StateResolution(code, "query")
        rejected_query = True
    raw_cookie = request.COOKIES.get(settings.STATE_COOKIE_NAME)
    if raw_cookie is not None:
        # The cookie is only ever written with an exact upper-case code; anything else was not
        # written by us and is ignored rather than repaired.
        code = state_code_clean(raw_cookie)
        if code is not None and code == raw_cookie:
            return StateResolution(code, "cookie", rejected_query=rejected_query)
        return StateResolution(None, None, rejected_query=rejected_query, rejected_cookie=True)
    return StateResolution(None, None, rejected_query=rejected_query)


def strategy_for_request(request: HttpRequest) -> PriceStrategy | None:
    """The price strategy for this visitor's state, or None when no valid state is known."""
    return state_resolve(request).strategy
