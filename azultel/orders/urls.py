from django.urls import path

from azultel.core.staff_pages import staff_page
from azultel.orders import views

app_name = "orders"

urlpatterns = [
    path("order/add/<slug:slug>/", views.cart_add, name="cart_add"),
    path("order/cart/", views.cart_view, name="cart"),
    path("order/cart/lines/<uuid:line_id>/", views.cart_line, name="cart_line"),
    path("order/cart/state/", views.cart_state, name="cart_state"),
    path("order/cookies/", views.cookies_needed, name="cookies"),
    path("order/checkout/", views.checkout_start, name="checkout"),
    path("order/checkout/address/", views.checkout_address, name="checkout_address"),
    path("order/checkout/listing/", views.checkout_listing, name="checkout_listing"),
    path("order/checkout/numbers/", views.checkout_numbers, name="checkout_numbers"),
    path("order/checkout/billing/", views.checkout_billing, name="checkout_billing"),
    path("order/checkout/payment/", views.checkout_payment, name="checkout_payment"),
    path("order/checkout/review/", views.checkout_review, name="checkout_review"),
    path("account/orders/", views.order_list, name="order_list"),
    path("account/orders/<uuid:order_id>/", views.order_detail, name="order_detail"),
    path("account/orders/<uuid:order_id>/cancel/", views.order_cancel, name="order_cancel"),
    path("account/services/", views.service_list, name="service_list"),
    path(
        "account/services/lines/<int:line_id>/911/",
        views.e911_address_change,
        name="e911_address_change",
    ),
    path("account/services/port-out/", views.port_out_settings, name="port_out_settings"),
    path(
        "account/services/port-out/<uuid:request_id>/stop/",
        views.port_out_stop,
        name="port_out_stop",
    ),
    path(
        "account/services/911-notice/",
        views.e911_notice_acknowledge,
        name="e911_notice_acknowledge",
    ),
    path("staff/orders/", staff_page(views.staff_queue), name="staff_queue"),
    path("staff/orders/<uuid:order_id>/", staff_page(views.staff_order), name="staff_order"),
    path(
        "staff/orders/<uuid:order_id>/action/",
        staff_page(views.staff_order_action),
        name="staff_order_action",
    ),
]
