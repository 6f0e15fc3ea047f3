"""Staff pages of surveys (marketing role): the list, details, opening and closing, preview,
results and the CSV export. The builder's section and question pages are in ``builder_views``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from azultel.accounts.http import SignedInRequest
from azultel.core.csv_safe import csv_writer
from azultel.core.paging import list_page
from azultel.surveys import selectors, services
from azultel.surveys.forms import ResponseForm, ResultsFilterForm, SurveyDetailsForm
from azultel.surveys.models import Survey
from azultel.surveys.results import ResultsFilterRefused, survey_results, survey_results_rows


def survey_or_404(slug: str) -> Survey:
    survey = selectors.survey_get_for_staff(slug=slug)
    if survey is None:
        raise Http404("No such survey.")
    return survey


@require_GET
@login_required
@permission_required("surveys.view_survey", raise_exception=True)
def staff_list(request: SignedInRequest) -> HttpResponse:
    return render(
        request,
        "surveys/staff/list.html",
        {
            "listing": list_page(request, selectors.surveys_for_staff()),
            "can_add": request.user.has_perm("surveys.add_survey"),
        },
    )


def _details_initial(survey: Survey) -> dict[str, object]:
    return {
        "title": survey.title,
        "intro": survey.intro,
        "anonymous": "yes" if survey.anonymous else "no",
        "public": "yes" if survey.public else "no",
        "opens_at": survey.opens_at,
        "closes_at": survey.closes_at,
        "free_text_retention_days": survey.free_text_retention_days,
    }


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("surveys.add_survey", raise_exception=True)
def staff_create(request: SignedInRequest) -> HttpResponse:
    form = SurveyDetailsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.survey_create(actor=request.user, details=form.details())
        except services.SurveyChangeRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Survey created. Add its sections and questions.")
            return redirect("surveys:staff_survey", slug=survey.slug)
    return render(
        request,
        "surveys/staff/details_form.html",
        {"form": form, "survey": None},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("surveys.change_survey", raise_exception=True)
def staff_edit(request: SignedInRequest, slug: str) -> HttpResponse:
    survey = survey_or_404(slug)
    form = SurveyDetailsForm(request.POST or None, initial=_details_initial(survey))
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_update(actor=request.user, survey=survey, details=form.details())
        except services.SurveyChangeRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Survey details saved.")
            return redirect("surveys:staff_survey", slug=survey.slug)
    return render(
        request,
        "surveys/staff/details_form.html",
        {"form": form, "survey": survey},
        status=400 if form.errors else 200,
    )


@require_GET
@login_required
@permission_required("surveys.view_survey", raise_exception=True)
def staff_survey(request: SignedInRequest, slug: str) -> HttpResponse:
    survey = survey_or_404(slug)
    return render(
        request,
        "surveys/staff/survey.html",
        {
            "survey": survey,
            "sections": selectors.survey_sections(survey=survey),
            "availability": selectors.survey_availability(survey),
            "can_change": request.user.has_perm("surveys.change_survey"),
        },
    )


@require_POST
@login_required
@permission_required("surveys.change_survey", raise_exception=True)
def staff_status(request: SignedInRequest, slug: str) -> HttpResponse:
    survey = survey_or_404(slug)
    action = request.POST.get("action")
    try:
        if action == "open":
            services.survey_open(actor=request.user, survey=survey)
            messages.success(request, "The survey is open.")
        elif action == "close":
            services.survey_close(actor=request.user, survey=survey)
            messages.success(request, "The survey is closed: it takes no more answers.")
        else:
            raise services.SurveyChangeRefused("Choose to open or to close the survey.")
    except services.SurveyChangeRefused as exc:
        messages.error(request, str(exc))
    return redirect("surveys:staff_survey", slug=survey.slug)


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("surveys.view_survey", raise_exception=True)
def staff_preview(request: SignedInRequest, slug: str) -> HttpResponse:
    """The survey exactly as respondents see it; answers are checked and never saved."""
    survey = survey_or_404(slug)
    sections = selectors.survey_sections(survey=survey)
    form = ResponseForm(sections, request.POST if request.method == "POST" else None)
    checked = False
    if request.method == "POST" and form.is_valid():
        try:
            services.answers_check(survey=survey, answers=form.answers())
        except services.ResponseRefused as exc:
            form.add_service_errors(exc.errors)
        else:
            checked = True
    return render(
        request,
        "surveys/answer.html",
        {
            "survey": survey,
            "form": form,
            "availability": selectors.Availability.OPEN,
            "can_answer": True,
            "preview": True,
            "preview_checked": checked,
            "action": request.path,
        },
        status=400 if form.errors else 200,
    )


@require_GET
@login_required
@permission_required("surveys.view_survey", raise_exception=True)
def staff_results(request: SignedInRequest, slug: str) -> HttpResponse:
    survey = survey_or_404(slug)
    form = ResultsFilterForm(request.GET or None)
    attributes = form.cleaned_data if form.is_valid() and not survey.anonymous else {}
    try:
        results = survey_results(survey=survey, attributes=attributes)
    except ResultsFilterRefused as exc:
        raise Http404(str(exc)) from exc
    return render(
        request,
        "surveys/staff/results.html",
        {"survey": survey, "results": results, "form": form},
    )


class _Echo:
    def write(self, value: str) -> str:
        return value


@require_GET
@login_required
@permission_required("surveys.view_survey", raise_exception=True)
def staff_results_csv(request: SignedInRequest, slug: str) -> StreamingHttpResponse:
    survey = survey_or_404(slug)
    services.survey_results_exported(actor=request.user, survey=survey)
    writer = csv_writer(_Echo())
    response = StreamingHttpResponse(
        (writer.writerow(row) for row in survey_results_rows(survey=survey)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="survey-{survey.slug}.csv"'
    return response
