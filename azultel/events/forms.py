"""Forms of the events pages: registration (with the co-sponsor notice), staff's event form,
the hand-over approval and the check-in search."""

from __future__ import annotations

from datetime import datetime

from django import forms

from azultel.events.models import CosponsorField, Event, EventKind
from azultel.events.services import (
    ANSWER_MAX,
    NAME_MAX,
    ORGANISATION_MAX,
    EventDetails,
    notice_token,
)

QUESTIONS_MAX = 5
_CONTROL = "must be one line of plain text"


def _one_line(value: str, label: str) -> str:
    value = value.strip()
    if any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise forms.ValidationError(f"{label} {_CONTROL}.")
    return value


class RegistrationForm(forms.Form):
    """Name, email, optional organisation, the event's questions, and two separate, unticked,
    optional consents. ``notice`` proves which co-sponsor notice the form showed (P15)."""

    notice = forms.CharField(widget=forms.HiddenInput, max_length=64)
    name = forms.CharField(label="Your name", max_length=NAME_MAX)
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="We send your confirmation, a reminder and any change to the event here.",
    )
    organisation = forms.CharField(
        label="Organisation", max_length=ORGANISATION_MAX, required=False
    )
    azultel_consent = forms.BooleanField(
        label="Yes, Azultel may email me about its products and services", required=False
    )

    def __init__(self, *args: object, event: Event, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.event = event
        self.fields["notice"].initial = notice_token(event)
        for index, question in enumerate(event.questions):
            self.fields[f"q{index}"] = forms.CharField(
                label=question,
                max_length=ANSWER_MAX,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        if event.is_cosponsored:
            self.fields["cosponsor_consent"] = forms.BooleanField(
                label=f"Yes, {event.cosponsor_name} may receive the details listed above and "
                "contact me",
                required=False,
            )

    def clean_name(self) -> str:
        return _one_line(self.cleaned_data["name"], "Your name")

    def clean_organisation(self) -> str:
        return _one_line(self.cleaned_data["organisation"], "Organisation")

    def question_fields(self) -> list[forms.BoundField]:
        return [self[f"q{i}"] for i in range(len(self.event.questions))]

    def answers(self) -> dict[str, str]:
        return {
            question: self.cleaned_data.get(f"q{i}", "")
            for i, question in enumerate(self.event.questions)
        }


class EventForm(forms.Form):
    title = forms.CharField(label="Title", max_length=150)
    summary = forms.CharField(
        label="What the event is about", max_length=2000, widget=forms.Textarea
    )
    kind = forms.ChoiceField(label="Where it happens", choices=EventKind.choices)
    online_url = forms.URLField(
        label="Link to join (online events)", required=False, assume_scheme="https"
    )
    venue_name = forms.CharField(
        label="Place name (events at a place)", max_length=150, required=False
    )
    address = forms.CharField(label="Address (events at a place)", max_length=300, required=False)
    starts_at = forms.DateTimeField(
        label="Starts", widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    ends_at = forms.DateTimeField(
        label="Ends", widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    registration_closes_at = forms.DateTimeField(
        label="Registration closes", widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    capacity = forms.IntegerField(label="Places", min_value=1, max_value=100_000)
    waitlist_enabled = forms.BooleanField(
        label="Keep a waiting list when it is full", required=False
    )
    questions = forms.CharField(
        label="Questions to ask (optional, one a line, at most 5)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    cosponsor_name = forms.CharField(label="Co-sponsor (optional)", max_length=150, required=False)
    cosponsor_fields = forms.MultipleChoiceField(
        label="What the co-sponsor receives (from people who agree)",
        choices=CosponsorField.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    published = forms.BooleanField(label="Show on the events page", required=False)

    def clean_questions(self) -> list[str]:
        lines = [q.strip() for q in self.cleaned_data["questions"].splitlines() if q.strip()]
        if len(lines) > QUESTIONS_MAX:
            raise forms.ValidationError(f"Ask at most {QUESTIONS_MAX} questions.")
        if any(len(q) > 200 for q in lines):
            raise forms.ValidationError("Each question must be 200 characters or fewer.")
        return lines

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        kind = data.get("kind")
        if kind == EventKind.ONLINE and not data.get("online_url"):
            self.add_error("online_url", "Enter the link people use to join.")
        if kind == EventKind.IN_PERSON and not data.get("address"):
            self.add_error("address", "Enter the address of the place.")
        starts, ends = data.get("starts_at"), data.get("ends_at")
        closes = data.get("registration_closes_at")
        if isinstance(starts, datetime) and isinstance(ends, datetime) and ends <= starts:
            self.add_error("ends_at", "The end must be after the start.")
        if isinstance(starts, datetime) and isinstance(closes, datetime) and closes > starts:
            self.add_error("registration_closes_at", "Registration must close by the start.")
        if data.get("cosponsor_name") and not data.get("cosponsor_fields"):
            self.add_error("cosponsor_fields", "Choose what the co-sponsor receives.")
        return data

    def details(self) -> EventDetails:
        d = self.cleaned_data
        return EventDetails(
            title=d["title"],
            summary=d["summary"],
            kind=d["kind"],
            online_url=d["online_url"],
            venue_name=d["venue_name"],
            address=d["address"],
            starts_at=d["starts_at"],
            ends_at=d["ends_at"],
            registration_closes_at=d["registration_closes_at"],
            capacity=d["capacity"],
            waitlist_enabled=d["waitlist_enabled"],
            questions=d["questions"],
            cosponsor_name=d["cosponsor_name"],
            cosponsor_fields=d["cosponsor_fields"],
            published=d["published"],
        )

    @staticmethod
    def initial_for(event: Event) -> dict[str, object]:
        return {
            "title": event.title,
            "summary": event.summary,
            "kind": event.kind,
            "online_url": event.online_url,
            "venue_name": event.venue_name,
            "address": event.address,
            "starts_at": event.starts_at,
            "ends_at": event.ends_at,
            "registration_closes_at": event.registration_closes_at,
            "capacity": event.capacity,
            "waitlist_enabled": event.waitlist_enabled,
            "questions": "\n".join(event.questions),
            "cosponsor_name": event.cosponsor_name,
            "cosponsor_fields": event.cosponsor_fields,
            "published": event.published,
        }


class HandoverApproveForm(forms.Form):
    reference = forms.CharField(
        label="Agreement with the co-sponsor this relies on", max_length=300
    )


class CheckinSearchForm(forms.Form):
    q = forms.CharField(label="Search by name", max_length=100, required=False)
