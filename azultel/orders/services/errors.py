"""The refusals the orders services raise. Each message is shown to the person as is."""

from __future__ import annotations

from decimal import Decimal

from azultel.orders.money import OrderMoney


class OrderError(ValueError):
    """A request the ordering rules refuse; the message is shown to the person as is.

    Raised before anything is written (or with everything rolled back).
    """


class CartRefused(OrderError):
    pass


class CheckoutRefused(OrderError):
    """A checkout step refused; ``problems`` lists every reason in plain words."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems


class OrderRefused(OrderError):
    pass


class ReviewChanged(OrderRefused):
    """What the customer reviewed is no longer what would be ordered (an item, a price, an
    address or an amount changed): nothing was charged or saved; show the review again."""


class AmountChanged(ReviewChanged):
    """The amount due today is not the one the customer confirmed (a deposit from the credit
    decision, a tax rate, a price or promotion, the cart). ``money`` is the new ``OrderMoney``;
    ``deposit_decided`` the deposit a credit decision just asked for (None: no new decision),
    ``bureau_reference`` that decision's reference."""

    def __init__(
        self,
        message: str,
        *,
        money: OrderMoney,
        deposit_decided: Decimal | None = None,
        bureau_reference: str = "",
    ) -> None:
        super().__init__(message)
        self.money = money
        self.deposit_decided = deposit_decided
        self.bureau_reference = bureau_reference


class TransitionRefused(OrderError):
    pass


class OrderNotFound(LookupError):
    """An idempotency key that belongs to someone else's order: treated as no such order."""
