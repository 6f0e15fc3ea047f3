"""Staff roles with least privilege (P23): each role is a Django group with exactly its permissions.

Groups are created or brought up to date after every ``migrate`` (``roles_sync``). Permissions of
apps not installed yet are skipped, so a later app only adds its codenames here. Who holds a role
changes only through ``accounts.role_grants`` (one administrator asks, another approves).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.contrib.auth.models import Group, Permission


@dataclass(frozen=True)
class Role:
    key: str
    title: str
    permissions: tuple[str, ...]  # "app_label.codename"
    description: str


MARKETING_PERMISSIONS: tuple[str, ...] = (
    "analytics.view_dashboard",
    "marketing.view_segment",
    "marketing.add_segment",
    "marketing.change_segment",
    "marketing.view_campaign",
    "marketing.add_campaign",
    "marketing.change_campaign",
    "marketing.send_campaign",
    "marketing.view_cpni_campaign_records",
    "surveys.view_survey",
    "surveys.add_survey",
    "surveys.change_survey",
    "lists.view_contactlist",
    "lists.add_contactlist",
    "referrals.view_referral_report",
    "ads.view_campaign",
    "ads.add_campaign",
    "ads.change_campaign",
    "ads.view_ad_report",
)

ROLES: tuple[Role, ...] = (
    Role(
        "customer_care",
        "Customer care",
        (
            "accounts.view_customer_record",
            "privacy.reveal_sensitive",
            "orders.view_order",
            "orders.view_order_queue",
            "orders.change_order",
            "contact.answer_thread",
            "care.handle_ticket",
            "care.manage_outage",
            "care.verify_caller",
        ),
        "Looks up customers and orders; sees sensitive fields masked and reveals one only with a "
        "purpose and reason; answers sales, billing and technical contact messages; works "
        "trouble tickets, repair visits and outages; verifies callers before call detail or "
        "account changes.",
    ),
    Role(
        "billing",
        "Billing",
        (
            "accounts.view_customer_record",
            "billing.view_bill",
            "billing.view_payment",
            "billing.issue_credit",
            "billing.arrange_payment",
        ),
        "Sees bills and payments and issues credits with a reason; works the collections queue "
        "and sets up payment arrangements with customers.",
    ),
    Role(
        "marketing",
        "Marketing",
        MARKETING_PERMISSIONS,
        "Reads the anonymous statistics; builds segments, campaigns and surveys; imports partners' "
        "contact lists with their consent evidence; campaigns send only through the "
        "consent-checked email path; never reads customers' transactional email.",
    ),
    Role(
        "marketing_supervisor",
        "Marketing supervisor",
        (*MARKETING_PERMISSIONS, "marketing.approve_cpni_campaign"),
        "Everything marketing does, and approves campaigns that use telephone-customer "
        "information (CPNI), never their own (47 CFR 64.2009(d)).",
    ),
    Role(
        "privacy_officer",
        "Privacy officer",
        (
            "privacy.view_privacy_logs",
            "privacy.view_policyversion",
            "privacy.add_policyversion",
            "privacy.change_policyversion",
            "privacy.publish_policyversion",
            "comms.view_outbox",
            "comms.view_mailbox",
            "directory.publish_directory_feed",
            "privacy.view_cpnibreach",
            "privacy.add_cpnibreach",
            "privacy.change_cpnibreach",
            "events.view_event",
            "events.approve_handover",
            "contact.answer_privacy_thread",
            "compliance.manage_disclosure_requests",
            "compliance.view_disclosurerequest",
            "compliance.sign_cpni_certification",
            "dsr.handle_privacy_request",
        ),
        "Reads the reveal, disclosure and consent logs; publishes policy versions and the "
        "directory publisher feed (a recorded disclosure); approves hand-overs of event lists to "
        "co-sponsors; answers privacy contact messages; records disclosure requests and decides "
        "those another officer recorded; runs CPNI breach notices; signs the CPNI certificate; "
        "handles privacy requests.",
    ),
    Role(
        "hr_recruiter",
        "HR recruiter",
        (
            "careers.view_application",
            "careers.change_application",
            "careers.download_resume",
            "careers.view_eeo_report",
            "careers.add_joblisting",
            "careers.change_joblisting",
            "careers.view_joblisting",
        ),
        "Manages job listings and applications; downloads résumés (each download is logged) "
        "and sees equal-opportunity answers only as totals.",
    ),
    Role("analyst", "Analyst", ("analytics.view_dashboard",), "Reads anonymous site statistics."),
    Role(
        "directory_operator",
        "Directory assistance operator",
        ("directory.use_directory_assistance",),
        "Searches listed and non-listed directory entries; every search is logged.",
    ),
    Role(
        "catalog_manager",
        "Catalog manager",
        (
            "catalog.view_product",
            "catalog.add_product",
            "catalog.change_product",
            "catalog.view_stateprice",
            "catalog.add_stateprice",
            "catalog.change_stateprice",
            "catalog.delete_stateprice",
            "catalog.view_servicearea",
            "catalog.add_servicearea",
            "catalog.change_servicearea",
        ),
        "Edits products, state prices and service areas.",
    ),
    Role(
        "administrator",
        "Administrator",
        (
            "accounts.view_user",
            "accounts.change_user",
            "accounts.view_customer_record",
            "accounts.view_rolegrant",
            "accounts.request_role_grant",
            "accounts.decide_role_grant",
            "accounts.remove_role",
            "auth.view_group",
            "site.view_faqentry",
            "site.add_faqentry",
            "site.change_faqentry",
            "site.delete_faqentry",
            "site.view_contactmessage",
            "site.change_contactmessage",
        ),
        "Manages staff accounts and the public site's content; asks for staff roles for others "
        "and approves what another administrator asked for, never their own.",
    ),
    Role(
        "events",
        "Events",
        (
            "events.view_event",
            "events.add_event",
            "events.change_event",
            "events.view_registration",
            "events.change_registration",
            "events.export_handover",
            "events.view_event_report",
        ),
        "Creates events, sees registrations, checks people in, exports a co-sponsor's list once "
        "the privacy officer approved it, and sees the co-sponsor's report as totals only.",
    ),
)

# Every staff member acknowledges the annual CPNI training from the staff home (compliance).
ROLES = tuple(
    replace(role, permissions=(*role.permissions, "compliance.acknowledge_cpni_training"))
    for role in ROLES
)

ROLE_BY_KEY = {role.key: role for role in ROLES}


def roles_sync(**kwargs: object) -> None:
    """Create each role's group and give it exactly its permissions (idempotent)."""

    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=role.title)
        wanted = []
        for dotted in role.permissions:
            app_label, codename = dotted.split(".", 1)
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is not None:
                wanted.append(permission)
        group.permissions.set(wanted)
