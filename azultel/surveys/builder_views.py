"""The survey builder's staff pages: add, change, move and remove sections and questions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from azultel.accounts.http import SignedInRequest
from azultel.surveys import selectors, services
from azultel.surveys.forms import QuestionForm, SectionForm
from azultel.surveys.models import Question, Section, Survey
from azultel.surveys.staff_views import survey_or_404

_change = permission_required("surveys.change_survey", raise_exception=True)


def _section_or_404(survey: Survey, section_id: int) -> Section:
    section = selectors.section_get(survey=survey, section_id=section_id)
    if section is None:
        raise Http404("No such section.")
    return section


def _question_or_404(survey: Survey, question_id: int) -> Question:
    question = selectors.question_get(survey=survey, question_id=question_id)
    if question is None:
        raise Http404("No such question.")
    return question


def _back(survey: Survey) -> HttpResponse:
    return redirect("surveys:staff_survey", slug=survey.slug)


def _confirm_remove(
    request: SignedInRequest,
    survey: Survey,
    *,
    section: Section | None = None,
    question: Question | None = None,
) -> HttpResponse:
    return render(
        request,
        "surveys/staff/confirm_remove.html",
        {
            "survey": survey,
            "section": section,
            "question": question,
            "question_count": section.questions.count() if section else 0,
        },
    )


def _direction(request: SignedInRequest) -> services.Direction:
    return "up" if request.POST.get("direction") == "up" else "down"


@require_http_methods(["GET", "POST"])
@login_required
@_change
def section_add(request: SignedInRequest, slug: str) -> HttpResponse:
    survey = survey_or_404(slug)
    form = SectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.section_add(actor=request.user, survey=survey, **form.cleaned_data)
        except services.SurveyChangeRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Section added.")
            return _back(survey)
    return render(
        request,
        "surveys/staff/section_form.html",
        {"form": form, "survey": survey, "section": None},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
@_change
def section_edit(request: SignedInRequest, slug: str, section_id: int) -> HttpResponse:
    survey = survey_or_404(slug)
    section = _section_or_404(survey, section_id)
    form = SectionForm(
        request.POST or None, initial={"title": section.title, "description": section.description}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.section_update(actor=request.user, section=section, **form.cleaned_data)
        except services.SurveyChangeRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Section saved.")
            return _back(survey)
    return render(
        request,
        "surveys/staff/section_form.html",
        {"form": form, "survey": survey, "section": section},
        status=400 if form.errors else 200,
    )


@require_POST
@login_required
@_change
def section_move(request: SignedInRequest, slug: str, section_id: int) -> HttpResponse:
    survey = survey_or_404(slug)
    section = _section_or_404(survey, section_id)
    try:
        services.section_move(actor=request.user, section=section, direction=_direction(request))
    except services.SurveyChangeRefused as exc:
        messages.error(request, str(exc))
    return _back(survey)


@require_http_methods(["GET", "POST"])
@login_required
@_change
def section_remove(request: SignedInRequest, slug: str, section_id: int) -> HttpResponse:
    """GET asks again (naming what goes with the section); POST removes."""
    survey = survey_or_404(slug)
    section = _section_or_404(survey, section_id)
    if request.method == "GET":
        return _confirm_remove(request, survey, section=section)
    try:
        services.section_remove(actor=request.user, section=section)
    except services.SurveyChangeRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Section removed with its questions.")
    return _back(survey)


@require_http_methods(["GET", "POST"])
@login_required
@_change
def question_add(request: SignedInRequest, slug: str, section_id: int) -> HttpResponse:
    survey = survey_or_404(slug)
    section = _section_or_404(survey, section_id)
    form = QuestionForm(request.POST or None, initial={"required": "yes"})
    if request.method == "POST" and form.is_valid():
        try:
            services.question_add(actor=request.user, section=section, details=form.details())
        except services.SurveyChangeRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Question added.")
            return _back(survey)
    return render(
        request,
        "surveys/staff/question_form.html",
        {"form": form, "survey": survey, "section": section, "question": None},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
@_change
def question_edit(request: SignedInRequest, slug: str, question_id: int) -> HttpResponse:
    survey = survey_or_404(slug)
    question = _question_or_404(survey, question_id)
    form = (
        QuestionForm(request.POST)
        if request.method == "POST"
        else QuestionForm.for_question(question)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.question_update(actor=request.user, question=question, details=form.details())
        except services.SurveyChangeRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Question saved.")
            return _back(survey)
    return render(
        request,
        "surveys/staff/question_form.html",
        {"form": form, "survey": survey, "section": question.section, "question": question},
        status=400 if form.errors else 200,
    )


@require_POST
@login_required
@_change
def question_move(request: SignedInRequest, slug: str, question_id: int) -> HttpResponse:
    survey = survey_or_404(slug)
    question = _question_or_404(survey, question_id)
    try:
        services.question_move(actor=request.user, question=question, direction=_direction(request))
    except services.SurveyChangeRefused as exc:
        messages.error(request, str(exc))
    return _back(survey)


@require_http_methods(["GET", "POST"])
@login_required
@_change
def question_remove(request: SignedInRequest, slug: str, question_id: int) -> HttpResponse:
    """GET asks again; POST removes."""
    survey = survey_or_404(slug)
    question = _question_or_404(survey, question_id)
    if request.method == "GET":
        return _confirm_remove(request, survey, question=question)
    try:
        services.question_remove(actor=request.user, question=question)
    except services.SurveyChangeRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Question removed.")
    return _back(survey)
