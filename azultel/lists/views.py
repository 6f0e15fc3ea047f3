"""Staff pages of the lists app (marketing role): the lists, the import, a list's people, and
the lines an import skipped. Every route is a staff page (two-step sign-in, P23)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from azultel.accounts.http import SignedInRequest
from azultel.core.paging import list_page
from azultel.lists import selectors, services
from azultel.lists.contact_file import LIST_TOPICS, OPTIONAL_COLUMNS, REQUIRED_COLUMNS
from azultel.lists.forms import ContactListImportForm
from azultel.lists.models import ContactList

# A refused file can have a problem on every line; the page shows this many and counts the rest.
PROBLEMS_SHOWN = 1000


def _list_or_404(list_id: uuid.UUID) -> ContactList:
    contact_list = selectors.contact_list_get(list_id=list_id)
    if contact_list is None:
        raise Http404("No such list.")
    return contact_list


@require_GET
@login_required
@permission_required("lists.view_contactlist", raise_exception=True)
def staff_lists(request: SignedInRequest) -> HttpResponse:
    return render(
        request,
        "lists/staff/lists.html",
        {
            "listing": list_page(request, selectors.contact_lists_for_campaigns()),
            "can_import": request.user.has_perm("lists.add_contactlist"),
        },
    )


def _import_page(
    request: SignedInRequest,
    form: ContactListImportForm,
    result: services.ImportResult | None = None,
    *,
    status: int = 200,
) -> HttpResponse:
    problems = result.problems if result else []
    return render(
        request,
        "lists/staff/import.html",
        {
            "form": form,
            "problems": problems[:PROBLEMS_SHOWN],
            "problems_total": len(problems),
            "problems_hidden": max(0, len(problems) - PROBLEMS_SHOWN),
            "required_columns": REQUIRED_COLUMNS,
            "optional_columns": OPTIONAL_COLUMNS,
            "topics": LIST_TOPICS,
            "retention_months": int(settings.LISTS_CONTACT_RETENTION_MONTHS),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("lists.add_contactlist", raise_exception=True)
def staff_import(request: SignedInRequest) -> HttpResponse:
    if request.method != "POST":
        return _import_page(request, ContactListImportForm())
    form = ContactListImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _import_page(request, form, status=400)
    result = services.contact_list_import(
        name=form.cleaned_data["name"],
        source=form.cleaned_data["source_organisation"],
        description=form.cleaned_data["description"],
        csv_bytes=form.cleaned_data["csv_file"],
        actor=request.user,
    )
    if result.contact_list is None:
        return _import_page(request, form, result, status=400)
    return redirect("lists:staff_import_result", list_id=result.contact_list.pk)


@require_GET
@login_required
@permission_required("lists.view_contactlist", raise_exception=True)
def staff_import_result(request: SignedInRequest, list_id: uuid.UUID) -> HttpResponse:
    contact_list = _list_or_404(list_id)
    return render(
        request,
        "lists/staff/import_result.html",
        {
            "contact_list": contact_list,
            "listing": list_page(
                request, selectors.skipped_lines(contact_list=contact_list), per_page=100
            ),
        },
    )


@require_GET
@login_required
@permission_required("lists.view_contactlist", raise_exception=True)
def staff_list_detail(request: SignedInRequest, list_id: uuid.UUID) -> HttpResponse:
    contact_list = _list_or_404(list_id)
    return render(
        request,
        "lists/staff/list_detail.html",
        {
            "contact_list": contact_list,
            "listing": list_page(
                request, selectors.list_contacts_for_staff(contact_list=contact_list)
            ),
            "retention_months": int(settings.LISTS_CONTACT_RETENTION_MONTHS),
        },
    )
