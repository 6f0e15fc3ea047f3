from django.urls import path

from azultel.ads import staff_views, views
from azultel.core.staff_pages import staff_page

app_name = "ads"

urlpatterns = [
    path("ads/why/", views.why, name="why"),
    path("ads/c/<str:token>/", views.click, name="click"),
    path("ads/b/<str:token>.gif", views.beacon, name="beacon"),
    path("staff/ads/", staff_page(staff_views.campaign_list), name="staff_list"),
    path("staff/ads/new/", staff_page(staff_views.campaign_edit), name="staff_new"),
    path("staff/ads/preview/", staff_page(staff_views.preview), name="staff_preview"),
    path("staff/ads/<int:campaign_id>/", staff_page(staff_views.campaign_edit), name="staff_edit"),
    path(
        "staff/ads/<int:campaign_id>/creatives/new/",
        staff_page(staff_views.creative_edit),
        name="staff_creative_new",
    ),
    path(
        "staff/ads/<int:campaign_id>/creatives/<int:creative_id>/",
        staff_page(staff_views.creative_edit),
        name="staff_creative_edit",
    ),
    path(
        "staff/ads/<int:campaign_id>/report/", staff_page(staff_views.report), name="staff_report"
    ),
    path(
        "staff/ads/<int:campaign_id>/partner.csv",
        staff_page(staff_views.partner_report),
        name="staff_partner_report",
    ),
]
