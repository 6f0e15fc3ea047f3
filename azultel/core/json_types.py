"""The type of a JSON value, for what ``json.loads`` returns and what a ``JSONField`` holds.

    details: JSONObject = {"count": 3, "kinds": ["a", "b"]}

Read a value out of it with ``isinstance`` (``json_int`` for a whole number), not by assuming.
"""

from __future__ import annotations

from typing import TypeAlias

JSONValue: TypeAlias = "str | int | float | bool | list[JSONValue] | dict[str, JSONValue] | None"
JSONObject: TypeAlias = "dict[str, JSONValue]"


def json_int(value: JSONValue) -> int:
    """``int(value)`` for a number or text; a list, an object or null is a ``TypeError``
    (as ``int()`` itself raises for them)."""
    if isinstance(value, int | float | str):
        return int(value)
    raise TypeError(f"Expected a number, not {type(value).__name__}.")
