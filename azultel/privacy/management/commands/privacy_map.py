from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandParser

from azultel.privacy.datamap import CATEGORIES, PURPOSES, RETENTION, map_entries


class Command(BaseCommand):
    help = "Print the data map: every personal field, its category, purposes and retention (P04)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="machine-readable output")

    def handle(self, *args: object, **options: object) -> None:
        entries = map_entries()
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "categories": CATEGORIES,
                        "purposes": PURPOSES,
                        "retention": RETENTION,
                        "fields": [
                            {
                                "model": e.model,
                                "field": e.field_name,
                                "category": e.declaration.category,
                                "purposes": list(e.declaration.purposes),
                                "retention": e.declaration.retention,
                                "sensitive": e.declaration.sensitive,
                            }
                            for e in entries
                        ],
                    },
                    indent=2,
                )
            )
            return
        rows = [("model.field", "category", "purposes", "retention", "sensitive")]
        for e in entries:
            d = e.declaration
            rows.append(
                (
                    f"{e.model}.{e.field_name}",
                    d.category,
                    ", ".join(d.purposes),
                    d.retention,
                    "yes" if d.sensitive else "",
                )
            )
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
        for n, row in enumerate(rows):
            self.stdout.write(
                "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip()
            )
            if n == 0:
                self.stdout.write("  ".join("-" * w for w in widths))
