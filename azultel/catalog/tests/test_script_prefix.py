"""A request under another script prefix never puts its links into what others are served.

Shop pages and their product cards are cached for everyone in a state. Their links are reversed
with the current script prefix, so a page or card rendered for a request that arrived with
SCRIPT_NAME=/x must never be served to anyone else.
"""

from __future__ import annotations

from typing import Any

import pytest

from azultel.accounts.testing import customer_create
from azultel.core.testing.wsgi_client import WSGIClient

URL = "/shop/retail/?state=FL"


@pytest.mark.promise("P26")
@pytest.mark.parametrize("victim_signed_in", [False, True], ids=["visitor", "signed-in"])
@pytest.mark.django_db
def test_product_links_are_never_poisoned_by_a_script_name(
    demo_catalog: None, settings: Any, victim_signed_in: bool
) -> None:
    # Django's default: the server's SCRIPT_NAME is believed (the project pins it to "").
    settings.FORCE_SCRIPT_NAME = None
    attacker, victim = WSGIClient(), WSGIClient()
    if victim_signed_in:
        victim.force_login(customer_create())

    attacker.get(URL, SCRIPT_NAME="/x")
    page = victim.get(URL).content.decode()

    assert 'href="/shop/p/wifi-6-mesh-router/' in page
    assert "/x/" not in page
