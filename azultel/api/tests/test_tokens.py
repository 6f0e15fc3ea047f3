"""The hourly job deletes expired OAuth2 access tokens and keeps live ones."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from oauth2_provider.models import AccessToken

from azultel.api.models import Partner
from azultel.api.tasks import oauth_tokens_clear
from azultel.api.tests.conftest import api, token_for

OFFERINGS = "/api/tmf-api/productCatalogManagement/v4/productOffering"


def test_expired_tokens_are_deleted_and_live_ones_still_work(partner: Partner) -> None:
    live = token_for(partner)
    expired = [token_for(partner) for _ in range(3)]
    AccessToken.objects.filter(token__in=expired).update(
        expires=timezone.now() - timedelta(seconds=1)
    )

    deleted = oauth_tokens_clear()

    assert deleted == 3
    assert list(AccessToken.objects.values_list("token", flat=True)) == [live]
    assert api(live).get(OFFERINGS).status_code == 200
    assert oauth_tokens_clear() == 0
