"""Comparing street names the way people type them: "120 ocean dr." matches "Ocean Drive"."""

from __future__ import annotations

import re
import unicodedata

# Common USPS street suffixes and directions, written out -> the standard abbreviation.
_ABBREVIATIONS = {
    "STREET": "ST",
    "AVENUE": "AVE",
    "AV": "AVE",
    "DRIVE": "DR",
    "ROAD": "RD",
    "BOULEVARD": "BLVD",
    "LANE": "LN",
    "COURT": "CT",
    "PLACE": "PL",
    "TERRACE": "TER",
    "HIGHWAY": "HWY",
    "CIRCLE": "CIR",
    "PARKWAY": "PKWY",
    "WAY": "WAY",
    "TRAIL": "TRL",
    "CALLE": "CALLE",
    "NORTH": "N",
    "SOUTH": "S",
    "EAST": "E",
    "WEST": "W",
    "NORTHEAST": "NE",
    "NORTHWEST": "NW",
    "SOUTHEAST": "SE",
    "SOUTHWEST": "SW",
}
_NOT_WORD = re.compile(r"[^A-Z0-9]+")
_HOUSE_NUMBER = re.compile(r"\d+[A-Z]?")
STREET_MAX_LENGTH = 120


def street_key(street: str) -> str:
    """A comparable form of a street name: upper case, accents and punctuation dropped, a leading
    house number dropped, standard abbreviations applied. Empty when nothing is left."""
    ascii_text = (
        unicodedata.normalize("NFKD", street[: STREET_MAX_LENGTH * 2])
        .encode("ascii", "ignore")
        .decode()
    )
    words = [w for w in _NOT_WORD.split(ascii_text.upper()) if w]
    # A house number (digits, maybe with a letter: "120", "12B") in front is not part of the name.
    if len(words) > 1 and _HOUSE_NUMBER.fullmatch(words[0]):
        words = words[1:]
    return " ".join(_ABBREVIATIONS.get(w, w) for w in words)[:STREET_MAX_LENGTH]
