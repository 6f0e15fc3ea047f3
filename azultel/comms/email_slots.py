"""The "email slot": a place in a campaign email that another app may fill with an offer.

Marketing (which writes the email) and ads (which chooses the offer) sit side by side in the
layers, so neither imports the other: ads registers a provider here and marketing asks for the
slot's content through ``email_slot_content``. The only input is the recipient's state (the
state on their address of record) and the day: nothing that identifies the person (P28), and
what comes back is the same for everyone in that state, so a bulk send renders it once per state.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.safestring import SafeString


@dataclass(frozen=True)
class EmailSlotContent:
    """What fills the slot: an HTML block (with its beacon) and the same offer as plain text."""

    html: SafeString
    text: str


EmailSlotProvider = Callable[[str | None, dt.date], EmailSlotContent | None]
_providers: list[EmailSlotProvider] = []


def email_slot_provider_register(provider: EmailSlotProvider) -> None:
    """Called from an app's ``registrations.register()``; registering twice keeps one."""
    if provider not in _providers:
        _providers.append(provider)


def email_slot_content(*, state: str | None, today: dt.date) -> EmailSlotContent | None:
    """The first provider's content for this state and day, or None (the slot stays empty)."""
    for provider in _providers:
        content = provider(state, today)
        if content is not None:
            return content
    return None
