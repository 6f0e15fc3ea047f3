from django.urls import path

from azultel.careers.views import public, staff
from azultel.core.staff_pages import staff_page

app_name = "careers"

urlpatterns = [
    path("careers/jobs/", public.listings, name="listings"),
    path("careers/jobs/<slug:slug>/", public.listing_detail, name="listing"),
    path("careers/jobs/<slug:slug>/apply/", public.apply, name="apply"),
    path("careers/resume/", public.general_resume, name="general_resume"),
    path("careers/applied/", public.applied, name="applied"),
    path("careers/status/<str:token>/", public.status, name="status"),
    path("careers/status/<str:token>/withdraw/", public.withdraw, name="withdraw"),
    path("careers/status/<str:token>/download/", public.download, name="download"),
    path("careers/status/<str:token>/delete/", public.delete, name="delete"),
    path("careers/deleted/", public.deleted, name="deleted"),
    path("staff/careers/", staff_page(staff.board), name="staff_board"),
    path(
        "staff/careers/applications/reject/",
        staff_page(staff.bulk_reject),
        name="staff_bulk_reject",
    ),
    path(
        "staff/careers/applications/<uuid:application_id>/",
        staff_page(staff.application_detail),
        name="staff_application",
    ),
    path(
        "staff/careers/applications/<uuid:application_id>/stage/",
        staff_page(staff.application_stage),
        name="staff_stage",
    ),
    path(
        "staff/careers/applications/<uuid:application_id>/note/",
        staff_page(staff.application_note),
        name="staff_note",
    ),
    path(
        "staff/careers/applications/<uuid:application_id>/email/",
        staff_page(staff.application_email),
        name="staff_email",
    ),
    path(
        "staff/careers/applications/<uuid:application_id>/resume/",
        staff_page(staff.resume_download),
        name="staff_resume",
    ),
    path("staff/careers/listings/", staff_page(staff.listings), name="staff_listings"),
    path("staff/careers/listings/new/", staff_page(staff.listing_edit), name="staff_listing_new"),
    path(
        "staff/careers/listings/<int:listing_id>/",
        staff_page(staff.listing_edit),
        name="staff_listing_edit",
    ),
    path(
        "staff/careers/listings/<int:listing_id>/status/",
        staff_page(staff.listing_status),
        name="staff_listing_status",
    ),
    path(
        "staff/careers/equal-opportunity/",
        staff_page(staff.equal_opportunity),
        name="staff_equal_opportunity",
    ),
]
