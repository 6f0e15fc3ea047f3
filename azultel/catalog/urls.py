from django.urls import path

from azultel.catalog import views

app_name = "catalog"

urlpatterns = [
    path("", views.index, name="index"),
    path("home/", views.home_list, name="home"),
    path("home/phone/", views.phone_list, name="phone"),
    path("home/internet/", views.internet_list, name="internet"),
    path("home/bundles/", views.bundle_list, name="bundles"),
    path("home/phone/compare/", views.phone_compare, name="phone_compare"),
    path("home/internet/compare/", views.internet_compare, name="internet_compare"),
    path("home/bundles/compare/", views.bundle_compare, name="bundle_compare"),
    path("retail/", views.retail_list, name="retail"),
    path("carrier/", views.carrier_list, name="carrier"),
    path("p/<slug:slug>/", views.product_detail, name="product"),
    path("state/", views.state_choose, name="state"),
    path("availability/", views.availability, name="availability"),
]
