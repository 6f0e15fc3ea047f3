"""Staff pages of billing: find an account, see its bills, issue a credit with a reason."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from azultel.accounts.http import SignedInRequest
from azultel.billing import selectors, services
from azultel.billing.charges import usd
from azultel.billing.forms import (
    AccountSearchForm,
    CreditForm,
)
from azultel.billing.models import BillingAccount
from azultel.core.paging import list_page


@require_GET
@login_required
@permission_required("billing.view_bill", raise_exception=True)
def staff_search(request: SignedInRequest) -> HttpResponse:
    form = AccountSearchForm(request.GET or None)
    listing = (
        list_page(request, selectors.billing_account_search(query=form.cleaned_data["q"]))
        if form.is_valid()
        else None
    )
    return render(
        request,
        "billing/staff/search.html",
        {"form": form, "listing": listing, "searched": form.is_bound},
    )


def _staff_account_page(
    request: SignedInRequest, account: BillingAccount, form: CreditForm, *, status: int = 200
) -> HttpResponse:
    can_see_payments = request.user.has_perm("billing.view_payment")
    return render(
        request,
        "billing/staff/account.html",
        {
            "account": account,
            "bills": selectors.bills_for_account(account=account),
            "payments": selectors.payments_for_account(account=account)
            if can_see_payments
            else None,
            "credits": selectors.credits_for_account(account=account),
            "can_issue_credit": request.user.has_perm("billing.issue_credit"),
            "form": form,
        },
        status=status,
    )


def _staff_account_or_404(account_number: str) -> BillingAccount:
    account = selectors.billing_account_get_for_staff(account_number=account_number)
    if account is None:
        raise Http404("No such billing account.")
    return account


@require_GET
@login_required
@permission_required("billing.view_bill", raise_exception=True)
def staff_account(request: SignedInRequest, account_number: str) -> HttpResponse:
    account = _staff_account_or_404(account_number)
    services.billing_account_viewed(account=account, actor=request.user)
    return _staff_account_page(request, account, CreditForm())


@require_POST
@login_required
@permission_required("billing.issue_credit", raise_exception=True)
def staff_credit(request: SignedInRequest, account_number: str) -> HttpResponse:
    account = _staff_account_or_404(account_number)
    form = CreditForm(request.POST)
    if form.is_valid():
        try:
            credit = services.credit_issue(
                account=account,
                amount=form.cleaned_data["amount"],
                reason=form.cleaned_data["reason"],
                actor=request.user,
            )
        except services.CreditRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                f"Credit of {usd(credit.amount)} recorded; the next bill applies it.",
            )
            return redirect("billing:staff_account", account_number=account.account_number)
    return _staff_account_page(request, account, form, status=400)


@require_GET
@login_required
@permission_required("billing.view_bill", raise_exception=True)
def staff_bill(request: SignedInRequest, bill_id: str) -> HttpResponse:
    bill = selectors.bill_get_for_staff(bill_id=bill_id)
    if bill is None:
        raise Http404("No such bill.")
    return render(
        request,
        "billing/staff/bill.html",
        {
            "bill": bill,
            "lines": list(bill.lines.all()),
            "payments": selectors.bill_payments(bill=bill)
            if request.user.has_perm("billing.view_payment")
            else None,
        },
    )
