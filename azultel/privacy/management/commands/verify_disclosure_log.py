from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from azultel.privacy.models import Disclosure
from azultel.privacy.services import disclosure_log_verify


class Command(BaseCommand):
    help = (
        "Check the disclosure log's hash chain; exit 1 if any record was edited, added or removed."
    )

    def handle(self, *args: object, **options: object) -> None:
        problems = disclosure_log_verify()
        if problems:
            for problem in problems:
                self.stderr.write(f"- {problem}")
            raise CommandError(
                f"The disclosure log failed verification ({len(problems)} problems)."
            )
        self.stdout.write(f"The disclosure log is intact ({Disclosure.objects.count()} records).")
