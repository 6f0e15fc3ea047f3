"""Optional two-step sign-in with an authenticator app and recovery codes (B6)."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.test import Client

from azultel.accounts.testing import customer_create, sign_in, totp_code, totp_enable


@pytest.mark.promise("B6")
@pytest.mark.django_db
def test_with_two_step_on_the_password_alone_does_not_sign_in(client: Client) -> None:
    user = customer_create()
    secret = totp_enable(user)

    after_password = sign_in(client, user)
    signed_in_yet = "_auth_user_id" in client.session
    wrong = client.post("/account/2fa/authenticate/", {"code": "000000"})
    signed_in_after_wrong_code = "_auth_user_id" in client.session
    right = client.post("/account/2fa/authenticate/", {"code": totp_code(secret)})

    assert after_password["Location"] == "/account/2fa/authenticate/"
    assert signed_in_yet is False
    assert wrong.status_code == 200 and signed_in_after_wrong_code is False
    assert right.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.promise("B6")
@pytest.mark.django_db
def test_a_recovery_code_signs_in_once(client: Client) -> None:
    user = customer_create()
    totp_enable(user)
    codes = RecoveryCodes.activate(user).get_unused_codes()

    sign_in(client, user)
    client.post("/account/2fa/authenticate/", {"code": codes[0]})
    first = client.session.get("_auth_user_id")
    other = Client()
    sign_in(other, user)
    reused = other.post("/account/2fa/authenticate/", {"code": codes[0]})
    reuse_signed_in = "_auth_user_id" in other.session

    assert first == str(user.pk)
    assert reused.status_code == 200 and reuse_signed_in is False
    assert Authenticator.objects.filter(user=user).count() == 2


@pytest.mark.promise("B6")
@pytest.mark.django_db
def test_activation_page_asks_for_reauthentication_first(client: Client) -> None:
    user = customer_create()
    sign_in(client, user)

    response = client.get("/account/2fa/totp/activate/")

    assert response.status_code == 302
    assert "/account/reauthenticate/" in response["Location"]
