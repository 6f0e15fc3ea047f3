from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TextIO

from django.core.management.base import BaseCommand, CommandError, CommandParser, OutputWrapper

from azultel.analytics.selectors import (
    PARTNER_DIMENSIONS,
    PARTNER_HEADER,
    PartnerRow,
    partner_rows,
)
from azultel.core.command_options import option_str, option_str_list, option_str_or_none
from azultel.core.csv_safe import csv_writer


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"{value!r} is not a date (YYYY-MM-DD).") from exc


def _write(handle: TextIO | OutputWrapper, rows: list[PartnerRow]) -> None:
    writer = csv_writer(handle)
    writer.writerow(PARTNER_HEADER)
    writer.writerows(r.csv_row() for r in rows)


class Command(BaseCommand):
    help = (
        "Write the partner report (P16) as CSV: daily counts per value, every cell of fewer "
        "than PARTNER_REPORT_MIN_CELL visitors left blank, and as many of the smallest cells "
        "beside it as it takes so that no blank can be worked out by subtraction; no daily total."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="start", required=True, help="first day, YYYY-MM-DD")
        parser.add_argument("--to", dest="end", required=True, help="last day, YYYY-MM-DD")
        parser.add_argument(
            "--dimension",
            action="append",
            choices=sorted(PARTNER_DIMENSIONS),
            help="repeat for several; default: all",
        )
        parser.add_argument("--output", help="file to write; default: standard output")

    def handle(self, *args: str, **options: object) -> None:
        start, end = _date(option_str(options, "start")), _date(option_str(options, "end"))
        if start > end:
            raise CommandError("--from must be on or before --to.")
        rows = partner_rows(
            start=start,
            end=end,
            dimensions=option_str_list(options, "dimension") or list(PARTNER_DIMENSIONS),
        )
        output = option_str_or_none(options, "output")
        if output:
            with Path(output).open("w", newline="") as handle:
                _write(handle, rows)
        else:
            _write(self.stdout, rows)
        if output:
            self.stdout.write(f"Wrote {len(rows)} cells to {output}.")
