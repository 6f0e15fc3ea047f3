"""TMF620 Product Catalog (read) and TMF645 Service Qualification."""

from __future__ import annotations

import uuid

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from azultel.api import selectors
from azultel.api.errors import tmf_error
from azultel.api.paging import page_of
from azultel.api.serializers.catalog import (
    ProductOfferingSerializer,
    ProductSpecificationSerializer,
)
from azultel.api.views.base import FIELDS, LIST_PARAMETERS, TmfView
from azultel.catalog.selectors import availability_check
from azultel.catalog.states import service_state_codes

STATE = OpenApiParameter("place.id", OpenApiTypes.STR, description="Prices in one state (FL).")
ERROR = inline_serializer(
    "Error",
    {"code": serializers.CharField(), "reason": serializers.CharField(),
     "message": serializers.CharField(), "status": serializers.CharField()},
)  # fmt: skip
ERRORS = {code: OpenApiResponse(ERROR) for code in (400, 401, 403, 404, 422, 429)}


def _state(request: Request) -> str | None:
    state = request.query_params.get("place.id")
    if state is None or state == "":
        return None
    if state.upper() not in service_state_codes():
        raise NotFound("Azultel does not sell in that state.")
    return state.upper()


class ProductOfferingList(TmfView):
    scopes = {"GET": "catalog"}

    @extend_schema(
        operation_id="listProductOffering",
        tags=["TMF620 Product Catalog"],
        parameters=[*LIST_PARAMETERS, STATE],
        responses={200: ProductOfferingSerializer(many=True), **ERRORS},
    )
    def get(self, request: Request) -> Response:
        state = _state(request)
        page, headers = page_of(request, selectors.offerings(state=state))
        return self.rendered(request, ProductOfferingSerializer, page, headers, {"state": state})


class ProductOfferingDetail(TmfView):
    scopes = {"GET": "catalog"}

    @extend_schema(
        operation_id="retrieveProductOffering",
        tags=["TMF620 Product Catalog"],
        parameters=[FIELDS],
        responses={200: ProductOfferingSerializer, **ERRORS},
    )
    def get(self, request: Request, slug: str) -> Response:
        product = selectors.offering_get(slug=slug)
        if product is None:
            raise NotFound("No such product offering.")
        return self.rendered_one(request, ProductOfferingSerializer, product)


class ProductSpecificationList(TmfView):
    scopes = {"GET": "catalog"}

    @extend_schema(
        operation_id="listProductSpecification",
        tags=["TMF620 Product Catalog"],
        parameters=LIST_PARAMETERS,
        responses={200: ProductSpecificationSerializer(many=True), **ERRORS},
    )
    def get(self, request: Request) -> Response:
        page, headers = page_of(request, selectors.offerings())
        return self.rendered(request, ProductSpecificationSerializer, page, headers)


class ProductSpecificationDetail(TmfView):
    scopes = {"GET": "catalog"}

    @extend_schema(
        operation_id="retrieveProductSpecification",
        tags=["TMF620 Product Catalog"],
        parameters=[FIELDS],
        responses={200: ProductSpecificationSerializer, **ERRORS},
    )
    def get(self, request: Request, slug: str) -> Response:
        product = selectors.offering_get(slug=slug)
        if product is None:
            raise NotFound("No such product specification.")
        return self.rendered_one(request, ProductSpecificationSerializer, product)


class AddressInput(serializers.Serializer):  # type: ignore[type-arg]
    streetName = serializers.CharField(max_length=200, required=False, allow_blank=True)
    postcode = serializers.RegexField(r"^\d{5}$", max_length=5)


class QualificationInput(serializers.Serializer):  # type: ignore[type-arg]
    description = serializers.CharField(max_length=200, required=False, allow_blank=True)
    place = AddressInput()


class QualificationItem(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.CharField()
    qualificationResult = serializers.CharField()
    eligibilityUnavailabilityReason = serializers.ListField(child=serializers.DictField())
    service = serializers.DictField()


class QualificationOutput(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.CharField()
    state = serializers.CharField()
    qualificationResult = serializers.CharField()
    serviceQualificationItem = QualificationItem(many=True)


class CheckServiceQualification(TmfView):
    """Which offerings can be ordered at an address (a ZIP code and, optionally, a street).
    Nothing about the address is kept."""

    scopes = {"POST": "qualification"}

    @extend_schema(
        operation_id="createCheckServiceQualification",
        tags=["TMF645 Service Qualification"],
        request=QualificationInput,
        responses={201: QualificationOutput, **ERRORS},
    )
    def post(self, request: Request) -> Response:
        form = QualificationInput(data=request.data)
        form.is_valid(raise_exception=True)
        place = form.validated_data["place"]
        result = availability_check(zip_code=place["postcode"], street=place.get("streetName"))
        if result.state is None:
            return tmf_error(422, result.message)
        items = [
            {"id": item.product.slug,
             "qualificationResult": "qualified" if item.orderable else "unqualified",
             "eligibilityUnavailabilityReason": (
                 [] if item.orderable else [{"code": "notAvailable", "label": item.reason}]),
             "service": {"id": item.product.slug, "name": item.product.name,
                         "@type": "ProductOfferingRef"}}
            for item in result.items
        ]  # fmt: skip
        body = {
            "id": str(uuid.uuid4()),
            "state": "done",
            "qualificationResult": "qualified" if result.orderable else "unqualified",
            "serviceQualificationItem": items,
            "@type": "CheckServiceQualification",
        }
        return Response(body, status=status.HTTP_201_CREATED)
