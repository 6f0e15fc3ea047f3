"""What careers adds to other apps' registries (``core.app_config``): the public job pages, HR's
staff tools, and the applicant's data in "my data" and deletion (B2) when they have an account
with the same email address."""

from __future__ import annotations

from azultel.accounts.models import User
from azultel.accounts.panels import StaffTool, staff_tool_register
from azultel.careers.models import Application
from azultel.careers.selectors import applications_of_email
from azultel.careers.services import application_as_data, application_erase
from azultel.core.actors import system_actor
from azultel.privacy.registry import (
    email_erasure_hook_register,
    email_export_provider_register,
    erasure_hook_register,
    export_provider_register,
)
from azultel.site.pages import Page, page_register


def register() -> None:
    page_register(
        Page("careers:listings", "Job listings", "careers", "Open jobs at Azultel.", 10, "daily")
    )
    page_register(
        Page(
            "careers:general_resume",
            "Submit a résumé",
            "careers",
            "Send us your résumé for future openings.",
            20,
        )
    )
    staff_tool_register(
        StaffTool(
            "Applications",
            "careers:staff_board",
            "careers.view_application",
            "Applications by stage, with notes, ratings, emails and résumés.",
            icon="users",
        )
    )
    staff_tool_register(
        StaffTool(
            "Job listings",
            "careers:staff_listings",
            "careers.view_joblisting",
            "Post, schedule, close and reopen job listings.",
            icon="briefcase",
        )
    )
    staff_tool_register(
        StaffTool(
            "Equal-opportunity totals",
            "careers:staff_equal_opportunity",
            "careers.view_eeo_report",
            "Voluntary self-identification as totals; small groups are hidden.",
            icon="chart-column",
        )
    )
    export_provider_register("job_applications", _export)
    erasure_hook_register(_erase)
    # An applicant without an account, by their verified address (issue 19).
    email_export_provider_register(
        "job_applications", _export_email, models=("careers.application", "core.storedfile")
    )
    email_erasure_hook_register(
        "job_applications", _erase_email, models=("careers.application", "core.storedfile")
    )


def _applications_of(user: User) -> list[Application]:
    return list(
        Application.objects.select_related("listing", "resume")
        .prefetch_related("notes")
        .filter(email__iexact=user.email)
    )


def _export(user: User) -> list[dict[str, object]]:
    return [application_as_data(a) for a in _applications_of(user)]


def _erase(user: User) -> None:
    for application in _applications_of(user):
        application_erase(application=application, actor=user, reason="account_erasure")


def _export_email(email: str) -> list[dict[str, object]]:
    return [application_as_data(a) for a in applications_of_email(email=email)]


def _erase_email(email: str) -> int:
    applications = applications_of_email(email=email)
    for application in applications:
        application_erase(
            application=application,
            actor=system_actor("privacy-request"),
            reason="privacy_request",
        )
    return len(applications)
