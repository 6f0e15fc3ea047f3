"""The statistics dashboard and its exports (staff), and the page-load beacon (public)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.conf import settings
from django.contrib.auth.decorators import login_required, permission_required
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from azultel.analytics import clock, selectors, services
from azultel.analytics.buffer import buffer_add
from azultel.analytics.charts import ChartSeries, bar_chart, line_chart
from azultel.analytics.collection import load_hit, uncounted_prefixes
from azultel.analytics.forms import BEACON_MAX_BYTES, BeaconError, RangeForm, beacon_parse
from azultel.analytics.useragents import client_classify
from azultel.core.csv_safe import csv_writer
from azultel.core.ratelimit import client_fingerprint, rate_limit_hit
from azultel.privacy.aggregates import partner_k

PERMISSION = "analytics.view_dashboard"

# The dashboard's sub-pages (``?tab=``), so no page holds every chart at once: each tab shows
# the breakdowns named here (``selectors._BREAKDOWNS`` keys). Links between tabs keep the period.
DASHBOARD_TABS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("overview", "Overview", ()),
    ("pages", "Pages and speed", ("pages", "entries")),
    ("sources", "Where visitors come from", ("referrers", "campaigns")),
    ("audience", "Browsers, devices and places", ("browsers", "platforms", "devices", "states")),
)


def _dashboard_tab(request: HttpRequest) -> tuple[str, tuple[str, ...], list[dict[str, str]]]:
    """The tab asked for (the overview if none or an unknown one), its breakdowns, and the
    links to every tab with the period kept."""
    asked = request.GET.get("tab", "")
    current = next((t for t in DASHBOARD_TABS if t[0] == asked), DASHBOARD_TABS[0])
    query = request.GET.copy()
    query.pop("tab", None)
    links = []
    for key, label, _keys in DASHBOARD_TABS:
        query["tab"] = key
        links.append({"key": key, "label": label, "query": query.urlencode()})
    return current[0], current[2], links


def _report_range(request: HttpRequest) -> tuple[RangeForm, selectors.ReportRange | None]:
    today = clock.today()
    data = request.GET if "range" in request.GET else {"range": selectors.RangeKind.MONTH}
    form = RangeForm(data, today=today)
    if not form.is_valid():
        return form, None
    cleaned = form.cleaned_data
    return form, selectors.report_range(
        kind=cleaned["range"], today=today, start=cleaned.get("start"), end=cleaned.get("end")
    )


def _charts(report: selectors.DashboardReport) -> dict[str, object]:
    unit_views = "page views"
    period, previous = report.range.label, report.range.previous_label
    labels = [p.label for p in report.series]
    charts: dict[str, object] = {
        "series": line_chart(
            chart_id="chart-views",
            title="Page views and visitors over time",
            description=(
                f"Line chart of page views and visitors per {report.chart_granularity} for "
                f"{period}, with page views of the previous period ({previous}). The table "
                "after the chart lists the same numbers."
            ),
            labels=labels,
            series=[
                ChartSeries("Page views", [p.views for p in report.series], "series-views"),
                ChartSeries("Visitors", [p.visitors for p in report.series], "series-visitors"),
                ChartSeries(
                    "Page views, previous period",
                    [p.prev_views for p in report.series],
                    "series-previous",
                ),
            ],
            unit=unit_views,
        )
    }
    for breakdown in report.breakdowns:
        charts[breakdown.key] = bar_chart(
            chart_id=f"chart-{breakdown.key}",
            title=breakdown.title,
            description=(
                f"Bar chart of {breakdown.metric_label.lower()} by "
                f"{breakdown.column.lower()} for {period}. The table after the chart lists the "
                "same numbers with the previous period."
            ),
            rows=[(r.label, r.metric(breakdown.metric)) for r in breakdown.rows],
            unit=breakdown.metric_label.lower(),
        )
    charts["timing"] = bar_chart(
        chart_id="chart-timing",
        title="Server time by page (95th percentile)",
        description=(
            f"Bar chart of the time, in milliseconds, within which the server answered 95% of "
            f"the views of each top page, {period}. The table after the chart also gives the "
            "median."
        ),
        rows=[(r.label, r.server_p95 or 0) for r in report.pages_timing],
        unit="ms",
    )
    return charts


@never_cache
@require_GET
@login_required
@permission_required(PERMISSION, raise_exception=True)
def dashboard(request: HttpRequest) -> HttpResponse:
    form, report_range = _report_range(request)
    tab, breakdown_keys, tabs = _dashboard_tab(request)
    context: dict[str, object] = {
        "form": form,
        "report": None,
        "range_kinds": selectors.RangeKind,
        "tab": tab,
    }
    if report_range is None:
        return render(request, "analytics/dashboard.html", context, status=400)
    report = selectors.dashboard_report(report_range=report_range)
    period = request.GET.copy()
    period.pop("tab", None)
    context.update(
        {
            "report": report,
            "charts": _charts(report),
            "query": period.urlencode(),
            "partner_k": partner_k(),
            "tabs": tabs,
            "breakdowns": [b for b in report.breakdowns if b.key in breakdown_keys],
        }
    )
    return render(request, "analytics/dashboard.html", context)


class _Echo:
    """A file-like object for the CSV writer that hands back each line instead of storing it."""

    def write(self, value: str) -> str:
        return value


def _csv_lines(header: Iterable[object], rows: Iterable[Iterable[object]]) -> Iterator[str]:
    writer = csv_writer(_Echo())
    yield writer.writerow(header)
    for row in rows:
        yield writer.writerow(row)


def _csv_response(filename: str, lines: Iterator[str]) -> StreamingHttpResponse:
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@require_GET
@login_required
@permission_required(PERMISSION, raise_exception=True)
def export_csv(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    """The period's rollups (counts per bucket, dimension and value) as CSV."""
    _form, report_range = _report_range(request)
    if report_range is None:
        return HttpResponse("Choose a valid period.", status=400, content_type="text/plain")
    services.export_record(
        actor=request.user, kind="rollups", start=report_range.start, end=report_range.end
    )
    rows = selectors.rollup_export_rows(report_range=report_range)
    name = f"azultel-statistics-{report_range.start}-{report_range.end}.csv"
    return _csv_response(name, _csv_lines(selectors.CSV_HEADER, rows))


@never_cache
@require_GET
@login_required
@permission_required(PERMISSION, raise_exception=True)
def export_partner(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    """The partner report: daily counts per value, every cell under k suppressed (P16), and
    the cells that would give a suppressed one away by subtraction with it."""
    _form, report_range = _report_range(request)
    if report_range is None:
        return HttpResponse("Choose a valid period.", status=400, content_type="text/plain")
    services.export_record(
        actor=request.user, kind="partner", start=report_range.start, end=report_range.end
    )
    rows = selectors.partner_rows(
        start=report_range.start,
        end=report_range.end,
        dimensions=list(selectors.PARTNER_DIMENSIONS),
    )
    name = f"azultel-partner-report-{report_range.start}-{report_range.end}.csv"
    return _csv_response(
        name,
        _csv_lines(selectors.PARTNER_HEADER, (r.csv_row() for r in rows)),
    )


def _beacon_error(status: int, message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def _same_site(request: HttpRequest) -> bool:
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site in ("same-origin", "none")
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    return origin in (settings.SITE_URL.rstrip("/"), f"{request.scheme}://{request.get_host()}")


@csrf_exempt  # sendBeacon cannot send a CSRF token; the endpoint stores one anonymous number
@require_POST
def timing_beacon(request: HttpRequest) -> HttpResponse:
    """POST /stats/timing: one page's load time from the browser. 204, or 4xx for bad input."""
    content_type = request.content_type or ""
    if content_type not in ("application/json", "text/plain", "application/x-www-form-urlencoded"):
        return _beacon_error(415, "Send JSON or a form body.")
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return _beacon_error(400, "Bad Content-Length.")
    if declared > BEACON_MAX_BYTES:
        return _beacon_error(413, f"The body must be at most {BEACON_MAX_BYTES} bytes.")
    if not _same_site(request):
        return _beacon_error(403, "Only this site's pages may report their load time.")
    limit = rate_limit_hit(
        scope="analytics-beacon",
        identity=client_fingerprint(request, scope="analytics-beacon"),
        limit=settings.ANALYTICS_BEACON_RATE_LIMIT,
        window_seconds=settings.ANALYTICS_BEACON_RATE_WINDOW_SECONDS,
        # Per worker, in memory: a cost guard, and a file or database write per beacon would
        # cost more than the beacon itself (docs/performance.md).
        cache_alias="local",
    )
    if not limit.allowed:
        response = _beacon_error(429, "Too many reports; try again later.")
        response["Retry-After"] = str(limit.retry_after)
        return response
    body = request.read(BEACON_MAX_BYTES + 1)
    if len(body) > BEACON_MAX_BYTES:
        return _beacon_error(413, f"The body must be at most {BEACON_MAX_BYTES} bytes.")
    try:
        path, load_ms = beacon_parse(body, content_type)
    except BeaconError as exc:
        return _beacon_error(400, str(exc))
    # Staff pages and bots are accepted and left uncounted, like their page views.
    counted = (
        not path.startswith(uncounted_prefixes())
        and not client_classify(request.headers.get("User-Agent", "")).is_bot
    )
    if settings.ANALYTICS_ENABLED and counted:
        buffer_add(load_hit(path=path, load_ms=load_ms))
    return HttpResponse(status=204)


@require_GET
def bench_trivial(request: HttpRequest) -> HttpResponse:
    """A near-empty page for `make bench` (only when BENCH_TRIVIAL_VIEW is on).

    ``?counted=1`` answers text/html, so the statistics count it; otherwise text/plain, which
    they skip: the difference between the two is the cost of counting.
    """
    if not settings.BENCH_TRIVIAL_VIEW:
        raise Http404("Not here.")
    if request.GET.get("counted") == "1":
        return HttpResponse("<!doctype html><title>ok</title><p>ok</p>", content_type="text/html")
    return HttpResponse("ok", content_type="text/plain")
