"""The public request form and the privacy officer's forms."""

from __future__ import annotations

from django import forms

from azultel.core.upload_checks import AGENT_PERMISSION_UPLOADS
from azultel.core.uploads import PrivateFileField
from azultel.dsr.models import Kind, Outcome

DETAILS_MAX = 2000


class RequestForm(forms.Form):
    kind = forms.ChoiceField(
        label="What would you like us to do?",
        choices=Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what you would like us to do."},
    )
    email = forms.EmailField(
        label="Email address the request is about",
        max_length=254,
        help_text="We send a link to this address to confirm the request, and answer there.",
        error_messages={"required": "Enter the email address the request is about."},
    )
    details = forms.CharField(
        label="Details",
        required=False,
        max_length=DETAILS_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For a correction: what is wrong and what it should say. For an appeal: why "
        f"you disagree. At most {DETAILS_MAX:,} characters.",
    )
    appeal_reference = forms.CharField(
        label="Reference of the decision you appeal",
        required=False,
        max_length=12,
        help_text="It starts with PR-, as in our answer.",
    )
    is_agent = forms.BooleanField(
        label="I am an authorised agent filing for this person", required=False
    )
    agent_name = forms.CharField(label="Your name (the agent)", required=False, max_length=120)
    agent_permission = PrivateFileField(
        policy=AGENT_PERMISSION_UPLOADS,
        label="The person's signed permission",
        required=False,
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        kind = data.get("kind")
        if kind == Kind.CORRECTION and not str(data.get("details", "")).strip():
            self.add_error("details", "Say what is wrong and what it should say.")
        if kind == Kind.APPEAL and not str(data.get("appeal_reference", "")).strip():
            self.add_error("appeal_reference", "Enter the reference of the decision you appeal.")
        if data.get("is_agent"):
            if not str(data.get("agent_name", "")).strip():
                self.add_error("agent_name", "Enter your name as the person's agent.")
            if not data.get("agent_permission") and "agent_permission" not in self.errors:
                self.add_error(
                    "agent_permission",
                    "Upload the person's signed permission. "
                    + AGENT_PERMISSION_UPLOADS.instruction(),
                )
        return data


class AnswerForm(forms.Form):
    outcome = forms.ChoiceField(label="How did it end?", choices=Outcome.choices)
    answer = forms.CharField(
        label="Answer to the person",
        required=False,
        max_length=DETAILS_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Sent by email. For a refusal, say why.",
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("outcome") == Outcome.REFUSED and not str(data.get("answer", "")).strip():
            self.add_error("answer", "Say why the request is refused.")
        return data


class ExtendForm(forms.Form):
    reason = forms.CharField(
        label="Why more time is needed",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The person is told this and the new date.",
    )


class AgentDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="The signed permission",
        choices=[("approve", "Lets the agent act for the person"), ("refuse", "Does not")],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label="Note to the agent", required=False, max_length=500)


class ChildAccountForm(forms.Form):
    email = forms.EmailField(label="Sign-in address of the account", max_length=254)
    note = forms.CharField(
        label="How we learned the account belongs to a child under 13",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirm = forms.BooleanField(
        label="Close this account and delete its data now (this cannot be undone)"
    )
