"""Account-change notices (P13, P30): sent at once, to the contact details on record before the
change, through the always-sent security category, never showing the new value."""

from __future__ import annotations

from azultel.accounts.models import User
from azultel.comms.services import message_send

CHANGES = {
    "password": "The password of your Azultel account was changed.",
    "email": "The email address of your Azultel account was changed.",
    "address": "The address of record on your Azultel account was changed.",
    "phone": "The contact phone number on your Azultel account was changed.",
    "name": "The name on your Azultel account was changed.",
    "two_factor_on": "Two-step sign-in was turned on for your Azultel account.",
    "two_factor_off": "Two-step sign-in was turned off for your Azultel account.",
    "recovery_codes": "New recovery codes were created for your Azultel account.",
    "erased": "Your Azultel online account has been deleted, as you asked.",
}


def account_change_notice(*, user: User, change: str, recipients: list[str]) -> None:
    """Queue one notice per distinct recipient; the text names the change, never the new value."""

    if change not in CHANGES:
        raise ValueError(f"Unknown account change {change!r}.")
    for address in dict.fromkeys(a.strip().lower() for a in recipients if a and a.strip()):
        message_send(
            category="security",
            to=address,
            template="accounts_change_notice",
            context={
                "given_name": user.given_name,
                "change_text": CHANGES[change],
                "change": change,
            },
            sensitive=True,
        )
