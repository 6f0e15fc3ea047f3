"""TMF688-style event hub: subscribe a callback, unsubscribe it."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from azultel.api import services
from azultel.api.permissions import request_partner
from azultel.api.views.base import TmfView
from azultel.api.views.catalog import ERRORS

TAG = ["TMF688 Event hub"]


class HubInput(serializers.Serializer):  # type: ignore[type-arg]
    callback = serializers.URLField(max_length=500)
    query = serializers.CharField(max_length=200, required=False, allow_blank=True)


class HubOutput(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.CharField()
    callback = serializers.CharField()
    query = serializers.CharField()
    secret = serializers.CharField(help_text="Signs every delivery; shown only now.")


class Hub(TmfView):
    scopes = {"POST": "hub"}

    @extend_schema(
        operation_id="registerListener",
        tags=TAG,
        request=HubInput,
        responses={201: HubOutput, **ERRORS},
    )
    def post(self, request: Request) -> Response:
        form = HubInput(data=request.data)
        form.is_valid(raise_exception=True)
        subscription = services.hub_subscribe(
            partner=request_partner(request),
            callback=form.validated_data["callback"],
            query=form.validated_data.get("query", ""),
        )
        body = {"id": str(subscription.pk), "callback": subscription.callback,
                "query": subscription.query, "secret": subscription.secret}  # fmt: skip
        return Response(body, status=status.HTTP_201_CREATED)


class HubDetail(TmfView):
    scopes = {"DELETE": "hub"}

    @extend_schema(
        operation_id="unregisterListener",
        tags=TAG,
        responses={204: OpenApiResponse(description="Removed"), **ERRORS},
    )
    def delete(self, request: Request, subscription_id: str) -> Response:
        if not services.hub_unsubscribe(
            partner=request_partner(request), subscription_id=subscription_id
        ):
            raise NotFound("No such listener.")
        return Response(status=status.HTTP_204_NO_CONTENT)
