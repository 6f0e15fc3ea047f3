from django.urls import path

from azultel.billing import staff_views, views
from azultel.billing.collections import views as collections_views
from azultel.core.staff_pages import staff_page

app_name = "billing"

urlpatterns = [
    path("account/bills/", views.bill_list, name="bill_list"),
    path("account/bills/settings/", views.billing_settings, name="settings"),
    path("account/bills/arrangement/", collections_views.arrangement, name="arrangement"),
    path(
        "staff/collections/",
        staff_page(collections_views.staff_queue),
        name="collections_queue",
    ),
    path(
        "staff/billing/accounts/<str:account_number>/arrangement/",
        staff_page(collections_views.staff_arrangement),
        name="staff_arrangement",
    ),
    path("account/bills/<uuid:bill_id>/", views.bill_detail, name="bill_detail"),
    path("account/bills/<uuid:bill_id>/pdf/", views.bill_pdf_download, name="bill_pdf"),
    path("account/bills/<uuid:bill_id>/pay/", views.bill_pay, name="bill_pay"),
    path("staff/billing/", staff_page(staff_views.staff_search), name="staff_search"),
    path(
        "staff/billing/accounts/<str:account_number>/",
        staff_page(staff_views.staff_account),
        name="staff_account",
    ),
    path(
        "staff/billing/accounts/<str:account_number>/credit/",
        staff_page(staff_views.staff_credit),
        name="staff_credit",
    ),
    path(
        "staff/billing/bills/<uuid:bill_id>/", staff_page(staff_views.staff_bill), name="staff_bill"
    ),
]
