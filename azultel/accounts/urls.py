from django.urls import path

from azultel.accounts import privacy_centre, staff_views, views
from azultel.core.staff_pages import staff_page

app_name = "accounts"

urlpatterns = [
    path("account/", views.overview, name="overview"),
    path("account/profile/", views.profile, name="profile"),
    path("account/profile/address/", views.address_edit, name="address_edit"),
    path("account/profile/local/", views.local_profile, name="local_profile"),
    path("account/privacy/", privacy_centre.privacy_centre, name="privacy"),
    path("account/privacy/consent/", privacy_centre.consent_change, name="consent_change"),
    path("account/privacy/cpni/", privacy_centre.cpni_approve, name="cpni_approve"),
    path("account/sessions/", views.sessions, name="sessions"),
    path("account/my-data/", views.my_data, name="my_data"),
    path("account/my-data/download/", views.my_data_download, name="my_data_download"),
    path("account/delete/", views.delete_account, name="delete"),
    path("staff/", staff_page(staff_views.staff_home), name="staff_home"),
    path(
        "staff/customers/",
        staff_page(staff_views.staff_customer_search),
        name="staff_customer_search",
    ),
    path(
        "staff/customers/<uuid:public_id>/",
        staff_page(staff_views.staff_customer_detail),
        name="staff_customer_detail",
    ),
    path("staff/roles/", staff_page(staff_views.staff_roles), name="staff_roles"),
    path(
        "staff/roles/request/",
        staff_page(staff_views.staff_role_request),
        name="staff_role_request",
    ),
    path(
        "staff/roles/requests/<int:grant_id>/approve/",
        staff_page(staff_views.staff_role_grant_approve),
        name="staff_role_grant_approve",
    ),
    path(
        "staff/roles/requests/<int:grant_id>/refuse/",
        staff_page(staff_views.staff_role_grant_reject),
        name="staff_role_grant_reject",
    ),
    path(
        "staff/roles/requests/<int:grant_id>/withdraw/",
        staff_page(staff_views.staff_role_grant_withdraw),
        name="staff_role_grant_withdraw",
    ),
    path(
        "staff/roles/remove/", staff_page(staff_views.staff_role_remove), name="staff_role_remove"
    ),
]
