"""Pages for people: the API reference (rendered here from the OpenAPI description, so it
loads nothing from anywhere else, B5) and the partner portal where a partner rotates its key."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods
from drf_spectacular.generators import SchemaGenerator

from azultel.accounts.models import User
from azultel.api import selectors, services

METHODS = ("get", "post", "put", "patch", "delete")


def not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    """An address under the API that names no resource."""
    body = {"@type": "Error", "code": "404", "reason": "Not found", "status": "404",
            "message": "No such resource."}  # fmt: skip
    return JsonResponse(body, status=404)


def reference(request: HttpRequest) -> HttpResponse:
    """Every operation of the API: method, path, summary, parameters and answers."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    operations = []
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            if method in item:
                op = item[method]
                operations.append(
                    {
                        "method": method.upper(),
                        "path": path,
                        "id": op.get("operationId", ""),
                        "tag": (op.get("tags") or [""])[0],
                        "summary": op.get("description", ""),
                        "parameters": [p["name"] for p in op.get("parameters", [])],
                        "responses": sorted(op.get("responses", {}).keys()),
                    }
                )
    return render(request, "api/reference.html", {"operations": operations, "info": schema["info"]})


@login_required
@require_http_methods(["GET", "POST"])
def portal(request: HttpRequest) -> HttpResponse:
    """A partner's people see its client id and scopes, and rotate its secret."""
    user = request.user
    assert isinstance(user, User)
    partner = selectors.partner_for_member(user=user)
    if partner is None:
        raise Http404
    credentials = None
    if request.method == "POST":
        credentials = services.partner_keys_rotate(partner=partner, actor=user)
        partner.refresh_from_db()
    return render(request, "api/portal.html", {"partner": partner, "credentials": credentials})
