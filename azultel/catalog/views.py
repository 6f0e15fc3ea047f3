"""The shop: listings and product pages priced for the visitor's state, the state chooser and the
service availability check. Thin: resolve the state, call a selector, render.

No catalog page writes to the database or touches the session; only the state chooser's POST sets
a cookie, and that cookie holds the two-letter state code alone (P25, P26).
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_cookie

from azultel.catalog import selectors
from azultel.catalog.forms import AvailabilityForm, StateChoiceForm, safe_next
from azultel.catalog.models import Kind, Line
from azultel.catalog.page_cache import cached_for_visitors, fragment_cached
from azultel.catalog.pricing import STATE_PARAM, StateResolution, state_resolve
from azultel.catalog.state_cookie import state_cookie_clear, state_cookie_set
from azultel.core.same_origin import same_origin_post

LINE_PAGES: dict[str, dict[str, str]] = {
    Line.HOME: {
        "title": "Home phone and internet",
        "lead": "Phone lines, fiber and DSL internet plans, and bundles of both. Every plan "
        "shows its full price and fees for your state before you order.",
        "section": "home",
    },
    Line.RETAIL: {
        "title": "Devices and accessories",
        "lead": "Phones, routers and accessories we have tested on our own network, with a "
        "30-day return window.",
        "section": "retail",
    },
    Line.CARRIER: {
        "title": "Wholesale services",
        "lead": "Voice termination and transport for carriers, mobile operators and service "
        "providers. Each service is priced for your traffic: ask us for a quote.",
        "section": "carrier",
    },
}


def _state_context(request: HttpRequest, resolution: StateResolution) -> dict[str, object]:
    return {
        "resolution": resolution,
        "strategy": resolution.strategy,
        "state_query": resolution.query_suffix,
        "here": request.path_info,
    }


@require_GET
@vary_on_cookie
@cached_for_visitors
def index(request: HttpRequest) -> HttpResponse:
    resolution = state_resolve(request)
    strategy = resolution.strategy
    counts = selectors.line_counts_offered(strategy=strategy) if strategy else {}
    lines = [
        {
            "key": line,
            "url": reverse(f"catalog:{line}"),
            "count": counts.get(line),
            **LINE_PAGES[line],
        }
        for line in Line.values
    ]
    return render(
        request,
        "catalog/index.html",
        {"section": "home", "lines": lines, **_state_context(request, resolution)},
    )


# The home line's pages by kind (the header's Phone, Internet and Bundles).
KIND_PAGES: dict[str, dict[str, str]] = {
    Kind.PHONE_LINE: {
        "title": "Home phone",
        "lead": "A local phone line with unlimited calls across the US, caller ID and voicemail.",
        "section": "home",
        "plural": "phone plans",
        "compare": "catalog:phone_compare",
    },
    Kind.INTERNET: {
        "title": "Home internet",
        "lead": "Fiber and DSL plans with the broadband facts label on every plan.",
        "section": "home",
        "plural": "internet plans",
        "compare": "catalog:internet_compare",
    },
    Kind.BUNDLE: {
        "title": "Phone and internet bundles",
        "lead": "A phone line and an internet plan together, for less than both apart.",
        "section": "home",
        "plural": "bundles",
        "compare": "catalog:bundle_compare",
    },
}


KIND_URLS: dict[str, str] = {
    Kind.PHONE_LINE: "catalog:phone",
    Kind.INTERNET: "catalog:internet",
    Kind.BUNDLE: "catalog:bundles",
}


def _offers(resolution: StateResolution, line: str, kind: str | None) -> list[selectors.Offer]:
    """The state's offers, or before a state is known every product's "from" price."""
    strategy = resolution.strategy
    if strategy is not None:
        return selectors.product_list_offered(strategy=strategy, line=line, kind=kind)
    return selectors.product_list_from_prices(line=line, kind=kind)


def _cached_html(
    name: str,
    template: str,
    resolution: StateResolution,
    context: dict[str, object],
    *,
    line: str,
    kind: str | None,
) -> str:
    """A part of a page that is the same for every visitor of a state (or of none): rendered
    once per catalog version, without the request, so nothing about the visitor gets in.
    ``line`` and ``kind`` are the page's (also in ``context``)."""
    kind = kind or None

    def render_part() -> str:
        offers = _offers(resolution, line, kind)
        return render_to_string(template, {**context, "offers": offers})

    return fragment_cached(
        name=name,
        parts=(line, kind or "", resolution.state or "", resolution.query_suffix),
        render=render_part,
    )


def _line_view(line: str, kind: str | None = None):  # type: ignore[no-untyped-def]
    page = KIND_PAGES[kind] if kind else LINE_PAGES[line]

    @require_GET
    @vary_on_cookie
    @cached_for_visitors
    def view(request: HttpRequest) -> HttpResponse:
        resolution = state_resolve(request)
        context: dict[str, object] = {
            "line": line,
            "kind": kind or "",
            "page": page,
            "section": page["section"],
            "compare_url": reverse(page["compare"]) if "compare" in page else "",
            "kind_links": (
                [{"url": reverse(KIND_URLS[k]), "title": KIND_PAGES[k]["title"]} for k in KIND_URLS]
                if line == Line.HOME and kind is None
                else []
            ),
            **_state_context(request, resolution),
        }
        context["cards"] = _cached_html(
            "cards", "catalog/product_cards.html", resolution, context, line=line, kind=kind
        )
        return render(request, "catalog/product_list.html", context)

    view.__name__ = f"{kind or line}_list"
    return view


def _compare_view(kind: str):  # type: ignore[no-untyped-def]
    page = KIND_PAGES[kind]

    @require_GET
    @vary_on_cookie
    @cached_for_visitors
    def view(request: HttpRequest) -> HttpResponse:
        resolution = state_resolve(request)
        context: dict[str, object] = {
            "line": Line.HOME,
            "kind": kind,
            "page": page,
            "section": page["section"],
            "list_url": reverse(KIND_URLS[kind]),
            **_state_context(request, resolution),
        }
        context["table"] = _cached_html(
            "compare", "catalog/compare_table.html", resolution, context, line=Line.HOME, kind=kind
        )
        return render(request, "catalog/compare.html", context)

    view.__name__ = f"{kind}_compare"
    return view


phone_compare = _compare_view(Kind.PHONE_LINE)
internet_compare = _compare_view(Kind.INTERNET)
bundle_compare = _compare_view(Kind.BUNDLE)
home_list = _line_view(Line.HOME)
phone_list = _line_view(Line.HOME, Kind.PHONE_LINE)
internet_list = _line_view(Line.HOME, Kind.INTERNET)
bundle_list = _line_view(Line.HOME, Kind.BUNDLE)
retail_list = _line_view(Line.RETAIL)
carrier_list = _line_view(Line.CARRIER)


@require_GET
@vary_on_cookie
@cached_for_visitors
def product_detail(request: HttpRequest, slug: str) -> HttpResponse:
    resolution = state_resolve(request)
    strategy = resolution.strategy
    product = selectors.product_get_active(slug=slug, strategy=strategy)
    if product is None:
        raise Http404("No such product.")
    price = strategy.price(product) if strategy else None
    offered_in = [] if price else selectors.product_states_offered(product=product)
    return render(
        request,
        "catalog/product_detail.html",
        {
            "product": product,
            "price": price,
            "offered_in": offered_in,
            "section": LINE_PAGES[product.line]["section"],
            "line_page": LINE_PAGES[product.line],
            "line_url": reverse(f"catalog:{product.line}"),
            **_state_context(request, resolution),
        },
    )


def _with_state(path: str, state: str) -> str:
    parts = urlsplit(path)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != STATE_PARAM]
    query.append((STATE_PARAM, state))
    return urlunsplit(("", "", parts.path, urlencode(query), ""))


@require_http_methods(["GET", "POST"])
@same_origin_post()
def state_choose(request: HttpRequest) -> HttpResponse:
    """GET with a state or ZIP: show that state's prices without a cookie (?state=XX).
    POST: remember the state in the state cookie. POST with "forget": remove the cookie.

    The shop's cached pages and the home page post their ZIP form here without a CSRF token
    (a cached page cannot hold one): the browser's same-origin headers stand in for it."""
    resolution = state_resolve(request)
    if request.method == "POST" and "forget" in request.POST:
        response = HttpResponseRedirect(safe_next(request.POST.get("next")))
        state_cookie_clear(response)
        return response
    data = request.POST if request.method == "POST" else request.GET
    submitted = request.method == "POST" or "state" in data or "zip_code" in data
    if not submitted:
        form = StateChoiceForm(initial={"next": safe_next(request.GET.get("next"))})
        return _chooser_page(request, form, resolution, status=200)
    form = StateChoiceForm(data)
    if not form.is_valid():
        return _chooser_page(request, form, resolution, status=400)
    state = form.cleaned_data["resolved_state"]
    next_path = form.cleaned_data["next"]
    if request.method == "POST":
        response = HttpResponseRedirect(next_path)
        state_cookie_set(response, state=state)
        return response
    return HttpResponseRedirect(_with_state(next_path, state))


def _chooser_page(
    request: HttpRequest, form: StateChoiceForm, resolution: StateResolution, *, status: int
) -> HttpResponse:
    return render(
        request,
        "catalog/state_choose.html",
        {
            "section": "home",
            "form": form,
            "resolution": resolution,
            "saved_state": resolution.state if resolution.source == "cookie" else None,
            "next_path": form["next"].value() or reverse("catalog:index"),
        },
        status=status,
    )


@require_GET
def availability(request: HttpRequest) -> HttpResponse:
    if "zip_code" not in request.GET:
        return render(
            request,
            "catalog/availability.html",
            {"section": "home", "form": AvailabilityForm(), "result": None},
        )
    form = AvailabilityForm(request.GET)
    if not form.is_valid():
        return render(
            request,
            "catalog/availability.html",
            {"section": "home", "form": form, "result": None},
            status=400,
        )
    result = selectors.availability_check(
        zip_code=form.cleaned_data["zip_code"], street=form.cleaned_data["street"] or None
    )
    if result.message:
        form.add_error("zip_code", result.message)
    return render(
        request,
        "catalog/availability.html",
        {"section": "home", "form": form, "result": result if not result.message else None},
        status=400 if result.message else 200,
    )
