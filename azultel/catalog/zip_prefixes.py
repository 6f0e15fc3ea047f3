"""Which state a ZIP code belongs to, from the first three digits (the ZIP-3 prefix).

Used to turn a ZIP code a visitor types into the state whose prices they see, when the ZIP is not
one of Azultel's own service areas (those carry their state). The table below is data: inclusive
ranges of ZIP-3 prefixes, each with the state or territory the Postal Service assigns them to,
written from USPS prefix allocations. A few prefixes are split at the five-digit level (the
Pacific territories); those are listed in ``_FIVE_DIGIT_RANGES`` and checked first.

It chooses prices, it does not validate addresses: an unassigned prefix inside a state's range
maps to that state, and prefixes for military mail (AA/AE/AP) or for places outside the service
list (see ``states.py``) map to nothing.
"""

from __future__ import annotations

from bisect import bisect_right

# (first prefix, last prefix, state code), in ascending order, without overlaps.
_PREFIX_RANGES: tuple[tuple[int, int, str], ...] = (
    (5, 5, "NY"),
    (6, 7, "PR"),
    (8, 8, "VI"),
    (9, 9, "PR"),
    (10, 27, "MA"),
    (28, 29, "RI"),
    (30, 38, "NH"),
    (39, 49, "ME"),
    (50, 54, "VT"),
    (55, 55, "MA"),
    (56, 59, "VT"),
    (60, 69, "CT"),
    (70, 89, "NJ"),
    (100, 149, "NY"),
    (150, 196, "PA"),
    (197, 199, "DE"),
    (200, 200, "DC"),
    (201, 201, "VA"),
    (202, 205, "DC"),
    (206, 219, "MD"),
    (220, 246, "VA"),
    (247, 268, "WV"),
    (270, 289, "NC"),
    (290, 299, "SC"),
    (300, 319, "GA"),
    (320, 339, "FL"),
    (341, 349, "FL"),
    (350, 369, "AL"),
    (370, 385, "TN"),
    (386, 397, "MS"),
    (398, 399, "GA"),
    (400, 427, "KY"),
    (430, 459, "OH"),
    (460, 479, "IN"),
    (480, 499, "MI"),
    (500, 528, "IA"),
    (530, 549, "WI"),
    (550, 567, "MN"),
    (569, 569, "DC"),
    (570, 577, "SD"),
    (580, 588, "ND"),
    (590, 599, "MT"),
    (600, 629, "IL"),
    (630, 658, "MO"),
    (660, 679, "KS"),
    (680, 693, "NE"),
    (700, 714, "LA"),
    (716, 729, "AR"),
    (730, 731, "OK"),
    (733, 733, "TX"),
    (734, 749, "OK"),
    (750, 799, "TX"),
    (800, 816, "CO"),
    (820, 831, "WY"),
    (832, 838, "ID"),
    (840, 847, "UT"),
    (850, 865, "AZ"),
    (870, 884, "NM"),
    (885, 885, "TX"),
    (889, 898, "NV"),
    (900, 961, "CA"),
    (967, 968, "HI"),
    (969, 969, "GU"),
    (970, 979, "OR"),
    (980, 994, "WA"),
    (995, 999, "AK"),
)

# Five-digit exceptions inside a prefix: (first ZIP, last ZIP, state code or "" for not served).
_FIVE_DIGIT_RANGES: tuple[tuple[int, int, str], ...] = (
    (96799, 96799, "AS"),
    (96939, 96944, ""),  # Palau and Micronesia: outside the service list
    (96950, 96952, "MP"),
    (96960, 96979, ""),  # Marshall Islands: outside the service list
)

_STARTS = [first for first, _, _ in _PREFIX_RANGES]


def state_for_zip_prefix(zip_code: str) -> str | None:
    """The state code for a five-digit ZIP (or ZIP+4) by its prefix, or None when unassigned."""
    digits = zip_code[:5]
    if len(digits) != 5 or not digits.isascii() or not digits.isdigit():
        return None
    five = int(digits)
    for first, last, code in _FIVE_DIGIT_RANGES:
        if first <= five <= last:
            return code or None
    prefix = five // 100
    index = bisect_right(_STARTS, prefix) - 1
    if index < 0:
        return None
    first, last, code = _PREFIX_RANGES[index]
    return code if first <= prefix <= last else None
