"""The privacy office's pages: every one under /staff/ (two-step sign-in). There is no other way
to ask for, approve or download a disclosure (47 CFR 64.2010); a test walks the URLconf."""

from django.urls import path

from azultel.compliance.views import breaches, certification, disclosures
from azultel.core.staff_pages import staff_page

app_name = "compliance"

urlpatterns = [
    path("staff/compliance/disclosures/", staff_page(disclosures.queue), name="disclosures"),
    path(
        "staff/compliance/disclosures/<uuid:request_id>/",
        staff_page(disclosures.detail),
        name="disclosure",
    ),
    path(
        "staff/compliance/disclosures/<uuid:request_id>/approve/",
        staff_page(disclosures.approve),
        name="disclosure_approve",
    ),
    path(
        "staff/compliance/disclosures/<uuid:request_id>/refuse/",
        staff_page(disclosures.refuse),
        name="disclosure_refuse",
    ),
    path(
        "staff/compliance/disclosures/<uuid:request_id>/download/",
        staff_page(disclosures.download),
        name="disclosure_download",
    ),
    path("staff/compliance/breaches/", staff_page(breaches.breaches), name="breaches"),
    path("staff/compliance/breaches/<int:breach_id>/", staff_page(breaches.breach), name="breach"),
    path(
        "staff/compliance/breaches/<int:breach_id>/law-enforcement/",
        staff_page(breaches.law_enforcement),
        name="breach_law_enforcement",
    ),
    path(
        "staff/compliance/breaches/<int:breach_id>/notify/",
        staff_page(breaches.notify_customers),
        name="breach_notify",
    ),
    path(
        "staff/compliance/certification/",
        staff_page(certification.certificate),
        name="certification",
    ),
    path(
        "staff/compliance/certification/download/",
        staff_page(certification.certificate_download),
        name="certification_download",
    ),
    path("staff/compliance/training/", staff_page(certification.training), name="training"),
]
