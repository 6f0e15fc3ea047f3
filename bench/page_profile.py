"""Where a page's time goes: templates, queries and the rest (middleware and view code).

Run inside a project process (``python -m bench.page_profile`` with the scratch database's
environment; ``bench_pages`` does this for you). Each page is requested ``--repeat`` times with
Django's test client, signed out and as the demo customer / a demo staff member, and the mean of
the warm requests is printed: total ms, ms rendering templates (outermost render only), ms in
database queries, the rest, and the number of queries. ``--pyinstrument PATH`` prints one page's
call tree instead (pip install pyinstrument).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass
class Timing:
    total_ms: float = 0.0
    template_ms: float = 0.0
    query_ms: float = 0.0
    queries: int = 0
    status: int = 0
    cpu_ms: float = 0.0

    @property
    def other_ms(self) -> float:
        return self.total_ms - self.template_ms - self.query_ms


class _Meter:
    def __init__(self) -> None:
        self.timing = Timing()
        self.depth = 0

    def query(self, execute: Callable[..., object], sql: str, params: object, many: bool,
              context: object) -> object:  # fmt: skip
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.timing.query_ms += (time.perf_counter() - start) * 1000
            self.timing.queries += 1


@contextmanager
def _metered() -> Iterator[_Meter]:
    from django.db import connection
    from django.template.base import Template

    meter = _Meter()
    original = Template.render

    def render(self: Template, context: object) -> object:
        meter.depth += 1
        start = time.perf_counter()
        try:
            return original(self, context)  # type: ignore[arg-type]
        finally:
            meter.depth -= 1
            if meter.depth == 0:
                # Queries run while rendering (lazy querysets) count as queries, not templates.
                meter.timing.template_ms += (time.perf_counter() - start) * 1000

    Template.render = render  # type: ignore[method-assign]
    try:
        with connection.execute_wrapper(meter.query):
            start, cpu = time.perf_counter(), time.process_time()
            yield meter
            meter.timing.total_ms = (time.perf_counter() - start) * 1000
            meter.timing.cpu_ms = (time.process_time() - cpu) * 1000
    finally:
        Template.render = original  # type: ignore[method-assign]


def pages() -> list[tuple[str, str, str]]:
    """(who, label, path) for each page measured: who is "out", "customer" or "staff"."""
    from azultel.accounts.models import User
    from azultel.billing.models import Bill

    maria = User.objects.get(email="maria.lopez@demo.azultel.test")
    bill = Bill.objects.filter(account__customer=maria).order_by("-issued_at").first()
    bill_path = f"/account/bills/{bill.pk}/" if bill else "/account/bills/"
    shop = [
        ("home", "/"),
        ("shop", "/shop/home/?state=FL"),
        ("plan", "/shop/p/fiber-300/?state=FL"),
        ("directory search", "/directory/?name=Lopez&state=FL"),
    ]
    signed_in = [
        ("cart", "/order/cart/"),
        ("checkout: address", "/order/checkout/address/"),
        ("checkout: listing", "/order/checkout/listing/"),
        ("checkout: billing", "/order/checkout/billing/"),
        ("checkout: payment", "/order/checkout/payment/"),
        ("checkout: review", "/order/checkout/review/"),
        ("account home", "/account/"),
        ("services", "/account/services/"),
        ("bills", "/account/bills/"),
        ("a bill", bill_path),
        ("privacy centre", "/account/privacy/"),
    ]
    rows = [("out", "trivial view", "/bench-trivial/?counted=1")]
    rows += [("out", label, path) for label, path in shop + signed_in[:1]]
    rows += [("customer", label, path) for label, path in shop + signed_in]
    rows += [
        ("care", "staff: order queue", "/staff/orders/"),
        ("billing", "staff: customer lookup", "/staff/billing/?q=lopez"),
    ]
    return rows


def _clients() -> dict[str, object]:
    from allauth.mfa.models import Authenticator
    from django.test import Client

    from azultel.accounts.models import User

    out = Client()
    customer = Client()
    customer.force_login(User.objects.get(email="maria.lopez@demo.azultel.test"))
    customer.post("/order/add/fiber-300/", {"state": "FL", "quantity": "1"})
    customer.get("/order/checkout/")  # starts the checkout: its first step answers
    clients: dict[str, object] = {"out": out, "customer": customer}
    for who in ("care", "billing"):
        staff_user = User.objects.get(email=f"{who}@demo.azultel.test")
        totp = Authenticator.objects.filter(user=staff_user, type=Authenticator.Type.TOTP)
        if not totp.exists():  # staff pages need two-step sign-in turned on
            Authenticator.objects.create(
                user=staff_user, type=Authenticator.Type.TOTP, data={"secret": "bench"}
            )
        staff = Client()
        staff.force_login(staff_user)
        clients[who] = staff
    return clients


def measure(repeat: int) -> list[tuple[str, str, str, Timing]]:
    clients = _clients()
    results = []
    for who, label, path in pages():
        client = clients[who]
        client.get(path, HTTP_HOST="127.0.0.1")  # type: ignore[attr-defined]  # warm up
        sums = Timing()
        for _ in range(repeat):
            with _metered() as meter:
                response = client.get(path, HTTP_HOST="127.0.0.1")  # type: ignore[attr-defined]
            t = meter.timing
            sums.total_ms += t.total_ms
            sums.template_ms += t.template_ms
            sums.query_ms += t.query_ms
            sums.cpu_ms += t.cpu_ms
            sums.queries = t.queries
            sums.status = response.status_code
        mean = Timing(
            sums.total_ms / repeat, sums.template_ms / repeat, sums.query_ms / repeat,
            sums.queries, sums.status, sums.cpu_ms / repeat,
        )  # fmt: skip
        results.append((who, label, path, mean))
    return results


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--pyinstrument", metavar="PATH")
    parser.add_argument("--who", default="customer")
    parser.add_argument("--cookies", action="store_true", help="print each signed-in cookie")
    parser.add_argument("--tsv", action="store_true", help="machine-readable rows")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "azultel.config.settings")
    import django

    django.setup()
    if args.pyinstrument:
        from pyinstrument import Profiler

        client = _clients()[args.who]
        client.get(args.pyinstrument, HTTP_HOST="127.0.0.1")  # type: ignore[attr-defined]
        with Profiler(interval=0.0005) as profiler:
            for _ in range(args.repeat):
                client.get(args.pyinstrument, HTTP_HOST="127.0.0.1")  # type: ignore[attr-defined]
        print(profiler.output_text(unicode=False, color=False, show_all=False))
        return 0
    if args.cookies:
        from django.conf import settings

        name = settings.SESSION_COOKIE_NAME
        for who, client in _clients().items():
            cookies = client.cookies  # type: ignore[attr-defined]
            value = f"{name}={cookies[name].value}" if name in cookies else ""
            print(f"COOKIE\t{who}\t{value}")
        return 0
    if args.tsv:
        for who, label, path, t in measure(args.repeat):
            print(f"ROW\t{who}\t{label}\t{path}\t{t.status}\t{t.queries}\t{t.total_ms:.1f}")
        return 0
    print(f"{'who':<9}{'page':<24}{'status':>6}{'total':>8}{'tmpl':>8}{'query':>8}{'other':>8}"
          f"{'queries':>8}{'cpu':>8}")  # fmt: skip
    for who, label, _path, t in measure(args.repeat):
        print(
            f"{who:<9}{label:<24}{t.status:>6}{t.total_ms:>8.1f}{t.template_ms:>8.1f}"
            f"{t.query_ms:>8.1f}{t.other_ms:>8.1f}{t.queries:>8}{t.cpu_ms:>8.1f}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
