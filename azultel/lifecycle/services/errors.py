"""The refusals of service changes: the message is shown as is, next to ``field`` when given."""

from __future__ import annotations


class ChangeRefused(Exception):
    """A change that cannot be made; nothing was saved."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
