"""What surveys adds to other apps' registries, at start-up (``core.app_config``): the public
surveys page, the staff survey tool, and "my data" and account deletion for attributed answers
(B2). Anonymous answers belong to no one, so they are neither exported nor erased."""

from __future__ import annotations

from azultel.accounts.models import User
from azultel.accounts.panels import StaffQueue, StaffTool, staff_tool_register
from azultel.privacy.registry import (
    email_erasure_hook_register,
    email_export_provider_register,
    erasure_hook_register,
    export_provider_register,
)
from azultel.site.pages import Page, page_register
from azultel.surveys.selectors import (
    survey_responses_export,
    survey_responses_export_for_email,
    surveys_open_count,
)
from azultel.surveys.services import survey_responses_erase
from azultel.surveys.services.responses import survey_responses_erase_for_email


def _export(user: User) -> list[dict[str, object]]:
    return survey_responses_export(user_id=user.pk)


def _erase(user: User) -> None:
    survey_responses_erase(user_id=user.pk)


def register() -> None:
    page_register(
        Page(
            "surveys:list",
            "Surveys",
            "company",
            "Tell us what you think: surveys open to everyone.",
            order=50,
        )
    )
    staff_tool_register(
        StaffTool(
            "Surveys",
            "surveys:staff_list",
            "surveys.view_survey",
            "Build surveys, preview and open them, and read their results.",
            icon="list-checks",
            queues=(StaffQueue("surveys open", surveys_open_count),),
        )
    )
    export_provider_register("surveys", _export)
    erasure_hook_register(_erase)
    # Attributed answers of the account using a verified address (issue 19).
    email_export_provider_register(
        "surveys", survey_responses_export_for_email, models=("surveys.response", "surveys.answer")
    )
    email_erasure_hook_register(
        "surveys", survey_responses_erase_for_email, models=("surveys.response", "surveys.answer")
    )
