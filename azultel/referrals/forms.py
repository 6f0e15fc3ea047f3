"""The tell-a-friend form. A visitor (not signed in) also gives their name and answers a small
sum signed by this site (no third-party challenge), with a field people leave empty and a
minimum time between opening the form and sending it."""

from __future__ import annotations

import secrets
import time

from django import forms
from django.conf import settings
from django.core import signing

from azultel.referrals.invitation_text import (
    NAME_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    InvitationTextRefused,
    name_clean,
    note_clean,
)

_CHALLENGE_SALT = "azultel.referrals.challenge"
_CHALLENGE_MAX_AGE = 3600


def challenge_new() -> str:
    first, second = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    return signing.dumps({"a": first, "b": second, "t": int(time.time())}, salt=_CHALLENGE_SALT)


def challenge_read(token: str) -> dict[str, int] | None:
    try:
        value = signing.loads(token, salt=_CHALLENGE_SALT, max_age=_CHALLENGE_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(value, dict) or not all(isinstance(value.get(k), int) for k in "abt"):
        return None
    return {k: int(value[k]) for k in "abt"}


class ReferralForm(forms.Form):
    friend_name = forms.CharField(
        label="Your friend's name",
        max_length=NAME_MAX_LENGTH,
        strip=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    friend_email = forms.EmailField(
        label="Your friend's email address",
        max_length=254,
        error_messages={"invalid": "Enter an email address like name@example.com."},
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    note = forms.CharField(
        label="A short note from you",
        required=False,
        strip=False,
        help_text=f"Plain text, up to {NOTE_MAX_LENGTH} characters. Web and email addresses are "
        "taken out.",
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": NOTE_MAX_LENGTH}),
    )
    product = forms.SlugField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: object, visitor: bool, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.visitor = visitor
        if not visitor:
            return
        self.fields["sender_name"] = forms.CharField(
            label="Your name",
            max_length=NAME_MAX_LENGTH,
            strip=False,
            help_text="Your friend sees it in the email.",
            widget=forms.TextInput(attrs={"autocomplete": "name"}),
        )
        token = str(self.data.get("challenge", "")) if self.is_bound else ""
        if challenge_read(token) is None:
            token = challenge_new()
        self._challenge_set(token)
        # People leave this empty; programs that fill in every field do not.
        self.fields["website"] = forms.CharField(
            label="Leave this empty",
            required=False,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )

    def _challenge_set(self, token: str) -> None:
        values = challenge_read(token) or {"a": 0, "b": 0}
        self.fields["challenge"] = forms.CharField(widget=forms.HiddenInput, initial=token)
        self.fields["answer"] = forms.IntegerField(
            label=f"What is {values['a']} plus {values['b']}?",
            help_text="A check that a person, not a program, is sending this. Answer in digits.",
            error_messages={"invalid": "Answer in digits, for example 7."},
        )
        self.initial["challenge"] = token

    def challenge_renew(self) -> None:
        """After a refused attempt: a new sum, so a wrong answer cannot simply be retried."""
        if not self.visitor:
            return
        token = challenge_new()
        # The errors found stay (already computed); only the values shown change.
        data = {name: str(value) for name, value in self.data.items()}
        data["challenge"] = token
        data["answer"] = ""
        self.data = data
        self._challenge_set(token)

    def clean_friend_name(self) -> str:
        return self._name(self.cleaned_data["friend_name"], "Your friend's name")

    def clean_sender_name(self) -> str:
        return self._name(self.cleaned_data["sender_name"], "Your name")

    def clean_friend_email(self) -> str:
        value = str(self.cleaned_data["friend_email"])
        if any(ch in value for ch in "\r\n,;<>"):
            raise forms.ValidationError("Enter one email address, like name@example.com.")
        return value

    def clean_note(self) -> str:
        try:
            return note_clean(self.cleaned_data["note"])
        except InvitationTextRefused as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean_website(self) -> str:
        if self.cleaned_data.get("website"):
            raise forms.ValidationError("Leave this field empty.")
        return ""

    def clean_answer(self) -> int:
        answer = int(self.cleaned_data["answer"])
        values = challenge_read(str(self.data.get("challenge", "")))
        if values is None:
            raise forms.ValidationError("This question has expired. Please answer the new one.")
        if values["a"] + values["b"] != answer:
            raise forms.ValidationError("That is not the right answer. Please try the new sum.")
        if time.time() - values["t"] < settings.REFERRALS_MIN_FORM_SECONDS:
            raise forms.ValidationError("That was very quick. Please check and send again.")
        return answer

    @staticmethod
    def _name(value: str, what: str) -> str:
        try:
            return name_clean(value, what=what)
        except InvitationTextRefused as exc:
            raise forms.ValidationError(str(exc)) from exc
