"""What marketing's services refuse with: a message for staff, and the form field it is about."""

from __future__ import annotations


class CampaignRejected(ValueError):
    """A campaign change that may not be made; nothing was written."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field
