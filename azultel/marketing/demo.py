"""Demo marketing (never loaded in production): two staff sign-ins (marketing, and a marketing
supervisor who approves CPNI campaigns), two segments, a sent newsletter with counts, a CPNI
service offer awaiting approval, a scheduled announcement, a draft newsletter to the demo
partner's contact list and a draft invitation to the demo attributed survey. Idempotent."""

from __future__ import annotations

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db.models import F
from django.utils import timezone

from azultel.accounts.demo import STAFF_PASSWORD
from azultel.accounts.models import User
from azultel.accounts.role_grants import role_assign_by_system
from azultel.accounts.roles import ROLE_BY_KEY, roles_sync
from azultel.core.demo import DemoSignIn
from azultel.lists.demo import LIST_NAME
from azultel.lists.demo import demo_seed as lists_demo_seed
from azultel.lists.selectors import contact_lists_for_campaigns
from azultel.marketing import services
from azultel.marketing.models import Campaign, CampaignKind, CampaignLink, Segment
from azultel.surveys.demo import ATTRIBUTED_TITLE
from azultel.surveys.selectors import survey_open_for_invitation_get, surveys_open_for_invitation

STAFF = (
    ("marketing@demo.azultel.test", "Mona", "Marketer", "marketing"),
    ("marketing.supervisor@demo.azultel.test", "Sam", "Supervisor", "marketing_supervisor"),
)


def _staff(email: str, given: str, family: str, role: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, STAFF_PASSWORD, given_name=given, family_name=family)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        role_assign_by_system(user=user, role=role, component="seed_demo")
    return user


def _segments(author: User) -> tuple[Segment, Segment]:
    readers = Segment.objects.filter(name="Florida newsletter readers").first()
    if readers is None:
        readers = services.segment_create(
            name="Florida newsletter readers",
            description="Customers in Florida who asked for the newsletter",
            rules={"state": ["FL"], "topics": ["newsletter"]},
            actor=author,
        )
    phones = Segment.objects.filter(name="Home phone customers").first()
    if phones is None:
        phones = services.segment_create(
            name="Home phone customers",
            description="Customers with a home phone line (telephone-customer information)",
            rules={"services_held": ["phone_line"]},
            actor=author,
        )
    return readers, phones


def _content(
    name: str, kind: str, segment: Segment, subject: str, body: str, **extra: str
) -> services.CampaignContent:
    return services.CampaignContent(
        name=name,
        kind=kind,
        segment=segment,
        subject_line=subject,
        body=body,
        offered=extra.get("offered", ""),
        description=extra.get("description", ""),
    )


def _wired_drafts(author: User, readers: Segment) -> None:
    """A newsletter to the partner's list (lists' demo) and a survey invitation linked to the
    attributed demo survey (surveys' demo, seeded before this app)."""
    lists_demo_seed()  # idempotent; lists comes after marketing in INSTALLED_APPS
    fair = contact_lists_for_campaigns().filter(name=LIST_NAME).first()
    if fair is not None and not Campaign.objects.filter(name="Tech fair follow-up").exists():
        services.campaign_create(
            content=services.CampaignContent(
                name="Tech fair follow-up",
                kind=CampaignKind.NEWSLETTER,
                segment=None,
                contact_list=fair,
                subject_line="Thanks for visiting Azultel at the Austin Tech Fair",
                body="It was good to meet you at the fair. Here is what is new at Azultel.",
            ),
            actor=author,
        )
    survey = next(
        (link for link in surveys_open_for_invitation() if link.title == ATTRIBUTED_TITLE), None
    )
    if survey is not None and not Campaign.objects.filter(name="Installation survey").exists():
        services.campaign_create(
            content=services.CampaignContent(
                name="Installation survey",
                kind=CampaignKind.SURVEY_INVITATION,
                segment=readers,
                subject_line="How did your fiber installation go?",
                body="Two minutes of your time helps us install better.",
                survey=survey_open_for_invitation_get(survey_id=survey.survey_id),
            ),
            actor=author,
        )


def _campaigns(author: User, readers: Segment, phones: Segment) -> None:
    site = str(settings.SITE_URL).rstrip("/")
    if not Campaign.objects.filter(name="December newsletter").exists():
        newsletter = services.campaign_create(
            content=_content(
                "December newsletter",
                CampaignKind.NEWSLETTER,
                readers,
                "What's new at Azultel this December",
                "Faster internet plans arrive in Miami this month.\n\n"
                f"See the plans: {site}/shop/\n\nThank you for being with us.",
            ),
            actor=author,
        )
        services.campaign_schedule(campaign=newsletter, when=timezone.now(), actor=author)
        services.campaigns_start_due()
        services.campaign_send_run(campaign_id=newsletter.pk)
        # Demo counts, so the report has cells above k to show.
        Campaign.objects.filter(pk=newsletter.pk).update(opens=F("opens") + 184, conversions=12)
        CampaignLink.objects.filter(campaign=newsletter).update(clicks=57)
    if not Campaign.objects.filter(name="January newsletter").exists():
        # A draft carrying the house ads' email-slot offer for each reader's state.
        services.campaign_create(
            content=services.CampaignContent(
                name="January newsletter",
                kind=CampaignKind.NEWSLETTER,
                segment=readers,
                subject_line="Azultel in January",
                body="New year, faster plans.\n\n"
                f"See the plans: {site}/shop/\n\nThank you for being with us.",
                include_offer=True,
            ),
            actor=author,
        )
    if not Campaign.objects.filter(name="Second line offer").exists():
        offer = services.campaign_create(
            content=_content(
                "Second line offer",
                CampaignKind.SERVICE_OFFER,
                phones,
                "A second phone line at half price",
                "As a home phone customer you can add a second line at half price for a year.\n\n"
                f"Details: {site}/shop/",
                offered="Second home phone line",
                description="Half-price second line for current home phone customers",
            ),
            actor=author,
        )
        services.campaign_submit(campaign=offer, actor=author)
    if not Campaign.objects.filter(name="New store opening").exists():
        announcement = services.campaign_create(
            content=_content(
                "New store opening",
                CampaignKind.ANNOUNCEMENT,
                readers,
                "Our new store opens in Coral Gables",
                "Come and see us at our new store in Coral Gables from next Monday.",
            ),
            actor=author,
        )
        services.campaign_schedule(
            campaign=announcement, when=timezone.now() + timedelta(days=7), actor=author
        )


def demo_seed() -> list[DemoSignIn]:
    roles_sync()
    people = [_staff(*entry) for entry in STAFF]
    readers, phones = _segments(people[0])
    _campaigns(people[0], readers, phones)
    _wired_drafts(people[0], readers)
    return [
        DemoSignIn(f"Staff: {ROLE_BY_KEY[role].title}", email, STAFF_PASSWORD)
        for email, _, _, role in STAFF
    ]
