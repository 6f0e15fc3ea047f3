"""What every API view shares: scopes per method, paging, field selection, TMF errors."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Model
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer
from rest_framework.views import APIView

from azultel.api.paging import fields_selected

FIELDS = OpenApiParameter(
    "fields", OpenApiTypes.STR, description="Comma-separated attributes to return."
)
OFFSET = OpenApiParameter("offset", OpenApiTypes.INT, description="Index of the first item.")
LIMIT = OpenApiParameter("limit", OpenApiTypes.INT, description="Items per page (1-100).")
LIST_PARAMETERS = [FIELDS, OFFSET, LIMIT]


class TmfView(APIView):
    """An API view; ``scopes`` maps each HTTP method to the scope it needs."""

    scopes: dict[str, str] = {}

    def rendered(
        self,
        request: Request,
        serializer_class: type[BaseSerializer],  # type: ignore[type-arg]
        rows: Sequence[Model],
        headers: dict[str, str],
        context: dict[str, object] | None = None,
    ) -> Response:
        data = serializer_class(rows, many=True, context={"request": request, **(context or {})})
        body = [fields_selected(request, dict(item)) for item in data.data]
        return Response(body, headers=headers)

    def rendered_one(
        self,
        request: Request,
        serializer_class: type[BaseSerializer],  # type: ignore[type-arg]
        row: Model,
        status: int = 200,
    ) -> Response:
        data = serializer_class(row, context={"request": request}).data
        return Response(fields_selected(request, dict(data)), status=status)
