from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from azultel.careers.sitemaps import OpenJobsSitemap
from azultel.site.sitemaps import PublicPagesSitemap

# Staff sign in through allauth (rate limits, two-step sign-in), never the admin's own form.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]
admin.site.site_header = "Azultel staff"
admin.site.site_title = "Azultel staff"

urlpatterns = [
    path(settings.ADMIN_URL_PATH, admin.site.urls),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"pages": PublicPagesSitemap(), "jobs": OpenJobsSitemap()}},
        name="sitemap_xml",
    ),
    path("", include("azultel.ops.urls")),
    path("account/", include("allauth.urls")),
    path("", include("azultel.accounts.urls")),
    path("", include("azultel.privacy.urls")),
    path("", include("azultel.comms.urls")),
    path("", include("azultel.directory.urls")),
    path("", include("azultel.site.urls")),
    path("", include("azultel.analytics.urls")),
    path("shop/", include("azultel.catalog.urls")),
    path("", include("azultel.orders.urls")),
    path("", include("azultel.payments.urls")),
    path("", include("azultel.billing.urls")),
    path("", include("azultel.surveys.urls")),
    path("", include("azultel.marketing.urls")),
    path("", include("azultel.careers.urls")),
    path("", include("azultel.lists.urls")),
    path("", include("azultel.referrals.urls")),
    path("", include("azultel.events.urls")),
    path("", include("azultel.contact.urls")),
    path("", include("azultel.compliance.urls")),
    path("", include("azultel.ads.urls")),
    path("", include("azultel.dsr.urls")),
    path("", include("azultel.lifecycle.urls")),
    path("", include("azultel.care.urls")),
    path("api/", include("azultel.api.urls")),
]

handler400 = "azultel.site.views.bad_request"
handler403 = "azultel.site.views.permission_denied"
handler404 = "azultel.site.views.page_not_found"
handler500 = "azultel.site.views.server_error"
