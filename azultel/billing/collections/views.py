"""Collections pages: the customer's payment arrangement page, the staff collections queue and
the staff arrangement page. Thin: a form, one service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from azultel.accounts.http import SignedInRequest
from azultel.billing import selectors as billing_selectors
from azultel.billing.collections import selectors
from azultel.billing.collections.arrangements import ArrangementRefused, arrangement_make
from azultel.billing.collections.forms import ArrangementForm
from azultel.billing.collections.models import CollectionsStatus
from azultel.billing.collections.policy import policy
from azultel.billing.models import BillingAccount


def _arrangement(
    request: SignedInRequest,
    account: BillingAccount,
    *,
    template: str,
    done: str,
    done_args: tuple[str, ...] = (),
) -> HttpResponse:
    today = timezone.localdate()
    state = selectors.collections_state(account=account, today=today)
    form = ArrangementForm(request.POST or None)
    if request.method == "POST" and state.may_arrange and form.is_valid():
        try:
            arrangement_make(account=account, plan=form.plan(), made_by=request.user, today=today)
        except ArrangementRefused as exc:
            form.add_error(exc.field, str(exc))
        else:
            messages.success(request, "The payment arrangement is set up; we have emailed it.")
            return redirect(done, *done_args)
    return render(
        request,
        template,
        {
            "account_section": "bills",
            "account": account,
            "state": state,
            "form": form,
            "max_days": policy().arrangement_max_days,
            "today": today,
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
def arrangement(request: SignedInRequest) -> HttpResponse:
    """The signed-in customer splits their own overdue balance (their account only)."""
    account = billing_selectors.billing_account_for_customer(customer=request.user)
    if account is None:
        raise Http404("No billing account.")
    return _arrangement(
        request,
        account,
        template="billing/collections/arrangement.html",
        done="billing:bill_list",
    )


@require_GET
@login_required
@permission_required("billing.view_bill", raise_exception=True)
def staff_queue(request: SignedInRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in selectors.QUEUE_STATUSES:
        status = ""
    return render(
        request,
        "billing/collections/staff_queue.html",
        {
            "rows": selectors.collections_queue(status=status or None, today=timezone.localdate()),
            "counts": [
                (value, CollectionsStatus(value).label, n)
                for value, n in selectors.collections_status_counts().items()
            ],
            "status": status,
            "can_arrange": request.user.has_perm("billing.arrange_payment"),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("billing.arrange_payment", raise_exception=True)
def staff_arrangement(request: SignedInRequest, account_number: str) -> HttpResponse:
    account = billing_selectors.billing_account_get_for_staff(account_number=account_number)
    if account is None:
        raise Http404("No such billing account.")
    return _arrangement(
        request,
        account,
        template="billing/collections/staff_arrangement.html",
        done="billing:collections_queue",
    )
