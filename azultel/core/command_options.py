"""Typed reads of a management command's options, so ``handle`` needs no ``Any``.

    def handle(self, *args: str, **options: object) -> None:
        limit = option_int(options, "limit")
        since = option_str_or_none(options, "since")

Each reader returns the option with the type its ``add_argument`` gives it, and raises
``CommandError`` if it holds something else (a wrong ``type=``, or ``call_command`` given a
wrong value), rather than letting the wrong type travel on.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from django.core.management.base import CommandError

CommandOptions = Mapping[str, object]


def _wrong(name: str, value: object, expected: str) -> CommandError:
    return CommandError(f"--{name.replace('_', '-')} must be {expected}, not {value!r}.")


def option_str(options: CommandOptions, name: str) -> str:
    value = options[name]
    if not isinstance(value, str):
        raise _wrong(name, value, "text")
    return value


def option_str_or_none(options: CommandOptions, name: str) -> str | None:
    value = options.get(name)
    return None if value is None else option_str(options, name)


def option_int(options: CommandOptions, name: str) -> int:
    value = options[name]
    if isinstance(value, bool) or not isinstance(value, int):
        raise _wrong(name, value, "a whole number")
    return value


def option_int_or_none(options: CommandOptions, name: str) -> int | None:
    value = options.get(name)
    return None if value is None else option_int(options, name)


def option_float(options: CommandOptions, name: str) -> float:
    value = options[name]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _wrong(name, value, "a number")
    return float(value)


def option_bool(options: CommandOptions, name: str) -> bool:
    """A flag (``action="store_true"``): missing counts as not given."""
    value = options.get(name, False)
    if not isinstance(value, bool):
        raise _wrong(name, value, "on or off")
    return value


def option_date_or_none(options: CommandOptions, name: str) -> date | None:
    """A date option (``type=date.fromisoformat``), or None when not given."""
    value = options.get(name)
    if value is not None and not isinstance(value, date):
        raise _wrong(name, value, "a date (YYYY-MM-DD)")
    return value


def option_str_list(options: CommandOptions, name: str) -> list[str]:
    """A repeatable option (``action="append"``): its values, or [] when not given."""
    value = options.get(name)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise _wrong(name, value, "a list of text values")
    return [str(item) for item in value]
