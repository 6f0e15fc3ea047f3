"""Fields every TMF resource shares: ``@type``, ``href``, money."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


@extend_schema_field(OpenApiTypes.STR)
class ConstantField(serializers.Field):  # type: ignore[type-arg]
    """A fixed string, such as ``@type``."""

    def __init__(self, value: str, **kwargs: object) -> None:
        self.value = value
        super().__init__(source="*", read_only=True, **kwargs)  # type: ignore[arg-type]

    def to_representation(self, value: object) -> str:
        return self.value


@extend_schema_field(OpenApiTypes.URI)
class HrefField(serializers.Field):  # type: ignore[type-arg]
    """The absolute address of a resource: ``viewname`` with the object's ``attribute``."""

    def __init__(self, viewname: str, attribute: str = "pk", **kwargs: object) -> None:
        self.viewname = viewname
        self.attribute = attribute
        super().__init__(source="*", read_only=True, **kwargs)  # type: ignore[arg-type]

    def to_representation(self, value: object) -> str:
        path = reverse(self.viewname, args=[str(getattr(value, self.attribute))])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


class TmfSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """A serializer whose ``tmf_type`` becomes the ``@type`` field, and which leaves out an
    attribute that has no value: TM Forum's schemas type every attribute without ``null`` (an
    open ticket's ``resolutionDate`` is absent, not ``null``)."""

    tmf_type = ""

    def get_fields(self) -> dict[str, serializers.Field]:  # type: ignore[type-arg]
        fields = super().get_fields()
        if self.tmf_type:
            fields["@type"] = ConstantField(self.tmf_type)
        return fields

    def to_representation(self, instance: object) -> dict[str, object]:
        data = super().to_representation(instance)
        return {key: value for key, value in data.items() if value is not None}


class MoneySerializer(serializers.Serializer):  # type: ignore[type-arg]
    unit = serializers.CharField(read_only=True)
    value = serializers.FloatField(read_only=True)


def money(amount: Decimal) -> dict[str, object]:
    return {"unit": "USD", "value": float(amount)}


class RefSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.CharField()
    href = serializers.CharField(read_only=True, required=False)
    name = serializers.CharField(read_only=True, required=False)
