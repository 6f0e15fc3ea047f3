"""Billing account numbers: twelve digits printed as 8001-2345-6789.

A number is derived from the customer's id (a database sequence): the id is spread over ten
digits by a fixed permutation (so neighbouring customers do not get neighbouring numbers), after
a leading 8, and a Luhn check digit closes it so a mistyped number is caught before any lookup.
The same customer always gets the same number, which is what lets the billing run create
accounts in bulk without asking the database for numbers first.
"""

from __future__ import annotations

import re

from stdnum import luhn

_SPACE = 10**10
# Odd and not a multiple of 5, so multiplying by it permutes 0 .. 10**10 - 1.
_MULTIPLIER = 7_919_131_003
_OFFSET = 1_234_567_891
_SHAPE = re.compile(r"^\d{4}-\d{4}-\d{4}$")


def account_number_for(sequence_value: int) -> str:
    """The account number for a customer id: ``account_number_for(1)`` -> "8915-3698-8944"."""
    value = int(sequence_value)
    if not 0 < value < _SPACE:
        raise ValueError("Account numbers cover customer ids from 1 to 9,999,999,999.")
    body = f"8{(value * _MULTIPLIER + _OFFSET) % _SPACE:010d}"
    digits = body + luhn.calc_check_digit(body)
    return f"{digits[0:4]}-{digits[4:8]}-{digits[8:12]}"


def account_number_normalise(text: str) -> str | None:
    """A typed account number (spaces or dashes anywhere) in its printed form, or None if it
    cannot be one (wrong length or check digit)."""
    digits = "".join(ch for ch in str(text) if ch.isdigit())
    if len(digits) != 12 or not digits.startswith("8") or not luhn.is_valid(digits):
        return None
    printed = f"{digits[0:4]}-{digits[4:8]}-{digits[8:12]}"
    return printed if _SHAPE.match(printed) else None
