"""A test-only URLconf: an upload form and a download view built the way careers will build them."""

from __future__ import annotations

import uuid

from django import forms
from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from azultel.core.file_serving import stored_file_response
from azultel.core.models import StoredFile
from azultel.core.stored_files import stored_file_save
from azultel.core.upload_checks import RESUME_UPLOADS
from azultel.core.uploads import PrivateFileField


class ResumeForm(forms.Form):
    resume = PrivateFileField(policy=RESUME_UPLOADS, label="Your résumé")


def upload(request: HttpRequest) -> HttpResponse:
    form = ResumeForm(request.POST, request.FILES)
    received = request.FILES.get("resume")
    if not form.is_valid():
        response = HttpResponse(form.as_div(), status=400)
    else:
        stored = stored_file_save(upload=form.cleaned_data["resume"], actor=request.user)
        response = HttpResponse(str(stored.pk), status=201)
    response["X-Upload-Class"] = type(received).__name__
    return response


def download(request: HttpRequest, file_id: uuid.UUID, deny_as: int = 404) -> HttpResponse:
    stored = StoredFile.objects.filter(pk=file_id).first()
    return stored_file_response(
        request,
        stored_file=stored,
        allowed=request.user.has_perm("core.view_storedfile"),
        filename=request.GET.get("name"),
        deny_as=403 if deny_as == 403 else 404,
    )


urlpatterns = [
    path("test-uploads/", upload),
    path("test-uploads/<uuid:file_id>/", download),
    path("test-uploads/<uuid:file_id>/strict/", download, {"deny_as": 403}),
    # The project's pages too (by name: core imports no domain app), so error pages render.
    path("", include("azultel.config.urls")),
]
handler400 = "azultel.site.views.bad_request"
handler403 = "azultel.site.views.permission_denied"
handler404 = "azultel.site.views.page_not_found"
handler500 = "azultel.site.views.server_error"
