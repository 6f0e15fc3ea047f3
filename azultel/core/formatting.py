"""How values are written for people: telephone numbers as a customer reads them."""

from __future__ import annotations

import phonenumbers


def phone_for_people(value: str | None, region: str = "US") -> str:
    """``+13055550100`` as ``(305) 555-0100``; a number from abroad in international form.

    Anything that does not parse as a telephone number is returned unchanged, so a template
    never shows less than it was given.
    """
    if not value:
        return ""
    try:
        parsed = phonenumbers.parse(str(value), region)
    except phonenumbers.NumberParseException:
        return str(value)
    if not phonenumbers.is_possible_number(parsed):
        return str(value)
    if phonenumbers.region_code_for_number(parsed) == region or parsed.country_code == 1:
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
