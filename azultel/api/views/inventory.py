"""TMF637 Product Inventory (read): the services the partner's own customers hold."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from azultel.api import selectors
from azultel.api.disclosures import partner_read_record
from azultel.api.paging import page_of
from azultel.api.permissions import request_partner
from azultel.api.serializers.inventory import InventoryProductSerializer
from azultel.api.views.base import FIELDS, LIST_PARAMETERS, TmfView
from azultel.api.views.catalog import ERRORS

TAG = ["TMF637 Product Inventory"]
# The services a customer holds are CPNI (orders.Service's data map).
INVENTORY_CATEGORIES = ["user.cpni"]
FILTERS = [
    OpenApiParameter("relatedParty.id", OpenApiTypes.STR, description="One customer's id."),
    OpenApiParameter("status", OpenApiTypes.STR, enum=list(selectors.HELD_STATUSES),
                     description="active or suspended (ended services are not listed)."),
    OpenApiParameter("productOffering.id", OpenApiTypes.STR, description="One offering's id."),
]  # fmt: skip


class ProductList(TmfView):
    scopes = {"GET": "inventory"}

    @extend_schema(
        operation_id="listProduct",
        tags=TAG,
        parameters=[*LIST_PARAMETERS, *FILTERS],
        responses={200: InventoryProductSerializer(many=True), **ERRORS},
    )
    def get(self, request: Request) -> Response:
        partner = request_partner(request)
        query = request.query_params
        status = query.get("status") or None
        if status is not None and status not in selectors.HELD_STATUSES:
            raise ValidationError({"status": "Give active or suspended."})
        rows = selectors.products_of(
            partner=partner, customer_id=query.get("relatedParty.id") or None, status=status,
            offering=query.get("productOffering.id") or None,
        )  # fmt: skip
        page, headers = page_of(request, rows)
        partner_read_record(partner=partner, customers=[s.customer for s in page],
                            categories=INVENTORY_CATEGORIES, what="products held")  # fmt: skip
        return self.rendered(request, InventoryProductSerializer, page, headers)


class ProductDetail(TmfView):
    scopes = {"GET": "inventory"}

    @extend_schema(
        operation_id="retrieveProduct",
        tags=TAG,
        parameters=[FIELDS],
        responses={200: InventoryProductSerializer, **ERRORS},
    )
    def get(self, request: Request, product_id: str) -> Response:
        partner = request_partner(request)
        product = selectors.product_get(partner=partner, product_id=product_id)
        if product is None:
            raise NotFound("No such product.")
        partner_read_record(partner=partner, customers=[product.customer],
                            categories=INVENTORY_CATEGORIES, what="product held")  # fmt: skip
        return self.rendered_one(request, InventoryProductSerializer, product)
