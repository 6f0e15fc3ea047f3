"""Records the privacy promises rest on."""

from __future__ import annotations

from django.db import models

from azultel.core.models import BaseModel


class PolicyVersion(BaseModel):
    """One published (or draft) version of the Internet Privacy Policy."""

    version = models.CharField(max_length=20, unique=True)
    effective_date = models.DateField()
    title = models.CharField(max_length=200, default="Internet Privacy Policy")
    body = models.TextField(
        help_text="Headings start with '## ', list items with '- '; a blank line ends a paragraph. "
        "The line [[data-map]] is replaced by the table generated from the data map."
    )
    summary_of_changes = models.TextField(blank=True)
    changes_personal_data_use = models.BooleanField(
        default=False,
        help_text="Tick when this version changes how personal data is used: publishing it "
        "emails every account holder a summary with a one-click opt-out.",
    )
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-effective_date", "-id"]
        get_latest_by = "effective_date"

    def __str__(self) -> str:
        return f"{self.title} {self.version}"
