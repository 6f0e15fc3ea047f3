"""Forms of the careers pages: the listing filters, the application, and HR's forms."""

from __future__ import annotations

from collections.abc import Sequence

import phonenumbers
from django import forms

from azultel.careers.models import (
    HR_STAGES,
    LOCATION_CHOICES,
    Department,
    EmploymentType,
    Ethnicity,
    Gender,
    JobListing,
    PayPeriod,
    Stage,
    YesNoDeclined,
)
from azultel.careers.services import EMAIL_TEMPLATES
from azultel.careers.services.hr import PERSONAL_MESSAGE_MAX
from azultel.core.upload_checks import RESUME_UPLOADS
from azultel.core.uploads import PrivateFileField

COVER_LETTER_MAX = 5000
ANSWER_MAX = 2000
_ANY: list[tuple[str, str]] = [("", "Any")]


def _choices(choices: Sequence[tuple[str, object]]) -> list[tuple[str, str]]:
    return [(value, str(label)) for value, label in choices]


class ListingFilterForm(forms.Form):
    q = forms.CharField(label="Search jobs", max_length=200, required=False)
    department = forms.ChoiceField(
        label="Department", choices=_ANY + _choices(Department.choices), required=False
    )
    location = forms.ChoiceField(label="Location", choices=_ANY + LOCATION_CHOICES, required=False)
    employment_type = forms.ChoiceField(
        label="Type", choices=_ANY + _choices(EmploymentType.choices), required=False
    )


class ApplicationForm(forms.Form):
    """Name, email, optional phone, résumé, optional cover letter, the listing's questions, and
    optional equal-opportunity answers (stored apart). ``submission_key`` makes a second submit
    of the same form a no-op."""

    submission_key = forms.CharField(widget=forms.HiddenInput, max_length=64, min_length=16)
    name = forms.CharField(label="Your full name", max_length=120)
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="We send the acknowledgement and your private status link here.",
    )
    phone = forms.CharField(label="Phone number", max_length=32, required=False)
    resume = PrivateFileField(policy=RESUME_UPLOADS, label="Your résumé")
    cover_letter = forms.CharField(
        label="Cover letter",
        max_length=COVER_LETTER_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=f"At most {COVER_LETTER_MAX:,} characters.",
    )
    gender = forms.ChoiceField(
        label="Gender", choices=Gender.choices, required=False, initial=Gender.DECLINED
    )
    ethnicity = forms.ChoiceField(
        label="Race or ethnicity", choices=Ethnicity.choices, required=False,
        initial=Ethnicity.DECLINED,
    )  # fmt: skip
    veteran = forms.ChoiceField(
        label="Are you a protected veteran?", choices=YesNoDeclined.choices, required=False,
        initial=YesNoDeclined.DECLINED,
    )  # fmt: skip
    disability = forms.ChoiceField(
        label="Do you have a disability?", choices=YesNoDeclined.choices, required=False,
        initial=YesNoDeclined.DECLINED,
    )  # fmt: skip

    EQUAL_OPPORTUNITY = ("gender", "ethnicity", "veteran", "disability")

    def __init__(self, *args: object, listing: JobListing | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.listing = listing
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"
        self.questions = list(listing.questions.all()) if listing else []
        for question in self.questions:
            self.fields[f"question_{question.pk}"] = forms.CharField(
                label=question.text,
                max_length=ANSWER_MAX,
                required=question.required,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def question_fields(self) -> list[forms.BoundField]:
        return [self[f"question_{q.pk}"] for q in self.questions]

    def equal_opportunity_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.EQUAL_OPPORTUNITY]

    def clean_name(self) -> str:
        name: str = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError("Enter your full name.")
        return name

    def clean_phone(self) -> str:
        raw: str = self.cleaned_data["phone"].strip()
        if not raw:
            return ""
        try:
            number = phonenumbers.parse(raw, "US")
        except phonenumbers.NumberParseException as exc:
            raise forms.ValidationError("Enter a phone number such as 305-555-0123.") from exc
        if not phonenumbers.is_valid_number(number):
            raise forms.ValidationError("That is not a valid phone number.")
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)

    def answers(self) -> list[dict[str, str]]:
        return [
            {"question": q.text, "answer": self.cleaned_data.get(f"question_{q.pk}", "").strip()}
            for q in self.questions
        ]

    def equal_opportunity(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name) or "declined" for name in self.EQUAL_OPPORTUNITY}


class ListingForm(forms.ModelForm):
    publish_at = forms.DateTimeField(
        label="Publish on",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text="Leave empty to publish as soon as you choose Publish.",
    )
    close_at = forms.DateTimeField(
        label="Close automatically on",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    questions = forms.CharField(
        label="Questions for applicants",
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One question a line. Start a line with * to make the answer required.",
    )

    class Meta:
        model = JobListing
        fields = [
            "title", "department", "location", "employment_type", "pay_min", "pay_max",
            "pay_period", "description",
        ]  # fmt: skip
        labels = {
            "pay_min": "Lowest pay (USD)",
            "pay_max": "Highest pay (USD)",
            "pay_period": "Pay is",
            "employment_type": "Type",
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 10})}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["pay_period"].choices = PayPeriod.choices  # type: ignore[attr-defined]
        if self.instance.pk:
            self.fields["questions"].initial = "\n".join(
                ("* " if q.required else "") + q.text for q in self.instance.questions.all()
            )
            self.fields["publish_at"].initial = self.instance.publish_at
            self.fields["close_at"].initial = self.instance.close_at

    def clean_questions(self) -> tuple[tuple[str, bool], ...]:
        parsed = []
        for line in self.cleaned_data["questions"].splitlines():
            text = line.strip()
            required = text.startswith("*")
            text = text.lstrip("*").strip()
            if text:
                if len(text) > 300:
                    raise forms.ValidationError("Keep each question under 300 characters.")
                parsed.append((text, required))
        if len(parsed) > 10:
            raise forms.ValidationError("Ask at most 10 questions.")
        return tuple(parsed)


class BoardFilterForm(forms.Form):
    q = forms.CharField(label="Search names, emails and résumés", max_length=200, required=False)
    stage = forms.ChoiceField(label="Stage", choices=_ANY + _choices(Stage.choices), required=False)
    listing = forms.TypedChoiceField(label="Job", coerce=int, required=False, empty_value=None)

    def __init__(self, *args: object, listings: list[JobListing], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["listing"].choices = [  # type: ignore[attr-defined]
            ("", "Any"),
            *((j.pk, j.title) for j in listings),
        ]


class StageForm(forms.Form):
    stage = forms.ChoiceField(
        label="Move to stage", choices=[(s.value, s.label) for s in HR_STAGES]
    )


class NoteForm(forms.Form):
    body = forms.CharField(
        label="Note", max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    rating = forms.TypedChoiceField(
        label="Rating",
        choices=[("", "No rating"), *((n, f"{n} of 5") for n in range(1, 6))],
        coerce=int,
        required=False,
        empty_value=None,
    )


class EmailForm(forms.Form):
    template = forms.ChoiceField(label="Email", choices=[(t.key, t.title) for t in EMAIL_TEMPLATES])
    personal_message = forms.CharField(
        label="Your message",
        max_length=PERSONAL_MESSAGE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Added to the email, for example the interview times you offer.",
    )


class BulkRejectForm(forms.Form):
    personal_message = forms.CharField(
        label="A kind word to add (optional)",
        max_length=PERSONAL_MESSAGE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReopenForm(forms.Form):
    close_at = forms.DateTimeField(
        label="Close automatically on",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
