"""Password rules beyond Django's validators (P22, NIST SP 800-63B): long passphrases welcome."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError


class MaximumLengthValidator:
    """Refuses only absurdly long input (a hashing cost guard); spaces and any Unicode are fine."""

    def __init__(self, max_length: int = 256) -> None:
        self.max_length = max(128, max_length)

    def validate(self, password: str, user: Any = None) -> None:
        if len(password) > self.max_length:
            raise ValidationError(
                f"Please use at most {self.max_length} characters.", code="password_too_long"
            )

    def get_help_text(self) -> str:
        return f"Up to {self.max_length} characters; spaces and any characters are welcome."
