"""The US states and territories Azultel can price a product in, and reading a state code safely.

The list is django-localflavor's ``US_STATES`` (the 50 states and the District of Columbia) plus
``US_TERRITORIES`` (American Samoa, Guam, Northern Mariana Islands, Puerto Rico, U.S. Virgin
Islands): places where a line can be installed or a device delivered. Military mail codes
(AA/AE/AP), the freely associated states (FM/MH/PW) and obsolete codes are left out on purpose:
nothing is installed there, so nothing is priced there.
"""

from __future__ import annotations

import re
from functools import cache

from localflavor.us.us_states import US_STATES, US_TERRITORIES

_CODE = re.compile(r"[A-Za-z]{2}")


@cache
def service_state_choices() -> tuple[tuple[str, str], ...]:
    """(code, name) pairs, sorted by name, for forms and model field choices."""
    pairs = [(code, str(name)) for code, name in (*US_STATES, *US_TERRITORIES)]
    return tuple(sorted(pairs, key=lambda pair: pair[1]))


@cache
def service_state_codes() -> frozenset[str]:
    return frozenset(code for code, _ in (*US_STATES, *US_TERRITORIES))


def state_name(code: str) -> str:
    """The full name for a valid code ("FL" -> "Florida"); the code itself when unknown."""
    return dict(service_state_choices()).get(code, code)


def state_code_clean(raw: object) -> str | None:
    """A valid two-letter code (upper case) from untrusted input, or None.

    Accepts only exactly two ASCII letters naming a state or territory in the list above, in any
    letter case; anything else (padding, separators, longer values) is refused, not repaired.
    """
    if not isinstance(raw, str) or not _CODE.fullmatch(raw):
        return None
    code = raw.upper()
    return code if code in service_state_codes() else None
