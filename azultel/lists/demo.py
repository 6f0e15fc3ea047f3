"""Demo list (never loaded in production): a co-sponsor's sign-ups from a fair, imported through
the real import service. One address is on the do-not-email list (it bounced), so the demo shows
a skipped line too. Idempotent: nothing is done once the list exists."""

from __future__ import annotations

from azultel.comms.services import suppression_add
from azultel.core.actors import system_actor
from azultel.core.demo import DemoSignIn
from azultel.lists.models import ContactList
from azultel.lists.services import contact_list_import

LIST_NAME = "Austin Tech Fair 2026 sign-ups"
CO_SPONSOR = "Hill Country Makers Association"
BOUNCED = "old.address@example.net"
METHOD = "sign-up form at the Austin Tech Fair, Azultel and co-sponsor box ticked, 2026-10-02"
CSV_TEXT = (
    "email,given_name,consent_date,consent_method,topics\n"
    f'jordan.reyes@example.com,Jordan,2026-10-02,"{METHOD}",newsletter;special_offers\n'
    f'sam.okafor@example.org,Sam,2026-10-02,"{METHOD}",newsletter\n'
    f'{BOUNCED},Lee,2026-10-02,"{METHOD}",newsletter\n'
    f'priya.n@example.com,,2026-10-03,"{METHOD}",product_info;surveys\n'
)


def demo_seed() -> list[DemoSignIn]:
    if ContactList.objects.filter(name=LIST_NAME).exists():
        return []
    actor = system_actor("seed_demo")
    suppression_add(email=BOUNCED, reason="hard_bounce", actor=actor)
    contact_list_import(
        name=LIST_NAME,
        source=CO_SPONSOR,
        description="The co-sponsor keeps the signed forms; a copy of the contract is with legal.",
        csv_bytes=CSV_TEXT.encode(),
        actor=actor,
    )
    return []
