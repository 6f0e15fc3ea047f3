"""Staff pages need two-step sign-in whatever the request line or headers say (P23, B6).

Every route of the URLconf is walked (``urlwalk``), so a staff page added later is covered
without editing this file. ``SCRIPT_NAME`` is sent as the WSGI environ key, which is what a
server that believes a ``SCRIPT_NAME`` header (or is configured with one) hands the app.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.test import Client, RequestFactory, override_settings
from django.urls import resolve

from azultel.accounts.models import User
from azultel.accounts.roles import ROLES
from azultel.accounts.testing import customer_create, staff_create
from azultel.core.staff_pages import is_staff_page
from azultel.core.testing.urlwalk import Route, resolvable_paths, routes
from azultel.core.testing.wsgi_client import WSGIClient
from azultel.privacy.models import SensitiveAccess
from azultel.privacy.services import subject_for_user
from azultel.privacy.tests.factories import IdentitySampleFactory

ROLE_KEYS = [r.key for r in ROLES]
SETUP_PATH = "/account/2fa/totp/activate/"

# Sent together, after the same request without them: none may change what the site decides.
POISONED: dict[str, str] = {
    "SCRIPT_NAME": "/x",
    "HTTP_X_FORWARDED_HOST": "evil.example",
    "HTTP_X_FORWARDED_FOR": "203.0.113.9",
    "HTTP_X_FORWARDED_PROTO": "https",
    "HTTP_X_SCRIPT_NAME": "/x",
    "HTTP_FORWARDED": "for=203.0.113.9;host=evil.example;proto=https",
}


@pytest.fixture(autouse=True)
def _bounded_messages(settings: Any) -> None:
    """Each refusal adds a notice that the next rendered page would show; these walks render
    none, so the notices go to the size-capped cookie storage instead of piling up in the
    session (which made every request slower than the last)."""
    settings.MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"


@pytest.fixture
def walked(db: None) -> list[tuple[Route, str]]:
    """Every route with a path to it, parameters filled with real rows where a page has one."""
    customer = customer_create(email="owner@example.com", family_name="Lopez")
    sample = IdentitySampleFactory(holder=subject_for_user(user=customer), ssn="078-05-1120")
    samples = {
        "public_id": str(customer.public_id),
        "model_label": "privacy_testapp.identitysample",
        "pk": str(sample.pk),
        "field": "ssn",
        "id": str(customer.pk),
        "content_type_id": str(ContentType.objects.get_for_model(User).pk),
    }
    walked = []
    for route, _ in resolvable_paths(samples):
        walked.append((route, route.path({**samples, **_admin_object(route, customer)})))
    return walked


def _admin_object(route: Route, customer: User) -> dict[str, str]:
    """The first row of the model an admin object URL names (the customer for view-on-site)."""
    if route.name == "admin:view_on_site":
        return {"object_id": str(customer.pk)}
    for model in admin.site._registry:
        if f"{model._meta.app_label}/{model._meta.model_name}/" in route.route:
            first = model._default_manager.order_by("pk").values_list("pk", flat=True).first()
            return {"object_id": str(first)} if first is not None else {}
    return {}


def _staff_paths(walked: list[tuple[Route, str]]) -> list[str]:
    return [path for route, path in walked if route.is_staff]


def _decision(response: Any) -> tuple[int, str]:
    """What the site decided: the status and where it sends the browser (prefix left out)."""
    return response.status_code, response.get("Location", "").replace("/x/", "/")


def _refused_for_missing_two_step(response: Any) -> bool:
    if response.status_code == 403:
        return True
    return response.status_code == 302 and response["Location"].split("?")[0].endswith(SETUP_PATH)


def _signed_in(user: User | None) -> Client:
    client = WSGIClient()
    if user is not None:
        client.force_login(user)
    return client


def _without_two_step(role: str) -> User:
    return staff_create(role=role, two_factor=False)


def _superuser(*, two_factor: bool) -> User:
    boss = staff_create(role="administrator", two_factor=two_factor)
    boss.is_superuser = True
    boss.save(update_fields=["is_superuser"])
    return boss


def _role_member_without_staff_flag() -> User:
    member = _without_two_step("customer_care")
    member.is_staff = False
    member.save(update_fields=["is_staff"])
    return member


def test_every_route_under_staff_or_the_admin_is_a_staff_page(
    walked: list[tuple[Route, str]],
) -> None:
    """The decision is taken on the resolved view: every staff route must carry the mark."""
    factory = RequestFactory()
    unmarked = []
    for route, path in walked:
        request = factory.get(path)
        request.resolver_match = resolve(path)
        if is_staff_page(request, request.resolver_match.func) != route.is_staff:
            unmarked.append(route.route)

    assert unmarked == []
    assert sum(1 for r in routes() if r.is_staff) > 100  # the admin's routes are in the walk


@pytest.mark.promise("P23")
@pytest.mark.promise("B6")
@override_settings(FORCE_SCRIPT_NAME=None)
def test_a_script_name_never_opens_a_staff_page_without_two_step_sign_in(
    walked: list[tuple[Route, str]],
) -> None:
    """Every staff and admin route with SCRIPT_NAME=/x, as staff without TOTP: GET and POST for
    a superuser, GET for a role member with and without the staff flag.

    ``FORCE_SCRIPT_NAME=None`` (Django's default, overriding the project's ``""``) lets the
    server's SCRIPT_NAME through, as in the reported bypass: the refusal must not need the
    setting.
    """
    boss = _signed_in(_superuser(two_factor=False))
    agent = _signed_in(_without_two_step("customer_care"))
    member = _signed_in(_role_member_without_staff_flag())
    served = []

    for path in _staff_paths(walked):
        for who, send in (
            ("superuser GET", boss.get),
            ("superuser POST", boss.post),
            ("customer care GET", agent.get),
            ("role member without staff flag GET", member.get),
        ):
            response = send(path, SCRIPT_NAME="/x")
            if not _refused_for_missing_two_step(response):
                served.append((who, path, response.status_code))

    assert served == []
    assert SensitiveAccess.objects.count() == 0  # no reveal was attempted, let alone granted


def _walk(
    client: Client, walked: list[tuple[Route, str]], *, staff_refused: bool
) -> tuple[list[Any], dict[str, tuple[int, str]]]:
    """GET every path plain and with the poisoned headers; the differences and, for people
    who must be refused, the staff pages served."""
    problems: list[Any] = []
    plain: dict[str, tuple[int, str]] = {}
    for route, path in walked:
        plain[path] = _decision(client.get(path))
        if staff_refused and route.is_staff and plain[path][0] < 300:
            problems.append(("served", path, plain[path]))
        poisoned = _decision(client.get(path, **POISONED))
        if poisoned != plain[path]:
            problems.append(("changed by the headers", path, plain[path], poisoned))
    return problems, plain


def _role_walk(walked: list[tuple[Route, str]]) -> list[tuple[Route, str]]:
    """What each role is walked through: every staff route outside the admin, the admin's own
    pages and each model's list. (The superuser walks every staff route.)"""
    chosen = []
    for route, path in walked:
        if not route.is_staff:
            continue
        of_a_model = any(
            f"{m._meta.app_label}/{m._meta.model_name}/" in route.route
            for m in admin.site._registry
        )
        if not of_a_model or route.name.endswith("_changelist"):
            chosen.append((route, path))
    return chosen


@pytest.mark.promise("P23")
@pytest.mark.parametrize("who", ["anonymous", "customer"])
def test_url_walk_no_staff_page_for_visitors_and_customers_whatever_the_headers(
    walked: list[tuple[Route, str]], who: str
) -> None:
    client = _signed_in(customer_create() if who == "customer" else None)

    problems, plain = _walk(client, walked, staff_refused=True)

    assert problems == []
    assert plain["/"][0] == 200 and plain["/legal/privacy/"][0] == 200  # the walk reached pages


@pytest.mark.promise("P23")
@pytest.mark.promise("B6")
def test_url_walk_no_staff_page_without_two_step_sign_in_whatever_the_headers(
    walked: list[tuple[Route, str]],
) -> None:
    """Every role, a superuser and a role member without the staff flag, all without TOTP."""
    staff_walk = [(route, path) for route, path in walked if route.is_staff]
    people = [(_superuser(two_factor=False), staff_walk)]
    people.append((_role_member_without_staff_flag(), staff_walk))
    people += [(_without_two_step(role), _role_walk(walked)) for role in ROLE_KEYS]
    problems = []

    for person, walk in people:
        found, plain = _walk(_signed_in(person), walk, staff_refused=True)
        problems += [(person.email, *p) for p in found]
        assert plain["/staff/"][1].startswith(SETUP_PATH)

    assert problems == []


@pytest.mark.promise("P23")
def test_url_walk_headers_never_change_what_staff_with_two_step_sign_in_get(
    walked: list[tuple[Route, str]],
) -> None:
    """Positive control as well: with TOTP, each role gets its staff home page and the
    superuser every admin list, so the walks above reached real pages. (Each model's add,
    change, delete and history pages are left out here: rendering them all twice is slow, and
    the refusals above cover them.)"""
    role_walk = _role_walk(walked)
    admin_lists = [p for r, p in role_walk if r.name.endswith("_changelist")]
    problems = []

    for role in ROLE_KEYS:
        found, plain = _walk(_signed_in(staff_create(role=role)), role_walk, staff_refused=False)
        problems += [(role, *p) for p in found]
        assert plain["/staff/"][0] == 200, role
    found, plain = _walk(_signed_in(_superuser(two_factor=True)), role_walk, staff_refused=False)
    problems += [("superuser", *p) for p in found]

    assert problems == []
    assert len(admin_lists) >= 15 and all(plain[p][0] == 200 for p in admin_lists)
