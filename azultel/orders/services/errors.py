"""The refusals the orders services raise. Each message is shown to the person as is."""

from __future__ import annotations


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


class TransitionRefused(OrderError):
    pass


class OrderNotFound(LookupError):
    """An idempotency key that belongs to someone else's order: treated as no such order."""
