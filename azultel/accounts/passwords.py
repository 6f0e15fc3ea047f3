"""Password rules beyond Django's validators (P22, NIST SP 800-63B): long passphrases welcome."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError

from azultel.accounts.breached_passwords import in_bundled_list, in_range_service
from azultel.accounts.models import User


class MaximumLengthValidator:
    """Refuses only absurdly long input (a hashing cost guard); spaces and any Unicode are fine."""

    def __init__(self, max_length: int = 256) -> None:
        self.max_length = max(128, max_length)

    def validate(self, password: str, user: User | None = None) -> None:
        if len(password) > self.max_length:
            raise ValidationError(
                f"Please use at most {self.max_length} characters.", code="password_too_long"
            )

    def get_help_text(self) -> str:
        return f"Up to {self.max_length} characters; spaces and any characters are welcome."


class BreachedPasswordValidator:
    """Refuses passwords known from data breaches (P22, NIST SP 800-63B 5.1.1.2).

    First the bundled list (``accounts/breached_passwords.py``), then, when configured, the range
    service; the service being down never refuses a password.
    """

    message = (
        "This password has appeared in data breaches, so it is among the first ones attackers "
        "try. Please choose another: a few unrelated words make a strong passphrase."
    )

    def __init__(self, data_file: str | None = None) -> None:
        self.data_file = Path(data_file) if data_file else None

    def validate(self, password: str, user: User | None = None) -> None:
        if in_bundled_list(password, path=self.data_file) or in_range_service(password):
            raise ValidationError(self.message, code="password_breached")

    def get_help_text(self) -> str:
        return "Not a password that has appeared in data breaches."
