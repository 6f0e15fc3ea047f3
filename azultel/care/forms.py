from __future__ import annotations

from datetime import date, datetime

from django import forms
from django.utils import timezone

from azultel.accounts.models import User
from azultel.care.models import SYMPTOMS_MAX_LENGTH, Category, Priority, TicketStatus, Window
from azultel.care.services import OutageRefused, passcode_problems, zip_codes_parse


def _text(label: str, help_text: str, *, required: bool, rows: int = 5) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=SYMPTOMS_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "required": "Describe what is happening.",
            "max_length": f"Keep it to {SYMPTOMS_MAX_LENGTH:,} characters or fewer.",
        },
    )


class TicketReportForm(forms.Form):
    """The customer reports a problem on one of their services."""

    service = forms.ChoiceField(
        label="Which service has the problem?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the service with the problem.",
            "invalid_choice": "Choose one of your services.",
        },
    )
    category = forms.ChoiceField(
        label="What is the problem?",
        choices=Category.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose what the problem is.",
            "invalid_choice": "Choose what the problem is.",
        },
    )
    symptoms = _text(
        "What is happening?",
        "For example: when it started, what the lights on the box show, what you tried.",
        required=True,
    )

    def __init__(self, *args: object, services: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["service"].choices = services  # type: ignore[attr-defined]

    def clean_symptoms(self) -> str:
        text = str(self.cleaned_data["symptoms"]).strip()
        if not text:
            raise forms.ValidationError("Describe what is happening.")
        return text


class PasscodeForm(forms.Form):
    passcode = forms.CharField(
        label="New phone passcode",
        help_text="6 to 10 digits. You will be asked for it when you call us.",
        max_length=10,
        widget=forms.PasswordInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"required": "Enter a passcode.", "max_length": "Use 6 to 10 digits."},
    )
    passcode_again = forms.CharField(
        label="The same passcode again",
        max_length=10,
        widget=forms.PasswordInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={
            "required": "Enter the passcode again.",
            "max_length": "Use 6 to 10 digits.",
        },
    )

    def clean_passcode(self) -> str:
        value = str(self.cleaned_data["passcode"]).strip()
        problems = passcode_problems(value)
        if problems:
            raise forms.ValidationError(problems[0])
        return value

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        first, again = data.get("passcode"), data.get("passcode_again")
        if first and again is not None and str(again).strip() != first:
            self.add_error("passcode_again", "The two passcodes are not the same.")
        return data


class TicketUpdateForm(forms.Form):
    status = forms.ChoiceField(label="Status", choices=TicketStatus.choices)
    priority = forms.ChoiceField(label="Priority", choices=Priority.choices)
    assignee = forms.ModelChoiceField(
        label="Assigned to", queryset=User.objects.none(), required=False, empty_label="Nobody"
    )
    update = _text(
        "Update for the customer",
        "Shown to the customer and emailed to them.",
        required=False,
        rows=4,
    )
    note = _text(
        "Staff note", "Only staff see notes. They are never emailed.", required=False, rows=3
    )

    def __init__(self, *args: object, people: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["assignee"].queryset = people  # type: ignore[attr-defined]
        self.fields["assignee"].label_from_instance = (  # type: ignore[attr-defined]
            lambda u: u.get_full_name() or u.email
        )


class AppointmentForm(forms.Form):
    day = forms.DateField(
        label="Day of the visit",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": "Enter a day.", "invalid": "Enter a real day."},
    )
    window = forms.ChoiceField(
        label="Time window",
        choices=Window.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a time window."},
    )

    def clean_day(self) -> date:
        day: date = self.cleaned_data["day"]
        if day <= timezone.localdate():
            raise forms.ValidationError("Choose a day from tomorrow on.")
        return day


class OutageForm(forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=120,
        help_text="Customers see this, for example: Internet down in Little Havana.",
        error_messages={"required": "Give the outage a short title."},
    )
    details = forms.CharField(
        label="Details for customers",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    zip_codes = forms.CharField(
        label="ZIP codes affected",
        help_text="Five-digit ZIP codes, separated by commas or spaces.",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Enter at least one ZIP code."},
    )
    estimated_restore_at = forms.DateTimeField(
        label="Estimated restore time",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        error_messages={
            "required": "Enter when service should be back.",
            "invalid": "Enter a date and time.",
        },
    )

    def clean_zip_codes(self) -> list[str]:
        try:
            return zip_codes_parse(str(self.cleaned_data["zip_codes"]))
        except OutageRefused as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean_estimated_restore_at(self) -> datetime:
        value: datetime = self.cleaned_data["estimated_restore_at"]
        if value <= timezone.now():
            raise forms.ValidationError("The estimated restore time must be in the future.")
        return value


class CallerPasscodeForm(forms.Form):
    passcode = forms.CharField(
        label="Passcode the caller gives",
        max_length=10,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"required": "Enter the passcode the caller gives."},
    )


class CallerCodeForm(forms.Form):
    code = forms.CharField(
        label="Code the caller reads out",
        max_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"required": "Enter the code the caller reads out."},
    )


class DeskSearchForm(forms.Form):
    q = forms.CharField(
        label="Email, name or ZIP code",
        max_length=100,
        error_messages={"required": "Enter something to search for."},
    )
