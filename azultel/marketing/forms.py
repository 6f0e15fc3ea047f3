"""Forms of the staff marketing pages: they build a segment's rules and a campaign's content;
the services decide what may be saved."""

from __future__ import annotations

from django import forms

from azultel.catalog.states import service_state_choices
from azultel.marketing.models import CampaignKind, Segment
from azultel.marketing.rules import SEGMENT_TOPICS, SERVICE_KINDS
from azultel.marketing.selectors import plan_choices, segment_list
from azultel.privacy.models import ConsentTopic


class SegmentForm(forms.Form):
    name = forms.CharField(
        label="Segment name",
        max_length=120,
        error_messages={"required": "Give the segment a name."},
    )
    description = forms.CharField(label="What it is for (optional)", max_length=500, required=False)
    state = forms.MultipleChoiceField(
        label="State of the address of record (optional)",
        choices=service_state_choices,
        required=False,
        help_text="Any of the chosen states. Hold Ctrl (or Cmd) to choose more than one.",
    )
    services_held = forms.MultipleChoiceField(
        label="Services held (telephone-customer information)",
        choices=list(SERVICE_KINDS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Choosing any makes this a CPNI segment: it reaches only customers who "
        "approved the use of their telephone service information.",
    )
    plan_type = forms.MultipleChoiceField(
        label="Plan (telephone-customer information)",
        # A callable: read from the catalog each time a form is made.
        choices=plan_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    signed_up_after = forms.DateField(
        label="Signed up on or after (optional)",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    signed_up_before = forms.DateField(
        label="Signed up before (optional)",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    topics = forms.MultipleChoiceField(
        label="Said yes to these email topics (optional)",
        choices=[(t, ConsentTopic(t).label) for t in SEGMENT_TOPICS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def rules(self) -> dict[str, object]:
        """The rules the chosen fields make (only those filled in)."""
        data = self.cleaned_data
        rules: dict[str, object] = {}
        for name in ("state", "services_held", "plan_type", "topics"):
            if data.get(name):
                rules[name] = list(data[name])
        for name in ("signed_up_after", "signed_up_before"):
            if data.get(name):
                rules[name] = data[name].isoformat()
        return rules

    @classmethod
    def initial_for(cls, segment: Segment) -> dict[str, object]:
        return {"name": segment.name, "description": segment.description, **segment.rules}


class CampaignForm(forms.Form):
    name = forms.CharField(
        label="Campaign name (staff only)",
        max_length=120,
        error_messages={"required": "Give the campaign a name."},
    )
    kind = forms.ChoiceField(label="Kind", choices=CampaignKind.choices)
    segment = forms.ModelChoiceField(
        label="Audience (segment)",
        queryset=segment_list(),
        error_messages={"required": "Choose who the campaign is for."},
    )
    subject_line = forms.CharField(
        label="Subject line",
        max_length=200,
        error_messages={"required": "Write the subject line."},
    )
    body = forms.CharField(
        label="Text of the email",
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="Plain text. Leave a blank line between paragraphs; start a line with '- ' "
        "for a list; links are full addresses on this site. No HTML. The greeting "
        "('Hello <given name>,'), the sender, the postal address and the unsubscribe link are "
        "added for you.",
        error_messages={"required": "Write the text of the email."},
    )
    survey_url = forms.CharField(
        label="Survey address (survey invitations only)", max_length=300, required=False
    )
    offered = forms.CharField(
        label="Products and services offered",
        max_length=500,
        required=False,
        help_text="Required for a CPNI segment: it goes into the campaign record.",
    )
    description = forms.CharField(
        label="Description (for the campaign record)",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ScheduleForm(forms.Form):
    when = forms.DateTimeField(
        label="Send at",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        error_messages={
            "required": "Choose when to send.",
            "invalid": "Give a date and time, like 2026-12-24 09:00.",
        },
    )
