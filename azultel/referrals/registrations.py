"""What referrals adds to other apps' registries (``core.app_config``): the tell-a-friend page,
the account home's section, marketing's counts, the referrer's rows in "my data" and deletion
(B2), and the receivers that count a friend's sign-up and first order."""

from __future__ import annotations

from allauth.account.signals import user_signed_up

from azultel.accounts.models import User
from azultel.accounts.panels import StaffTool, overview_section_register, staff_tool_register
from azultel.orders.signals import order_placed
from azultel.privacy.registry import (
    email_erasure_hook_register,
    email_export_provider_register,
    erasure_hook_register,
    export_provider_register,
)
from azultel.referrals import receivers, selectors, services
from azultel.site.pages import Page, page_register


def register() -> None:
    page_register(
        Page(
            "referrals:tell",
            "Tell a friend",
            "home",
            "Send a friend one email about Azultel.",
            90,
        )
    )
    overview_section_register(
        "referrals",
        title="Tell a friend",
        order=70,
        template="referrals/overview_section.html",
        context=_overview,
        icon="mail",
    )
    staff_tool_register(
        StaffTool(
            "Referrals",
            "referrals:staff_report",
            "referrals.view_referral_report",
            "How many invitations friends sent, and how many friends signed up or ordered.",
            icon="mail",
        )
    )
    export_provider_register("referrals_sent", _export)
    erasure_hook_register(_erase)
    # A friend without an account, by their verified address (issue 19).
    email_export_provider_register(
        "referral_invitations_received",
        lambda email: services.friend_hash_as_data(email=email),
        models=("referrals.referral",),
    )
    email_erasure_hook_register(
        "referral_invitations_received",
        lambda email: services.friend_hash_erase(email=email),
        models=("referrals.referral",),
    )
    user_signed_up.connect(receivers.on_user_signed_up, dispatch_uid="referrals-signed-up")
    order_placed.connect(receivers.on_order_placed, dispatch_uid="referrals-order-placed")


def _overview(user: User) -> dict[str, object]:
    return {"counts": selectors.referral_counts_for_referrer(user=user)}


def _export(user: User) -> list[dict[str, object]]:
    return services.referrals_as_data(user=user)


def _erase(user: User) -> None:
    services.referrer_erase(user=user)
