from __future__ import annotations

from django.urls import path
from drf_spectacular.views import SpectacularAPIView
from oauth2_provider.views import TokenView

from azultel.api.views import catalog, hub, inventory, ordering, pages, parties, tickets

app_name = "api"

TMF = "tmf-api"
urlpatterns = [
    path("oauth/token/", TokenView.as_view(), name="token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", pages.reference, name="reference"),
    path("portal/", pages.portal, name="portal"),
    path(f"{TMF}/productCatalogManagement/v4/productOffering",
         catalog.ProductOfferingList.as_view(), name="product_offering_list"),
    path(f"{TMF}/productCatalogManagement/v4/productOffering/<str:slug>",
         catalog.ProductOfferingDetail.as_view(), name="product_offering_detail"),
    path(f"{TMF}/productCatalogManagement/v4/productSpecification",
         catalog.ProductSpecificationList.as_view(), name="product_specification_list"),
    path(f"{TMF}/productCatalogManagement/v4/productSpecification/<str:slug>",
         catalog.ProductSpecificationDetail.as_view(), name="product_specification_detail"),
    path(f"{TMF}/serviceQualificationManagement/v4/checkServiceQualification",
         catalog.CheckServiceQualification.as_view(), name="check_service_qualification"),
    path(f"{TMF}/productOrderingManagement/v4/productOrder",
         ordering.ProductOrderList.as_view(), name="product_order_list"),
    path(f"{TMF}/productOrderingManagement/v4/productOrder/<str:order_id>",
         ordering.ProductOrderDetail.as_view(), name="product_order_detail"),
    path(f"{TMF}/productOrderingManagement/v4/cancelProductOrder",
         ordering.CancelProductOrder.as_view(), name="cancel_product_order"),
    path(f"{TMF}/productOrderingManagement/v4/hub", hub.Hub.as_view(), name="hub"),
    path(f"{TMF}/productOrderingManagement/v4/hub/<str:subscription_id>",
         hub.HubDetail.as_view(), name="hub_detail"),
    path(f"{TMF}/customerManagement/v4/customer",
         parties.CustomerList.as_view(), name="customer_list"),
    path(f"{TMF}/customerManagement/v4/customer/<str:customer_id>",
         parties.CustomerDetail.as_view(), name="customer_detail"),
    path(f"{TMF}/customerBillManagement/v4/customerBill",
         parties.CustomerBillList.as_view(), name="customer_bill_list"),
    path(f"{TMF}/customerBillManagement/v4/customerBill/<str:bill_id>",
         parties.CustomerBillDetail.as_view(), name="customer_bill_detail"),
    path(f"{TMF}/customerBillManagement/v4/customerBill/<str:bill_id>/pdf",
         parties.CustomerBillPdf.as_view(), name="customer_bill_pdf"),
    path(f"{TMF}/troubleTicket/v4/troubleTicket",
         tickets.TroubleTicketList.as_view(), name="trouble_ticket_list"),
    path(f"{TMF}/troubleTicket/v4/troubleTicket/<str:ticket_id>",
         tickets.TroubleTicketDetail.as_view(), name="trouble_ticket_detail"),
    path(f"{TMF}/productInventory/v4/product",
         inventory.ProductList.as_view(), name="product_list"),
    path(f"{TMF}/productInventory/v4/product/<str:product_id>",
         inventory.ProductDetail.as_view(), name="product_detail"),
    # Anything else under the API answers in the TMF error shape, not with the site's page.
    path(f"{TMF}/<path:rest>", pages.not_found, name="not_found"),
    path("oauth/<path:rest>", pages.not_found, name="oauth_not_found"),
]  # fmt: skip
