"""TMF622 Product Ordering: list, read, create (idempotent by ``externalId``) and cancel."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from azultel.api import selectors, services
from azultel.api.disclosures import partner_read_record
from azultel.api.errors import tmf_error
from azultel.api.paging import page_of
from azultel.api.permissions import request_partner
from azultel.api.serializers.orders import (
    CancelProductOrderCreateSerializer,
    CancelProductOrderSerializer,
    ProductOrderCreateSerializer,
    ProductOrderSerializer,
    order_state,
)
from azultel.api.views.base import FIELDS, LIST_PARAMETERS, TmfView
from azultel.api.views.catalog import ERRORS

TAG = ["TMF622 Product Ordering"]
# What a partner learns from an order: who ordered and what (P14's categories).
ORDER_CATEGORIES = ["user.activity"]


CREATE_DESCRIPTION = (
    "Place an order for one of your customers, paid with a card the customer saved with Azultel "
    "and shipped to the customer's address of record. Only devices and accessories can be "
    "ordered through the API. Services (phone lines, internet plans, bundles) need a credit "
    "check with the customer's own consent, Social Security number and date of birth, which "
    "Azultel takes only from the customer, online; wholesale services are sold by quote. An "
    "order naming anything else is refused with 422 and a message naming the offering, and "
    "nothing is written. Idempotent by `externalId`: a retry answers 200 with the first order."
)


class ProductOrderList(TmfView):
    scopes = {"GET": "order:read", "POST": "order:write"}

    @extend_schema(
        operation_id="listProductOrder",
        tags=TAG,
        parameters=LIST_PARAMETERS,
        responses={200: ProductOrderSerializer(many=True), **ERRORS},
    )
    def get(self, request: Request) -> Response:
        partner = request_partner(request)
        page, headers = page_of(request, selectors.orders_of(partner=partner))
        partner_read_record(partner=partner, customers=[o.customer for o in page],
                            categories=ORDER_CATEGORIES, what="product orders")  # fmt: skip
        return self.rendered(request, ProductOrderSerializer, page, headers)

    @extend_schema(
        operation_id="createProductOrder",
        tags=TAG,
        description=CREATE_DESCRIPTION,
        request=ProductOrderCreateSerializer,
        responses={
            201: ProductOrderSerializer,
            200: ProductOrderSerializer,
            422: ERRORS[400],
            **ERRORS,
        },
    )
    def post(self, request: Request) -> Response:
        partner = request_partner(request)
        form = ProductOrderCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        customer = selectors.customer_get(
            partner=partner, customer_id=data["relatedParty"][0]["id"]
        )
        if customer is None:
            return tmf_error(422, "relatedParty: no such customer of yours.")
        items = [(i["productOffering"]["id"], i["quantity"]) for i in data["productOrderItem"]]
        try:
            order, created = services.partner_order_create(
                partner=partner, customer=customer, external_id=data["externalId"],
                items=items, card_id=data["payment"][0]["id"] if data.get("payment") else None,
            )  # fmt: skip
        except services.ApiOrderRefused as exc:
            return tmf_error(422, str(exc))
        order = selectors.order_get(partner=partner, order_id=order.pk) or order
        partner_read_record(partner=partner, customers=[customer],
                            categories=ORDER_CATEGORIES, what="product order")  # fmt: skip
        code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
        return self.rendered_one(request, ProductOrderSerializer, order, status=code)


class ProductOrderDetail(TmfView):
    scopes = {"GET": "order:read"}

    @extend_schema(
        operation_id="retrieveProductOrder",
        tags=TAG,
        parameters=[FIELDS],
        responses={200: ProductOrderSerializer, **ERRORS},
    )
    def get(self, request: Request, order_id: str) -> Response:
        partner = request_partner(request)
        order = selectors.order_get(partner=partner, order_id=order_id)
        if order is None:
            raise NotFound("No such product order.")
        partner_read_record(partner=partner, customers=[order.customer],
                            categories=ORDER_CATEGORIES, what="product order")  # fmt: skip
        return self.rendered_one(request, ProductOrderSerializer, order)


class CancelProductOrder(TmfView):
    scopes = {"POST": "order:write"}

    @extend_schema(
        operation_id="createCancelProductOrder",
        tags=TAG,
        request=CancelProductOrderCreateSerializer,
        responses={201: CancelProductOrderSerializer, 422: ERRORS[400], **ERRORS},
    )
    def post(self, request: Request) -> Response:
        partner = request_partner(request)
        form = CancelProductOrderCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        order = selectors.order_get(partner=partner, order_id=data["productOrder"]["id"])
        if order is None:
            raise NotFound("No such product order.")
        try:
            services.partner_order_cancel(
                partner=partner, order=order, reason=data["cancellationReason"]
            )
        except services.ApiOrderRefused as exc:
            return tmf_error(422, str(exc))
        body = {
            "@type": "CancelProductOrder",
            "id": str(order.pk),
            "state": "done" if order_state(order) == "cancelled" else "inProgress",
            "cancellationReason": data["cancellationReason"],
            "productOrder": {"id": str(order.pk), "href": request.build_absolute_uri(
                f"/api/tmf-api/productOrderingManagement/v4/productOrder/{order.pk}"),
                "name": order.number},
        }  # fmt: skip
        return Response(body, status=status.HTTP_201_CREATED)
