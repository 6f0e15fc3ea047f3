"""Respondents' pages: the public surveys list, a survey's answer form, and the thank-you page.

Whether this browser has answered an anonymous survey is kept only in its session (a list of
survey ids), never on the response, so a response cannot be traced back to a session.
"""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from azultel.surveys import selectors, services
from azultel.surveys.forms import ResponseForm
from azultel.surveys.models import Survey
from azultel.surveys.selectors import Availability

ANSWERED_KEY = "surveys_answered"


def _answered_here(request: HttpRequest, survey: Survey) -> bool:
    if survey.anonymous:
        return str(survey.pk) in request.session.get(ANSWERED_KEY, [])
    user = request.user
    return bool(
        user.is_authenticated
        and user.pk is not None
        and selectors.response_exists_for(survey=survey, user_id=user.pk)
    )


def _remember_answered(request: HttpRequest, survey: Survey) -> None:
    answered = list(request.session.get(ANSWERED_KEY, []))
    answered.append(str(survey.pk))
    request.session[ANSWERED_KEY] = answered


@require_GET
def survey_list(request: HttpRequest) -> HttpResponse:
    return render(request, "surveys/list.html", {"surveys": selectors.surveys_public_open()})


@require_http_methods(["GET", "POST"])
def survey_answer(request: HttpRequest, slug: str) -> HttpResponse:
    survey = selectors.survey_get_by_slug(slug=slug)
    if survey is None:
        raise Http404("No such survey.")
    availability = selectors.survey_availability(survey)
    needs_sign_in = not survey.anonymous and not request.user.is_authenticated
    answered = _answered_here(request, survey)
    can_answer = availability == Availability.OPEN and not answered and not needs_sign_in
    if request.method == "POST" and needs_sign_in:
        return redirect_to_login(request.get_full_path())
    sections = selectors.survey_sections(survey=survey)
    posted = request.method == "POST" and can_answer
    form = ResponseForm(sections, request.POST if posted else None)
    status = 200
    if request.method == "POST":
        status = 400
        if posted and form.is_valid():
            try:
                services.response_submit(survey=survey, actor=request.user, answers=form.answers())
            except services.ResponseRefused as exc:
                form.add_service_errors(exc.errors)
                if not exc.errors:
                    form.add_error(None, str(exc))
            else:
                if survey.anonymous:
                    _remember_answered(request, survey)
                return redirect("surveys:thanks", slug=survey.slug)
    return render(
        request,
        "surveys/answer.html",
        {
            "survey": survey,
            "form": form,
            "availability": availability,
            "answered": answered,
            "needs_sign_in": needs_sign_in,
            "can_answer": can_answer,
            "action": request.path,
        },
        status=status,
    )


@require_GET
def survey_thanks(request: HttpRequest, slug: str) -> HttpResponse:
    survey = selectors.survey_get_by_slug(slug=slug)
    if survey is None:
        raise Http404("No such survey.")
    return render(request, "surveys/thanks.html", {"survey": survey})
