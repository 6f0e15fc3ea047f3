"""Forms of the staff marketing pages: they build a segment's rules and a campaign's content;
the services decide what may be saved."""

from __future__ import annotations

from django import forms

from azultel.catalog.states import service_state_choices
from azultel.lists.models import ContactList
from azultel.lists.selectors import contact_lists_for_campaigns
from azultel.marketing.models import CampaignKind, Segment
from azultel.marketing.rules import SEGMENT_TOPICS, SERVICE_KINDS
from azultel.marketing.selectors import plan_choices, segment_list
from azultel.privacy.models import ConsentTopic
from azultel.surveys.models import Survey
from azultel.surveys.selectors import (
    survey_open_for_invitation_get,
    surveys_attributed,
    surveys_open_for_invitation,
)


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


class ContactListChoiceField(forms.ModelChoiceField[ContactList]):
    def label_from_instance(self, obj: ContactList) -> str:
        count = getattr(obj, "contact_count", None)
        noun = "person" if count == 1 else "people"
        people = f", {count} {noun}" if count is not None else ""
        return f"{obj.name} (from {obj.source_organisation}{people})"


def _open_survey_choices() -> list[tuple[str, str]]:
    return [("", "No survey")] + [
        (str(link.survey_id), link.title) for link in surveys_open_for_invitation()
    ]


class CampaignForm(forms.Form):
    name = forms.CharField(
        label="Campaign name (staff only)",
        max_length=120,
        error_messages={"required": "Give the campaign a name."},
    )
    kind = forms.ChoiceField(label="Kind", choices=CampaignKind.choices)
    segment = forms.ModelChoiceField(
        label="A segment of customers",
        queryset=segment_list(),
        required=False,
        empty_label="No segment",
        error_messages={"invalid_choice": "That segment no longer exists: choose another."},
    )
    contact_list = ContactListChoiceField(
        label="Or a contact list from a partner",
        queryset=contact_lists_for_campaigns(),
        required=False,
        empty_label="No contact list",
        help_text="Never for a CPNI campaign: a list holds no telephone-customer information.",
        error_messages={"invalid_choice": "That list no longer exists: choose another."},
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
    survey = forms.ChoiceField(
        label="Survey (survey invitations only)",
        choices=_open_survey_choices,
        required=False,
        help_text="Only surveys taking answers now are offered; the email links to the "
        "survey's public address.",
        error_messages={
            "invalid_choice": "That survey is not taking answers (closed or not published): "
            "choose an open one."
        },
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
    include_offer = forms.BooleanField(
        label="Add an Azultel offer for the reader's state",
        required=False,
        help_text="Chosen from the house ads running in the email slot for the state on each "
        "reader's address; nothing else about the reader is used.",
    )

    def clean_survey(self) -> Survey | None:
        chosen = self.cleaned_data.get("survey")
        if not chosen:
            return None
        survey = survey_open_for_invitation_get(survey_id=chosen)
        if survey is None:
            raise forms.ValidationError(self.fields["survey"].error_messages["invalid_choice"])
        return survey

    def clean(self) -> dict[str, object] | None:
        data = super().clean() or {}
        segment, contact_list = data.get("segment"), data.get("contact_list")
        if "segment" in data and "contact_list" in data:
            if segment is None and contact_list is None:
                self.add_error(
                    "segment", "Choose who the campaign is for: a segment or a contact list."
                )
            elif segment is not None and contact_list is not None:
                self.add_error("contact_list", "Choose a segment or a contact list, not both.")
        invitation = data.get("kind") == CampaignKind.SURVEY_INVITATION
        if invitation and "survey" in data and data["survey"] is None:
            self.add_error("survey", "Choose the survey this invitation is for.")
        return data


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


class SurveyResultsBySegmentForm(forms.Form):
    """Which attributed survey, split by which segment (anonymous surveys are not offered)."""

    survey = forms.ModelChoiceField(
        label="Survey (only surveys that know who answered)",
        queryset=surveys_attributed(),
        to_field_name="slug",
        empty_label="Choose a survey",
        error_messages={
            "required": "Choose a survey.",
            "invalid_choice": "Choose one of the listed surveys: an anonymous survey cannot be "
            "split by who answered.",
        },
    )
    segment = forms.ModelChoiceField(
        label="Segment",
        queryset=segment_list(),
        empty_label="Choose a segment",
        error_messages={
            "required": "Choose a segment.",
            "invalid_choice": "That segment no longer exists: choose another.",
        },
    )
