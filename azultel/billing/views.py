"""The billing pages: the customer's bills (list, detail, PDF, pay), billing settings, and the
staff billing tool. Thin: validate with a form, call a service or selector, render.

Every bill is looked up among the signed-in customer's own bills; another customer's bill id is
a 404 and changes nothing. Call detail (CPNI) shows only when this session signed in with the
password, or confirmed it since (P30). Card numbers and security codes are never kept, logged or
written back into a page (P24).
"""

from __future__ import annotations

from decimal import Decimal
from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods

from azultel.accounts.http import SignedInRequest, signed_in_with_password
from azultel.accounts.models import User
from azultel.accounts.selectors import profile_get
from azultel.billing import selectors, services
from azultel.billing.charges import usd
from azultel.billing.collections.selectors import collections_state
from azultel.billing.forms import (
    NEW_CARD,
    BillingSettingsForm,
    BillPaymentForm,
    payment_token,
    payment_token_read,
)
from azultel.billing.models import Bill, Payment, PaymentStatus
from azultel.billing.pdf import bill_pdf
from azultel.orders.view_guards import https_required
from azultel.payments import selectors as payment_selectors
from azultel.payments.forms import CardForm, card_form_tokenize
from azultel.payments.selectors import SavedCard

CARD_FIELDS = ("card-number", "card-cvc", "card-exp_month", "card-exp_year")


def call_detail_allowed(request: HttpRequest) -> bool:
    """CPNI online only after a password (P30): this session signed in with the password, or
    confirmed it at /account/reauthenticate/. A sign-in by emailed link or code is not enough."""
    return signed_in_with_password(request)


def _bill_or_404(request: SignedInRequest, bill_id: UUID) -> Bill:
    bill = selectors.bill_get_for_customer(customer=request.user, bill_id=bill_id)
    if bill is None:
        raise Http404("No such bill.")
    return bill


def _cards_for(customer: User) -> list[SavedCard]:
    """Cards the customer may pay with: saved cards, and the card chosen for autopay."""
    cards = list(payment_selectors.cards_saved_for(customer=customer))
    account = selectors.billing_account_for_customer(customer=customer)
    if account is not None and account.autopay_card_id:
        autopay_card = payment_selectors.card_get_for_customer(
            customer=customer, card_id=account.autopay_card_id
        )
        if autopay_card is not None and all(c.pk != autopay_card.pk for c in cards):
            cards.append(autopay_card)
    return cards


# --- The customer's bills ---------------------------------------------------------------------


@require_GET
@login_required
def bill_list(request: SignedInRequest) -> HttpResponse:
    account = selectors.billing_account_for_customer(customer=request.user)
    return render(
        request,
        "billing/account/bill_list.html",
        {
            "account_section": "bills",
            "account": account,
            # The page says bills are paid automatically only if the card can still be charged.
            "autopay_card": selectors.autopay_card_usable(account=account) if account else None,
            "bills": selectors.bills_for_customer(customer=request.user),
            "collections": collections_state(account=account, today=timezone.localdate())
            if account
            else None,
        },
    )


@require_GET
@login_required
def bill_detail(request: SignedInRequest, bill_id: UUID) -> HttpResponse:
    bill = _bill_or_404(request, bill_id)
    allowed = call_detail_allowed(request)
    reauth_url = reverse("account_reauthenticate") + "?" + urlencode({"next": request.path_info})
    return render(
        request,
        "billing/account/bill_detail.html",
        {
            "account_section": "bills",
            "bill": bill,
            "lines": list(bill.lines.all()),
            "payments": selectors.bill_payments(bill=bill),
            "outstanding": selectors.bill_outstanding(bill=bill),
            "payable": selectors.bill_payable(bill=bill),
            "call_detail_allowed": allowed,
            "calls": selectors.bill_usage(bill=bill) if allowed else None,
            "reauth_url": reauth_url,
        },
    )


@require_GET
@never_cache
@login_required
def bill_pdf_download(request: SignedInRequest, bill_id: UUID) -> HttpResponse:
    bill = _bill_or_404(request, bill_id)
    content = bill_pdf(
        bill=bill,
        lines=bill.lines.all(),
        company={
            "name": settings.COMPANY_NAME,
            "postal_address": settings.COMPANY_POSTAL_ADDRESS,
            "phone": settings.COMPANY_PHONE,
            "site_url": settings.SITE_URL,
        },
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="azultel-bill-{bill.period_start:%Y-%m}.pdf"'
    )
    return response


def _pay_page(
    request: SignedInRequest,
    bill: Bill,
    form: BillPaymentForm,
    card_form: CardForm,
    *,
    status: int = 200,
    page_error: str = "",
) -> HttpResponse:
    return render(
        request,
        "billing/account/bill_pay.html",
        {
            "account_section": "bills",
            "page_error": page_error,
            "bill": bill,
            "outstanding": selectors.bill_outstanding(bill=bill),
            "form": form,
            "card_form": card_form,
            "has_cards": form.has_cards,
            "test_cards": payment_selectors.sandbox_test_cards(),
        },
        status=status,
    )


def _fresh_form(bill: Bill, cards: list[SavedCard], amount: Decimal) -> BillPaymentForm:
    return BillPaymentForm(
        initial={
            "token": payment_token(bill_id=bill.pk, key=services.payment_key_new()),
            "amount": amount,
        },
        cards=cards,
    )


def _earlier_attempt(request: SignedInRequest, bill: Bill) -> Payment | None:
    """The payment this very form already made (double click, back and send again), if any."""
    token = payment_token_read(request.POST.get("token", ""))
    if token is None or token["b"] != str(bill.pk):
        return None
    return next(
        (p for p in selectors.bill_payments(bill=bill) if p.idempotency_key == token["k"]), None
    )


def _declined_page(
    request: SignedInRequest, bill: Bill, payment: Payment, amount: Decimal, can_save: bool
) -> HttpResponse:
    # A fresh token: the declined attempt keeps its key, another card gets a new one.
    return _pay_page(
        request,
        bill,
        _fresh_form(bill, _cards_for(request.user), amount),
        CardForm(prefix="card", can_save=can_save),
        status=400,
        page_error=f"Your card was declined: {payment.decline_reason}. Nothing was charged "
        "and the bill is still open. Please try another card.",
    )


@require_http_methods(["GET", "POST"])
@https_required
@sensitive_post_parameters(*CARD_FIELDS)
@login_required
def bill_pay(request: SignedInRequest, bill_id: UUID) -> HttpResponse:
    bill = _bill_or_404(request, bill_id)
    cards = _cards_for(request.user)
    can_save = _has_local_profile(request.user)
    if request.method == "GET":
        if not selectors.bill_payable(bill=bill):
            messages.info(request, "There is nothing to pay on this bill.")
            return redirect("billing:bill_detail", bill_id=bill.pk)
        outstanding = selectors.bill_outstanding(bill=bill)
        card_form = CardForm(prefix="card", can_save=can_save)
        return _pay_page(request, bill, _fresh_form(bill, cards, outstanding), card_form)
    earlier = _earlier_attempt(request, bill)
    if earlier is not None and earlier.status == PaymentStatus.SUCCEEDED:
        messages.info(request, "This payment was already made; you were not charged twice.")
        return redirect("billing:bill_detail", bill_id=bill.pk)
    if earlier is not None:
        return _declined_page(request, bill, earlier, earlier.amount, can_save)
    form = BillPaymentForm(request.POST, cards=cards)
    card_form = CardForm(request.POST, prefix="card", can_save=can_save)
    if not form.is_valid():
        return _pay_page(request, bill, form, card_form, status=400)
    token = form.cleaned_data["token"]
    if token["b"] != str(bill.pk):
        return _pay_page(
            request,
            bill,
            _fresh_form(bill, cards, form.cleaned_data["amount"]),
            card_form,
            status=400,
            page_error="This page has expired. Please check the amount and pay again.",
        )
    problem = _amount_problem(bill, form.cleaned_data["amount"])
    if problem:
        # Refused before a new card reaches the processor, so a refusal writes nothing.
        form.add_error("amount", problem)
        return _pay_page(request, bill, form, card_form, status=400)
    card = _card_for_payment(request, form, card_form, cards, bill)
    if card is None:
        return _pay_page(request, bill, form, card_form, status=400)
    try:
        payment = services.bill_pay(
            customer=request.user,
            bill=bill,
            card=card,
            amount=form.cleaned_data["amount"],
            idempotency_key=token["k"],
            actor=request.user,
        )
    except services.PaymentRefused as exc:
        form.add_error(None, str(exc))
        return _pay_page(request, bill, form, card_form, status=400)
    if payment.status == PaymentStatus.DECLINED:
        return _declined_page(request, bill, payment, form.cleaned_data["amount"], can_save)
    if form.cleaned_data.get("use_for_autopay"):
        account = services.billing_account_get_or_create(customer=request.user, actor=request.user)
        services.billing_settings_update(
            account=account,
            paperless=account.paperless,
            autopay=True,
            autopay_card=card,
            actor=request.user,
        )
    messages.success(
        request,
        f"Thank you: your payment of {usd(payment.amount)} is received. We have emailed "
        "you a confirmation.",
    )
    return redirect("billing:bill_detail", bill_id=bill.pk)


def _amount_problem(bill: Bill, amount: Decimal) -> str | None:
    if not selectors.bill_payable(bill=bill):
        return "There is nothing left to pay on this bill."
    outstanding = selectors.bill_outstanding(bill=bill)
    if amount > outstanding:
        return f"Enter an amount from $0.01 to {usd(outstanding)}: that is what is left to pay."
    return None


def _has_local_profile(user: User) -> bool:
    profile = profile_get(user=user)
    return bool(profile is not None and profile.has_local_profile)


def _card_for_payment(
    request: SignedInRequest,
    form: BillPaymentForm,
    card_form: CardForm,
    cards: list[SavedCard],
    bill: Bill,
) -> SavedCard | None:
    chosen = form.cleaned_data["card"]
    if chosen != NEW_CARD:
        card = next((c for c in cards if str(c.pk) == chosen), None)
        if card is None:
            form.add_error("card", "Choose one of your cards or a new card.")
        return card
    if not card_form.is_valid():
        return None
    return card_form_tokenize(
        card_form, customer=request.user, postal_code=bill.billing_zip, actor=request.user
    )


@require_http_methods(["GET", "POST"])
@login_required
def billing_settings(request: SignedInRequest) -> HttpResponse:
    account = selectors.billing_account_for_customer(customer=request.user)
    cards = _cards_for(request.user)
    initial = {
        "paperless": account.paperless if account else True,
        "autopay": account.autopay if account else False,
        "autopay_card": str(account.autopay_card_id) if account and account.autopay_card_id else "",
    }
    form = BillingSettingsForm(request.POST or None, initial=initial, cards=cards)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        account = account or services.billing_account_get_or_create(
            customer=request.user, actor=request.user
        )
        try:
            services.billing_settings_update(
                account=account,
                paperless=data["paperless"],
                autopay=data["autopay"],
                autopay_card=data["card_object"] if data["autopay"] else None,
                actor=request.user,
            )
        except services.BillingError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Your billing settings are saved.")
            return redirect("billing:settings")
    return render(
        request,
        "billing/account/settings.html",
        {"account_section": "bills", "account": account, "form": form, "cards": cards},
        status=400 if form.errors else 200,
    )
