"""Forms: the staff builder's (details, section, question, results filter) and the answer form."""

from __future__ import annotations

from django import forms
from django.http import QueryDict

from azultel.catalog.states import service_state_choices
from azultel.surveys.models import (
    DEFAULT_FREE_TEXT_RETENTION_DAYS,
    MAX_FREE_TEXT_RETENTION_DAYS,
    NPS_MAX,
    NPS_MIN,
    RATING_MAX,
    RATING_MIN,
    Question,
    QuestionKind,
    Section,
)
from azultel.surveys.services import AnswerValue, QuestionDetails, SurveyDetails
from azultel.surveys.services.responses import MAX_TEXT


def _when() -> forms.DateTimeInput:
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class SurveyDetailsForm(forms.Form):
    title = forms.CharField(max_length=150)
    intro = forms.CharField(
        label="Introduction",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Shown above the questions: what the survey is for and how long it takes.",
    )
    anonymous = forms.TypedChoiceField(
        label="Who answered",
        choices=[
            ("yes", "Anonymous: answers cannot be linked to anyone, not even by staff"),
            ("no", "Attributed: people sign in and their answers are kept with their account"),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        help_text="Cannot change once the survey has been opened.",
    )
    public = forms.TypedChoiceField(
        label="Where people find it",
        choices=[
            ("yes", "Listed on the site's surveys page"),
            ("no", "Only people with the link (for example from an invitation email)"),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    opens_at = forms.DateTimeField(
        label="Opens",
        required=False,
        help_text="Leave empty to take answers as soon as it is opened.",
        widget=_when(),
    )
    closes_at = forms.DateTimeField(
        label="Closes",
        required=False,
        help_text="Leave empty to take answers until it is closed.",
        widget=_when(),
    )
    free_text_retention_days = forms.IntegerField(
        label="Keep free-text answers for (days)",
        min_value=1,
        max_value=MAX_FREE_TEXT_RETENTION_DAYS,
        initial=DEFAULT_FREE_TEXT_RETENTION_DAYS,
        help_text="After this many days, written answers are deleted; choices and ratings stay.",
    )

    def details(self) -> SurveyDetails:
        data = self.cleaned_data
        return SurveyDetails(
            title=data["title"],
            intro=data["intro"],
            anonymous=data["anonymous"],
            public=data["public"],
            opens_at=data["opens_at"],
            closes_at=data["closes_at"],
            free_text_retention_days=data["free_text_retention_days"],
        )


class SectionForm(forms.Form):
    title = forms.CharField(label="Section title", max_length=150, required=False)
    description = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=1000
    )


class QuestionForm(forms.Form):
    text = forms.CharField(label="Question", max_length=300)
    kind = forms.ChoiceField(label="Kind of answer", choices=QuestionKind.choices)
    help_text = forms.CharField(label="Hint", max_length=300, required=False)
    required = forms.TypedChoiceField(
        label="Must people answer it?",
        choices=[("yes", "Yes, an answer is needed"), ("no", "No, it can be skipped")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    choices = forms.CharField(
        label="Answers to choose from",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Single and multiple choice only: one answer a line, in the order to show.",
    )

    @classmethod
    def for_question(cls, question: Question) -> QuestionForm:
        return cls(
            initial={
                "text": question.text,
                "kind": question.kind,
                "help_text": question.help_text,
                "required": "yes" if question.required else "no",
                "choices": "\n".join(c.label for c in question.choices.all()),
            }
        )

    def details(self) -> QuestionDetails:
        data = self.cleaned_data
        return QuestionDetails(
            kind=data["kind"],
            text=data["text"],
            help_text=data["help_text"],
            required=data["required"],
            choices=data["choices"].splitlines(),
        )


class ResultsFilterForm(forms.Form):
    state = forms.ChoiceField(
        label="Respondents' state",
        required=False,
        choices=[("", "All states"), *service_state_choices()],
    )


_MESSAGES = {
    "required": "Answer this question.",
    "invalid_choice": "Choose one of the answers shown.",
}


def _rating_choices(kind: str) -> list[tuple[int, str]]:
    if kind == QuestionKind.RATING:
        words = {RATING_MIN: " (very poor)", RATING_MAX: " (excellent)"}
        return [(n, f"{n}{words.get(n, '')}") for n in range(RATING_MIN, RATING_MAX + 1)]
    words = {NPS_MIN: " (not at all likely)", NPS_MAX: " (extremely likely)"}
    return [(n, f"{n}{words.get(n, '')}") for n in range(NPS_MIN, NPS_MAX + 1)]


def _field_for(question: Question) -> forms.Field:
    field: forms.Field
    if question.has_choices:
        options = [(str(c.pk), c.label) for c in question.choices.all()]
        if question.kind == QuestionKind.SINGLE:
            field = forms.ChoiceField(choices=options, widget=forms.RadioSelect)
        else:
            field = forms.MultipleChoiceField(choices=options, widget=forms.CheckboxSelectMultiple)
    elif question.kind in (QuestionKind.RATING, QuestionKind.NPS):
        field = forms.TypedChoiceField(
            choices=_rating_choices(question.kind),
            coerce=int,
            empty_value=None,
            widget=forms.RadioSelect,
        )
    else:
        field = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=MAX_TEXT)
    field.label = question.text
    field.required = field.widget.is_required = question.required
    field.help_text = question.help_text
    field.error_messages.update(_MESSAGES)
    return field


class ResponseForm(forms.Form):
    """One field a question, named ``q<id>``; the page groups them by section."""

    def __init__(self, sections: list[Section], data: QueryDict | None = None) -> None:
        super().__init__(data)
        self.sections = sections
        for section in sections:
            for question in section.questions.all():
                self.fields[f"q{question.pk}"] = _field_for(question)

    def grouped(self) -> list[tuple[Section, list[forms.BoundField]]]:
        return [
            (section, [self[f"q{q.pk}"] for q in section.questions.all()])
            for section in self.sections
        ]

    def answers(self) -> dict[int, AnswerValue]:
        found: dict[int, AnswerValue] = {}
        for name, value in self.cleaned_data.items():
            question_id = int(name[1:])
            if isinstance(value, list):
                found[question_id] = [int(v) for v in value]
            elif isinstance(value, str) and self.fields[name].__class__ is forms.ChoiceField:
                found[question_id] = int(value) if value else None
            else:
                found[question_id] = value
        return found

    def add_service_errors(self, errors: dict[int, str]) -> None:
        for question_id, message in errors.items():
            self.add_error(f"q{question_id}", message)
