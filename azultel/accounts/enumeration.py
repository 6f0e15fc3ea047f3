"""Sign-up and password reset do the same work whether or not an address has an account (P22).

allauth's enumeration prevention already answers both cases with the same page and sends an
email either way, through the outbox: sign-up sends a verification email to a new address and
"someone tried to sign up with your address" to a registered one; password reset sends the reset
link, or "no account uses this address". What still differed was the time, which told an
attacker who has an account:

* sign-up: a new account hashes its password (Argon2, slow on purpose); a registered address did
  not, and was answered several times faster;
* password reset: a real account's link needs a token whose value depends on the account's
  addresses (a lookup) and a link built from it; an unknown address skipped both.

The forms below add the missing work to the short path and throw its result away. For sign-up
that is the whole account creation, for a stand-in address, in a transaction that is rolled back:
the hash alone still left the new account's rows (12 ms on SQLite, 46 ms on PostgreSQL).

Sign-in needs nothing here: for an unknown address Django's ``ModelBackend`` and allauth's
backend each hash the password once, as checking a wrong password against an account does.

This module is its own file because allauth's forms module imports ``accounts.forms`` (the
``ACCOUNT_SIGNUP_FORM_CLASS``) while it loads; ``accounts.forms`` cannot import it back.
"""

from __future__ import annotations

import logging
import uuid

from allauth.account.adapter import get_adapter
from allauth.account.forms import ResetPasswordForm as AllauthResetPasswordForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import HttpRequest, HttpResponse

from azultel.accounts.models import User

logger = logging.getLogger("azultel.accounts.signup")


class SignupForm(AllauthSignupForm):  # type: ignore[misc]  # allauth ships no type hints
    """allauth's sign-up form (with our ``SignupDetailsForm`` fields), equal in cost both ways."""

    cleaned_data: dict[str, object]

    def try_save(self, request: HttpRequest) -> tuple[User | None, HttpResponse | None]:
        if self.account_already_exists:
            self._account_creation_rehearse(request)
        saved: tuple[User | None, HttpResponse | None] = super().try_save(request)
        return saved

    def _account_creation_rehearse(self, request: HttpRequest) -> None:
        """Create the account a new address would get, for a stand-in address, and roll it back.

        The form's own ``save`` runs (the password hash, the user, address of record, email
        choices, audit and email-address rows), so the work stays the same as the new-account
        path's whatever either grows to. Nothing is kept: the transaction is rolled back, and
        with it any ``on_commit`` callback registered inside. Nothing outside the database
        (session, messages, email) is touched by ``save``.
        """
        cleaned_data = self.cleaned_data
        self.cleaned_data = {**cleaned_data, "email": f"{uuid.uuid4().hex}@stand-in.invalid"}
        self.account_already_exists = False
        try:
            with transaction.atomic():
                self.save(request)
                raise _RolledBack
        except _RolledBack:
            pass
        except Exception as exc:  # an error here must not answer differently from a new address
            logger.warning(
                "Sign-up rehearsal for a registered address failed (%s).", type(exc).__name__
            )
        finally:
            self.cleaned_data = cleaned_data
            self.account_already_exists = True


class _RolledBack(Exception):
    """Ends the rehearsal's transaction."""


class ResetPasswordForm(AllauthResetPasswordForm):  # type: ignore[misc]  # allauth: no hints
    """allauth's password reset request, equal in cost for an unknown address."""

    def save(self, request: HttpRequest, **kwargs: object) -> str:
        if not self.users:
            reset_link_work_for_nobody()
        email: str = super().save(request, **kwargs)
        return email


def reset_link_work_for_nobody() -> None:
    """What allauth does to build a reset link for an account, done for a stand-in that has none.

    The token (it reads the account's addresses) and the link, thrown away; nothing is written.
    With the users-table lookup that only an unknown address needs (a registered, verified
    address is found through its ``EmailAddress``), both paths run the same number of queries.
    """
    stand_in = get_user_model()(pk=0, email="", password="")
    key = default_token_generator.make_token(stand_in)
    get_adapter().get_reset_password_from_key_url(f"{user_pk_to_url_str(stand_in)}-{key}")
