from django.urls import path

from azultel.core.staff_pages import staff_page
from azultel.marketing.views import campaigns, records, segments, survey_results, tracking

app_name = "marketing"

urlpatterns = [
    # Anonymous measurement (P29): campaign and link ids only.
    path("m/o/<uuid:campaign_id>.gif", tracking.open_beacon, name="open"),
    path("m/c/<uuid:link_id>/", tracking.click, name="click"),
    path("staff/marketing/", staff_page(campaigns.campaign_list), name="campaign_list"),
    path("staff/marketing/campaigns/new/", staff_page(campaigns.campaign_new), name="campaign_new"),
    path(
        "staff/marketing/campaigns/<uuid:campaign_id>/",
        staff_page(campaigns.campaign_detail),
        name="campaign_detail",
    ),
    path(
        "staff/marketing/campaigns/<uuid:campaign_id>/edit/",
        staff_page(campaigns.campaign_edit),
        name="campaign_edit",
    ),
    path(
        "staff/marketing/campaigns/<uuid:campaign_id>/schedule/",
        staff_page(campaigns.campaign_schedule),
        name="campaign_schedule",
    ),
    path(
        "staff/marketing/campaigns/<uuid:campaign_id>/test/",
        staff_page(campaigns.campaign_test_send),
        name="campaign_test_send",
    ),
    path(
        "staff/marketing/campaigns/<uuid:campaign_id>/approve/",
        staff_page(campaigns.campaign_approve),
        name="campaign_approve",
    ),
    path(
        "staff/marketing/campaigns/<uuid:campaign_id>/submit/",
        staff_page(campaigns.campaign_action),
        {"action": "submit"},
        name="campaign_submit",
    ),
    path(
        "staff/marketing/campaigns/<uuid:campaign_id>/pause/",
        staff_page(campaigns.campaign_action),
        {"action": "pause"},
        name="campaign_pause",
    ),
    path(
        "staff/marketing/campaigns/<uuid:campaign_id>/resume/",
        staff_page(campaigns.campaign_action),
        {"action": "resume"},
        name="campaign_resume",
    ),
    path(
        "staff/marketing/campaigns/<uuid:campaign_id>/cancel/",
        staff_page(campaigns.campaign_action),
        {"action": "cancel"},
        name="campaign_cancel",
    ),
    path("staff/marketing/segments/", staff_page(segments.segment_list), name="segment_list"),
    path("staff/marketing/segments/new/", staff_page(segments.segment_new), name="segment_new"),
    path(
        "staff/marketing/segments/<uuid:segment_id>/",
        staff_page(segments.segment_edit),
        name="segment_edit",
    ),
    path(
        "staff/marketing/survey-results/",
        staff_page(survey_results.survey_results_by_segment),
        name="survey_results_by_segment",
    ),
    path("staff/marketing/cpni-records/", staff_page(records.cpni_records), name="cpni_records"),
    path(
        "staff/marketing/cpni-records/export.csv",
        staff_page(records.cpni_records_export),
        name="cpni_records_export",
    ),
]
