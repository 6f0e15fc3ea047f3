"""The billing period (one calendar month, named by its first day) and the dates a bill writes."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_PERIOD_TEXT = re.compile(r"^([0-9]{4})-([0-9]{2})$")


def day_text(day: date) -> str:
    """date(2026, 11, 5) -> "November 5, 2026"."""
    return f"{day:%B} {day.day}, {day.year}"


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when it has no such day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


@dataclass(frozen=True, order=True)
class Period:
    """A billing period: one calendar month, named by its first day."""

    start: date

    def __post_init__(self) -> None:
        if self.start.day != 1:
            raise ValueError("A billing period starts on the first day of a month.")

    @classmethod
    def of(cls, day: date) -> Period:
        """The period containing ``day``."""
        return cls(day.replace(day=1))

    @classmethod
    def parse(cls, text: str) -> Period:
        """ "2026-11" -> the period of November 2026; raises ValueError on anything else."""
        found = _PERIOD_TEXT.match(str(text).strip())
        if found is None:
            raise ValueError(f"Write the period as YYYY-MM, for example 2026-11 (got {text!r}).")
        year, month = int(found.group(1)), int(found.group(2))
        if not 1 <= month <= 12 or year < 2000:
            raise ValueError(f"{text!r} is not a month this site can bill.")
        return cls(date(year, month, 1))

    @property
    def days(self) -> int:
        return calendar.monthrange(self.start.year, self.start.month)[1]

    @property
    def end(self) -> date:
        """The last day of the month (included in the period)."""
        return self.start.replace(day=self.days)

    @property
    def label(self) -> str:
        return f"{self.start:%B %Y}"

    @property
    def code(self) -> str:
        return f"{self.start:%Y-%m}"

    def previous(self) -> Period:
        return Period(add_months(self.start, -1))

    def next(self) -> Period:
        return Period(add_months(self.start, 1))
