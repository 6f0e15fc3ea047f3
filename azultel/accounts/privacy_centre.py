"""The privacy centre's views (P07, P12, P14, P17, B1, B4): neutral choices, CPNI approval behind a
confirmation page, and the disclosures about the person. Thin views over accounts.services.

Every choice is two radio buttons of the same style, "yes" first, none checked while the person
has never answered (the FTC's and the California CPPA's guidance on dark patterns); the stored
default is said in words instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from azultel.accounts import selectors, services
from azultel.accounts.forms import ConsentChangeForm
from azultel.accounts.http import SignedInRequest
from azultel.privacy.selectors import disclosures_for_person, subject_get_for_user

EMAIL_TOPICS = ("product_info", "special_offers", "newsletter", "surveys", "service_offers")
CPNI_TOPIC = "cpni_marketing"


@dataclass(frozen=True)
class ChoiceWords:
    """The question and the two answers of one choice, each with its consequence."""

    question: str
    yes: str
    yes_detail: str
    no: str
    no_detail: str


def _email_words(what: str) -> ChoiceWords:
    return ChoiceWords(
        f"Do you want {what} by email?",
        "Yes, send them",
        "We email you now and then; every email has an unsubscribe link.",
        "No, do not send them",
        "You get none of these; account, bill and security messages still reach you.",
    )


CHOICE_WORDS: dict[str, ChoiceWords] = {
    "product_info": _email_words("company and product information"),
    "special_offers": _email_words("special offers"),
    "newsletter": _email_words("newsletters"),
    "surveys": _email_words("surveys"),
    "service_offers": _email_words("offers of services you may find useful"),
    CPNI_TOPIC: ChoiceWords(
        "May Azultel use your telephone service information for offers?",
        "Yes, approve",
        "Our own staff may use it to suggest other Azultel services. You confirm on the next page.",
        "No, do not approve",
        "We do not use it for offers. Your service, its price and quality stay the same.",
    ),
    "profiling_combination": ChoiceWords(
        "May we combine in-store and online information?",
        "Yes, combine it",
        "We may use both together to suggest services that suit you.",
        "No, keep it apart",
        "We never combine the two.",
    ),
    "data_sharing": ChoiceWords(
        "May we share your information with other companies for their own use?",
        "Yes, allow sharing",
        "Only where you also agree at the time, for example a co-sponsored event.",
        "No, do not share",
        "We share nothing for other companies' own use.",
    ),
}


@dataclass(frozen=True)
class Choice:
    topic: str
    label: str
    granted: bool
    answered: bool
    history: Sequence[object]
    words: ChoiceWords


def _choices(request: SignedInRequest) -> dict[str, Choice]:
    return {
        t.topic: Choice(t.topic, t.label, t.granted, t.answered, t.history, CHOICE_WORDS[t.topic])
        for t in selectors.privacy_centre_topics(user=request.user)
    }


@require_GET
@login_required
def privacy_centre(request: SignedInRequest) -> HttpResponse:
    choices = _choices(request)
    return render(
        request,
        "accounts/privacy_centre.html",
        {
            "account_section": "privacy",
            "email_topics": [choices[t] for t in EMAIL_TOPICS],
            "cpni": choices[CPNI_TOPIC],
            "profiling": choices["profiling_combination"],
            "sharing": choices["data_sharing"],
            "gpc": getattr(request, "gpc", False),
            "disclosures": disclosures_for_person(subject=subject_get_for_user(user=request.user)),
        },
    )


@require_POST
@login_required
def consent_change(request: SignedInRequest) -> HttpResponse:
    form = ConsentChangeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "That choice was not saved. Choose yes or no, then save it.")
        topic = request.POST.get("topic", "")
        anchor = f"#topic-{topic}" if topic in CHOICE_WORDS else ""
        return redirect(reverse("accounts:privacy") + anchor)
    topic, granted = form.cleaned_data["topic"], form.cleaned_data["granted"]
    if topic == "data_sharing" and granted and getattr(request, "gpc", False):
        messages.error(
            request,
            "Your browser sends Global Privacy Control, so we keep sharing "
            "switched off while it does.",
        )
        return redirect("accounts:privacy")
    if topic == CPNI_TOPIC and granted:
        # 47 CFR 64.2008: approval follows the notice of what it allows; it is recorded only when
        # the person confirms on that page.
        return redirect("accounts:cpni_approve")
    services.consent_change(user=request.user, topic=topic, granted=granted)
    messages.success(request, "Your choice has been saved and applies from now on.")
    return redirect(reverse("accounts:privacy") + f"#topic-{topic}")


@require_http_methods(["GET", "POST"])
@login_required
def cpni_approve(request: SignedInRequest) -> HttpResponse:
    """The confirmation page for CPNI approval: only a confirmed POST records it."""
    if request.method == "POST":
        if request.POST.get("confirm") == "approve":
            services.consent_change(user=request.user, topic=CPNI_TOPIC, granted=True)
            messages.success(
                request,
                "Your approval is recorded. You can withdraw it here at any time.",
            )
        else:
            messages.info(request, "Nothing was changed: you did not approve.")
        return redirect(reverse("accounts:privacy") + f"#topic-{CPNI_TOPIC}")
    return render(
        request,
        "accounts/cpni_approve.html",
        {"account_section": "privacy", "cpni": _choices(request)[CPNI_TOPIC]},
    )
