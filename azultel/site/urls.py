from django.urls import path, re_path

from azultel.core.staff_pages import staff_page
from azultel.site import views

app_name = "site"

urlpatterns = [
    path("", views.home, name="home"),
    path("carrier/", views.carrier, name="carrier"),
    path("retail/", views.retail, name="retail"),
    path("company/", views.company, name="company"),
    path("careers/", views.careers, name="careers"),
    path("legal/", views.legal, name="legal"),
    path("legal/terms/", views.terms, name="terms"),
    path("legal/privacy/", views.privacy_policy, name="privacy_policy"),
    re_path(
        r"^legal/privacy/v/(?P<version>[\w.-]{1,20})/$",
        views.privacy_policy_version,
        name="privacy_policy_version",
    ),
    path("legal/cpni/", views.cpni, name="cpni"),
    path("privacy-faqs/", views.faq, name="faq"),
    path("support/", views.support, name="support"),
    path("contact/", views.contact, name="contact"),
    path("contact/thanks/", views.contact_thanks, name="contact_thanks"),
    path("site-map/", views.site_map, name="sitemap"),
    path("staff/styleguide/", staff_page(views.styleguide), name="styleguide"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path(".well-known/security.txt", views.security_txt, name="security_txt"),
]
