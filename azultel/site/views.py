"""Public pages. Thin: validate, call a selector or service, render."""

from __future__ import annotations

from datetime import UTC, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods

from azultel.core.links import site_path, site_reverse
from azultel.core.ratelimit import client_fingerprint, rate_limit_hit
from azultel.core.richtext import render_richtext
from azultel.core.templatetags.icons import icon_names
from azultel.privacy import selectors as privacy_selectors
from azultel.site import selectors, services
from azultel.site.forms import FAQ_QUERY_MAX_LENGTH, ContactForm, StyleguideSampleForm
from azultel.site.models import FaqTopic
from azultel.site.pages import section_tree


def _page(template: str, section: str):  # type: ignore[no-untyped-def]
    @require_GET
    def view(request: HttpRequest) -> HttpResponse:
        return render(request, f"site/{template}.html", {"section": section})

    view.__name__ = template
    return view


home = _page("home", "home")
carrier = _page("carrier", "carrier")
retail = _page("retail", "retail")
company = _page("company", "company")
cpni = _page("cpni", "legal")
support = _page("support", "contact")


@require_GET
def careers(request: HttpRequest) -> HttpResponse:
    # The retention period is the careers setting (B3), said the same way on every careers page.
    months = int(settings.CAREERS_RETENTION_MONTHS)
    return render(request, "site/careers.html", {"section": "careers", "retention_months": months})


@require_GET
def terms(request: HttpRequest) -> HttpResponse:
    # The late fee and suspension clause states the billing settings the collections jobs apply.
    return render(
        request,
        "site/terms.html",
        {
            "section": "legal",
            "late_fee_minimum": settings.BILLING_LATE_FEE_MINIMUM,
            "late_fee_percent": settings.BILLING_LATE_FEE_PERCENT,
            "due_days": int(settings.BILLING_DUE_DAYS),
            "suspend_days": int(settings.BILLING_SUSPEND_AFTER_DAYS),
            "notice_days": int(settings.BILLING_SUSPEND_NOTICE_DAYS),
            "write_off_days": int(settings.BILLING_WRITE_OFF_AFTER_DAYS),
        },
    )


@require_GET
def legal(request: HttpRequest) -> HttpResponse:
    pages = next(pages for section, pages in section_tree() if section.key == "legal")
    others = [p for p in pages if p.url_name != "site:legal"]
    return render(request, "site/legal.html", {"section": "legal", "pages": others})


DATA_MAP_MARKER = "[[data-map]]"


def _policy_response(request: HttpRequest, policy, *, is_current: bool) -> HttpResponse:  # type: ignore[no-untyped-def]
    before, _, after = (policy.body if policy else "").partition(DATA_MAP_MARKER)
    return render(
        request,
        "site/privacy_policy.html",
        {
            "section": "legal",
            "policy": policy,
            "body_before": render_richtext(before),
            "body_after": render_richtext(after),
            "data_map": privacy_selectors.data_map_for_policy() if policy else [],
            "is_current": is_current,
            "versions": privacy_selectors.policy_published(),
        },
    )


@require_GET
def privacy_policy(request: HttpRequest) -> HttpResponse:
    return _policy_response(request, privacy_selectors.policy_current(), is_current=True)


@require_GET
def privacy_policy_version(request: HttpRequest, version: str) -> HttpResponse:
    policy = privacy_selectors.policy_get_published(version=version)
    if policy is None:
        raise Http404("No such policy version.")
    current = privacy_selectors.policy_current()
    return _policy_response(
        request, policy, is_current=current is not None and current.pk == policy.pk
    )


@require_GET
def faq(request: HttpRequest) -> HttpResponse:
    raw_query = request.GET.get("q")
    result = selectors.faq_search(query=raw_query) if raw_query is not None else None
    entries = selectors.faq_list_published()
    grouped = [
        (label, [e for e in entries if e.topic == value]) for value, label in FaqTopic.choices
    ]
    return render(
        request,
        "site/faq.html",
        {
            "section": "legal",
            "result": result,
            "grouped": [(label, items) for label, items in grouped if items],
            "query_max_length": FAQ_QUERY_MAX_LENGTH,
        },
    )


@require_http_methods(["GET", "POST"])
def contact(request: HttpRequest) -> HttpResponse:
    status = 200
    if request.method == "POST":
        form = ContactForm(request.POST)
        limit = rate_limit_hit(
            scope="contact",
            identity=client_fingerprint(request, scope="contact"),
            limit=settings.CONTACT_RATE_LIMIT,
            window_seconds=settings.CONTACT_RATE_WINDOW_SECONDS,
        )
        if not limit.allowed:
            minutes = max(1, (limit.retry_after + 59) // 60)
            form.add_error(
                None,
                f"We have received several messages from you in a short time. Please try again "
                f"in about {minutes} minute{'s' if minutes != 1 else ''}, or call "
                f"{settings.COMPANY_PHONE}.",
            )
            status = 429
        elif form.is_valid():
            services.contact_message_create(sender=request.user, **form.cleaned_data)
            return redirect("site:contact_thanks")
        else:
            status = 400
    else:
        form = ContactForm(initial={"topic": request.GET.get("topic", "")[:20]})
    return render(request, "site/contact.html", {"section": "contact", "form": form}, status=status)


@require_GET
def contact_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "site/contact_thanks.html", {"section": "contact"})


@require_GET
def site_map(request: HttpRequest) -> HttpResponse:
    return render(request, "site/site_map.html", {"section": "contact", "tree": section_tree()})


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    # The account area is not listed here: its pages need a signed-in customer, so a crawler
    # only ever reaches the sign-in page (which people do search for). Staff pages are kept out.
    lines = [
        "User-agent: *",
        f"Disallow: {site_path('accounts:staff_home')}",
        "",
        f"Sitemap: {site_reverse('sitemap_xml')}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_GET
def security_txt(request: HttpRequest) -> HttpResponse:
    """RFC 9116 contact file; Expires is always about six months ahead."""
    expires = (timezone.now() + timedelta(days=180)).replace(microsecond=0)
    lines = [
        f"Contact: mailto:{settings.SECURITY_CONTACT_EMAIL}",
        f"Expires: {expires.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: en, es",
        f"Canonical: {settings.SITE_URL.rstrip('/')}/.well-known/security.txt",
        f"Policy: {settings.SITE_URL.rstrip('/')}/legal/privacy/",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def _error(request: HttpRequest, status: int, title: str, text: str) -> HttpResponse:
    try:
        return render(
            request,
            "site/error.html",
            {"status": status, "title": title, "text": text, "back": _safe_back(request)},
            status=status,
        )
    except Exception:
        return HttpResponse(
            f"<!doctype html><title>{title}</title><h1>{title}</h1><p>{text}</p>",
            status=status,
        )


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(
        request,
        400,
        "We could not understand that request",
        "Something in the request was not in a form we accept. Please go back and try again.",
    )


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(
        request,
        403,
        "You do not have access to this page",
        "If you think you should, sign in with the right account or contact us.",
    )


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(
        request,
        404,
        "We could not find that page",
        "The page may have moved. The site map lists every page on this site.",
    )


def server_error(request: HttpRequest) -> HttpResponse:
    return _error(
        request,
        500,
        "Something went wrong on our side",
        "We have been told about it. Please try again in a few minutes.",
    )


@require_GET
def styleguide(request: HttpRequest) -> HttpResponse:
    """Every component of the design system with its states (staff only)."""

    user = request.user
    if not (user.is_authenticated and user.is_staff):
        raise PermissionDenied("Staff only.")
    sample = StyleguideSampleForm({"name": "Maria Lopez", "zip_code": "3313"})
    sample.is_valid()
    return render(
        request,
        "site/styleguide.html",
        {"icons": icon_names(), "sample_form": sample, "empty_form": StyleguideSampleForm()},
    )


def method_not_allowed(request: HttpRequest) -> HttpResponse:
    return _error(
        request,
        405,
        "That page cannot be used this way",
        "The page exists, but not for what the browser asked of it (for example, sending a "
        "form to a page that only shows information). Please go back and try again.",
    )


def _safe_back(request: HttpRequest) -> str:
    """A same-site page to go back to: the Referer's path when it is on this site, else ""."""

    referer = request.headers.get("Referer", "")
    parts = urlsplit(referer)
    site = urlsplit(settings.SITE_URL)
    if not referer or (parts.scheme, parts.netloc) != (site.scheme, site.netloc):
        return ""
    path = parts.path or "/"
    return path if path.startswith("/") and not path.startswith("//") else ""


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _error(
        request,
        403,
        "Your form expired",
        "For your security, forms are only accepted for a while and only with cookies "
        "enabled. Please go back, reload the page and send it again.",
    )
