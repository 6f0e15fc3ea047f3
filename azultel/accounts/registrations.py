"""What accounts adds at start-up (``core.app_config``): allauth's signal receivers, the roles
kept in step with their permissions after each migration, the staff tools accounts owns and
the account home's privacy section."""

from __future__ import annotations

from django.conf import settings
from django.db.models.signals import post_migrate

from azultel.accounts import receivers  # noqa: F401 - importing connects allauth's signals
from azultel.accounts.panels import (
    StaffQueue,
    StaffTool,
    overview_section_register,
    staff_tool_register,
)
from azultel.accounts.roles import roles_sync
from azultel.accounts.selectors import privacy_centre_topics, role_grants_waiting_count
from azultel.comms.selectors import outbox_failed_count


def register() -> None:
    post_migrate.connect(roles_sync, dispatch_uid="azultel.accounts.roles_sync")
    _register_staff_tools()
    _register_overview_sections()


def _privacy_section(user: object) -> dict[str, object]:
    topics = privacy_centre_topics(user=user)  # type: ignore[arg-type]
    return {
        "answered": sum(t.answered for t in topics),
        "total": len(topics),
        "granted": [t for t in topics if t.granted],
    }


def _register_overview_sections() -> None:
    overview_section_register(
        "privacy",
        title="Your privacy choices",
        order=50,
        template="accounts/overview_privacy.html",
        context=_privacy_section,
        icon="shield-check",
    )


def _register_staff_tools() -> None:
    for tool in (
        StaffTool(
            "Customer lookup",
            "accounts:staff_customer_search",
            "accounts.view_customer_record",
            "Find a customer; sensitive fields masked.",
            icon="users",
        ),
        StaffTool(
            "Staff roles",
            "accounts:staff_roles",
            "accounts.view_rolegrant",
            "Ask for a role for someone, and approve or refuse what another administrator asked.",
            icon="key-round",
            queues=(StaffQueue("requests waiting for approval", role_grants_waiting_count),),
        ),
        StaffTool(
            "Staff administration",
            "admin:index",
            "auth.view_group",
            f"Roles, content and logs (/{settings.ADMIN_URL_PATH}).",
            icon="settings",
        ),
        StaffTool(
            "Privacy logs",
            "admin:privacy_sensitiveaccess_changelist",
            "privacy.view_privacy_logs",
            "Reveal, disclosure and consent logs (read-only).",
            icon="shield-check",
        ),
        StaffTool(
            "Email outbox",
            "comms:outbox_list",
            "comms.view_outbox",
            "Every message queued, sent or stopped by a choice; sensitive bodies hidden.",
            icon="mail",
            queues=(StaffQueue("emails that failed", outbox_failed_count, "status=failed"),),
        ),
        StaffTool(
            "Local mailbox",
            "comms:mailbox_list",
            "comms.view_mailbox",
            "Messages delivered to the local mailbox when no mail server is set up.",
            icon="inbox",
        ),
        StaffTool(
            "Site statistics",
            "analytics:dashboard",
            "analytics.view_dashboard",
            "Anonymous page views, visitors and response times.",
            icon="chart-column",
        ),
    ):
        staff_tool_register(tool)
