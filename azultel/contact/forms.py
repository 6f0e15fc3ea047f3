from __future__ import annotations

from django import forms

from azultel.accounts.models import User
from azultel.contact.models import MESSAGE_MAX_LENGTH, Status, Topic


def _message_field(label: str, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=MESSAGE_MAX_LENGTH,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": "Write a message.",
            "max_length": f"Keep the message to {MESSAGE_MAX_LENGTH:,} characters or fewer.",
        },
    )


class FollowUpForm(forms.Form):
    """The customer's next message, on the private link or in the account."""

    message = _message_field("Your message", "We answer by email and here.")


class ReplyForm(forms.Form):
    reply = _message_field("Reply to the customer", "Emailed to the customer and shown to them.")


class NoteForm(forms.Form):
    note = _message_field("Internal note", "Only staff see notes. They are never emailed.")


class StatusForm(forms.Form):
    status = forms.ChoiceField(label="Status", choices=Status.choices)


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label="Assigned to", queryset=User.objects.none(), required=False, empty_label="Nobody"
    )

    def __init__(self, *args: object, people: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["assignee"].queryset = people  # type: ignore[attr-defined]
        self.fields["assignee"].label_from_instance = (  # type: ignore[attr-defined]
            lambda u: u.get_full_name() or u.email
        )


class InboxFilterForm(forms.Form):
    topic = forms.ChoiceField(label="Topic", required=False)
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Not closed"), *Status.choices]
    )
    assignee = forms.ChoiceField(label="Assigned to", required=False)

    def __init__(self, *args: object, topics: list[str], people: list[User], **kwargs: object):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        labels = dict(Topic.choices)
        self.fields["topic"].choices = [("", "All my topics")] + [  # type: ignore[attr-defined]
            (t, labels[t]) for t in topics
        ]
        self.fields["assignee"].choices = [  # type: ignore[attr-defined]
            ("", "Anyone"),
            ("me", "Me"),
            ("none", "Nobody"),
            *[(str(p.pk), p.get_full_name() or p.email) for p in people],
        ]
