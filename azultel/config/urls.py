from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from azultel.site.sitemaps import PublicPagesSitemap

urlpatterns = [
    path(settings.ADMIN_URL_PATH, admin.site.urls),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"pages": PublicPagesSitemap()}},
        name="sitemap_xml",
    ),
    path("", include("azultel.privacy.urls")),
    path("", include("azultel.comms.urls")),
    path("", include("azultel.site.urls")),
]

handler400 = "azultel.site.views.bad_request"
handler403 = "azultel.site.views.permission_denied"
handler404 = "azultel.site.views.page_not_found"
handler500 = "azultel.site.views.server_error"
