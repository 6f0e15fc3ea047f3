"""Demo events (never loaded in production): the events staff sign-in, an upcoming co-sponsored
workshop at a place with a few registrations, and an online talk. Idempotent."""

from __future__ import annotations

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.utils import timezone

from azultel.accounts.demo import STAFF_PASSWORD
from azultel.accounts.models import User
from azultel.accounts.role_grants import role_assign_by_system
from azultel.accounts.roles import ROLE_BY_KEY, roles_sync
from azultel.core.actors import system_actor
from azultel.core.demo import DemoSignIn
from azultel.events.models import CosponsorField, Event, EventKind
from azultel.events.services import EventDetails, event_save, notice_token, registration_submit

STAFF = ("events@demo.azultel.test", "Eva", "Events", "events")
WORKSHOP = "Home network workshop"
TALK = "Online talk: keeping your accounts safe"
COSPONSOR = "Hill Country Makers Association"
REGISTRANTS = (
    ("Jordan Rivera", "jordan.rivera@demo.azultel.test", True),
    ("Sam Okafor", "sam.okafor@demo.azultel.test", False),
    ("Lee Chen", "lee.chen@demo.azultel.test", True),
)


def _staff() -> User:
    email, given, family, role = STAFF
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, STAFF_PASSWORD, given_name=given, family_name=family)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        role_assign_by_system(user=user, role=role, component="seed_demo")
    return user


def _events(author: User) -> None:
    start = (timezone.now() + timedelta(days=14)).replace(minute=0, second=0, microsecond=0)
    if not Event.objects.filter(title=WORKSHOP).exists():
        workshop = event_save(
            event=None,
            details=EventDetails(
                title=WORKSHOP,
                summary="Set up and secure your home Wi-Fi, with our engineers and the makers "
                "association's volunteers. Bring a laptop or phone.",
                kind=EventKind.IN_PERSON,
                online_url="",
                venue_name="Hill Country Makers Space",
                address="410 Main St, Kerrville, TX 78028",
                starts_at=start,
                ends_at=start + timedelta(hours=2),
                registration_closes_at=start - timedelta(hours=2),
                capacity=30,
                waitlist_enabled=True,
                questions=["Which devices will you bring?"],
                cosponsor_name=COSPONSOR,
                cosponsor_fields=[CosponsorField.NAME, CosponsorField.EMAIL],
                published=True,
            ),
            actor=author,
        )
        for name, email, yes in REGISTRANTS:
            registration_submit(
                event_id=workshop.pk,
                name=name,
                email=email,
                organisation="",
                answers={"Which devices will you bring?": "A laptop"},
                shown_notice=notice_token(workshop),
                azultel_consent=False,
                cosponsor_consent=yes,
                actor=system_actor("seed_demo"),
            )
    if not Event.objects.filter(title=TALK).exists():
        talk_start = start + timedelta(days=7)
        event_save(
            event=None,
            details=EventDetails(
                title=TALK,
                summary="Passwords, two-step sign-in and spotting fake messages, in 45 minutes.",
                kind=EventKind.ONLINE,
                online_url="https://meet.azultel.test/accounts-safe",
                venue_name="",
                address="",
                starts_at=talk_start,
                ends_at=talk_start + timedelta(minutes=45),
                registration_closes_at=talk_start,
                capacity=200,
                waitlist_enabled=False,
                questions=[],
                cosponsor_name="",
                cosponsor_fields=[],
                published=True,
            ),
            actor=author,
        )


def demo_seed() -> list[DemoSignIn]:
    roles_sync()
    author = _staff()
    _events(author)
    email, _, _, role = STAFF
    return [DemoSignIn(f"Staff: {ROLE_BY_KEY[role].title}", email, STAFF_PASSWORD)]
