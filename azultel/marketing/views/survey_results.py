"""Staff page: a survey's results for the people of one segment (attributed surveys only),
k-suppressed by ``surveys.results`` (P16) so a small segment shows "too few responses"."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from azultel.accounts.http import SignedInRequest
from azultel.marketing import selectors
from azultel.marketing.forms import SurveyResultsBySegmentForm
from azultel.surveys.results import ResultsFilterRefused, survey_results


@require_GET
@login_required
@permission_required(("marketing.view_segment", "surveys.view_survey"), raise_exception=True)
def survey_results_by_segment(request: SignedInRequest) -> HttpResponse:
    form = SurveyResultsBySegmentForm(request.GET or None)
    results = None
    if form.is_valid():
        survey, segment = form.cleaned_data["survey"], form.cleaned_data["segment"]
        try:
            results = survey_results(
                survey=survey,
                respondent_ids=selectors.segment_members_for_analysis(segment=segment),
            )
        except ResultsFilterRefused as exc:  # the survey became anonymous meanwhile
            form.add_error("survey", str(exc))
    return render(
        request,
        "marketing/staff/survey_results.html",
        {
            "form": form,
            "results": results,
            "survey": results.survey if results else None,
            "segment": form.cleaned_data.get("segment") if results else None,
        },
        status=400 if form.is_bound and form.errors else 200,
    )
