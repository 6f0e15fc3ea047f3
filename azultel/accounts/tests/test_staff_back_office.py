"""The staff back office (issue 14): the staff frame, the staff home by role with its queues,
the "not part of your role" page, and a new staff member's first sign-in (P23, B6)."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from azultel.accounts.models import RoleGrant, RoleGrantStatus, User
from azultel.accounts.testing import (
    customer_create,
    reauthenticate,
    sign_in,
    staff_create,
    totp_code,
)
from azultel.accounts.tests.factories import RoleGrantFactory, UserFactory
from azultel.comms.models import MessageStatus
from azultel.comms.tests.factories import OutboxMessageFactory


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _waiting_requests(count: int, *, by: User) -> None:
    for _ in range(count):
        RoleGrantFactory(target=UserFactory(), role="billing", reason="new", requested_by=by)


# --- The frame and the menu ---------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "path"),
    [
        ("administrator", "/staff/"),
        ("administrator", "/staff/customers/?q=Lopez"),
        ("administrator", "/staff/roles/"),
        ("privacy_officer", "/staff/outbox/"),
        ("privacy_officer", "/staff/mailbox/"),
        ("privacy_officer", "/staff/directory/feed/"),
        ("analyst", "/staff/stats/"),
        ("directory_operator", "/staff/directory/"),
        ("customer_care", "/staff/orders/"),
        ("billing", "/staff/billing/"),
    ],
)
def test_every_staff_page_uses_the_staff_frame_without_customer_tabs(role: str, path: str) -> None:
    response = _client(staff_create(role=role)).get(path)

    html = response.content.decode()
    assert response.status_code == 200
    assert "staff_base.html" in [t.name for t in response.templates]
    assert 'class="staff-nav"' in html
    assert 'class="primary-nav"' not in html  # the customer header's shop navigation
    assert "Your account" not in html


@pytest.mark.django_db
def test_the_menu_lists_only_the_roles_tools_and_marks_the_current_page() -> None:
    html = _client(staff_create(role="privacy_officer")).get("/staff/outbox/").content.decode()
    menu = html[html.index('class="staff-nav"') : html.index("</nav>", html.index("staff-nav"))]

    assert re.search(r'href="/staff/outbox/" aria-current="page"', menu)
    assert 'href="/staff/mailbox/"' in menu and 'href="/staff/directory/feed/"' in menu
    assert menu.count('aria-current="page"') == 1
    for other in ("/staff/orders/", "/staff/billing/", "/staff/stats/", "/staff/roles/"):
        assert f'href="{other}"' not in menu


# --- The staff home -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_staff_home_groups_tools_by_role_with_their_queue_counts() -> None:
    officer = staff_create(role="privacy_officer")
    for status in (MessageStatus.FAILED, MessageStatus.FAILED, MessageStatus.SENT):
        OutboxMessageFactory(to_address="x@example.com", subject_line="s", status=status)

    html = _client(officer).get("/staff/").content.decode()

    assert '<h2 id="role-1">Privacy officer</h2>' in html
    assert (
        '<a href="/staff/outbox/?status=failed"><span class="stat-tile__value">2</span>'
        '<span class="stat-tile__label">Emails that failed</span></a>'
    ) in html
    assert re.search(
        r'<a href="/staff/outbox/\?status=failed"><span class="badge badge--warning">2</span> '
        r"emails that failed</a>",
        html,
    )
    assert "Order queue" not in html and "requests waiting for approval" not in html


@pytest.mark.django_db
def test_a_member_of_two_roles_sees_both_sections_and_a_shared_tool_under_each() -> None:
    member = staff_create(role="billing")
    from azultel.accounts.role_grants import role_assign_by_system

    role_assign_by_system(user=member, role="customer_care", component="tests")

    html = _client(member).get("/staff/").content.decode()

    assert html.index(">Customer care</h2>") < html.index(">Billing</h2>")
    assert html.count('<a href="/staff/customers/">Customer lookup</a>') == 2
    assert "orders in progress" in html and "payments declined in the last 30 days" in html


@pytest.mark.django_db
def test_the_staff_home_runs_the_same_queries_whatever_the_number_of_rows() -> None:
    boss = staff_create(role="administrator")
    asker = staff_create(role="administrator")
    client = _client(boss)
    _waiting_requests(1, by=asker)
    client.get("/staff/")
    with CaptureQueriesContext(connection) as few:
        first = client.get("/staff/")
    _waiting_requests(7, by=asker)

    with CaptureQueriesContext(connection) as many:
        second = client.get("/staff/")

    assert '<span class="badge badge--warning">1</span> requests waiting' in first.content.decode()
    assert '<span class="badge badge--warning">8</span> requests waiting' in second.content.decode()
    assert len(many.captured_queries) == len(few.captured_queries)
    counts = [q["sql"] for q in many.captured_queries if "COUNT(" in q["sql"].upper()]
    assert len(counts) == 1  # one queue for the administrator's tools, one query


# --- A page the role lacks ----------------------------------------------------------------------


@pytest.mark.promise("P23")
@pytest.mark.django_db
def test_staff_opening_a_page_outside_their_role_see_the_styled_role_page() -> None:
    boss = staff_create(role="administrator")
    analyst = staff_create(role="analyst")

    response = _client(analyst).get("/staff/orders/")

    html = response.content.decode()
    assert response.status_code == 403
    assert "This page is not part of your role" in html
    assert "Your roles: Analyst" in html
    assert 'href="/staff/"' in html and f"mailto:{boss.email}" in html
    assert "staff_base.html" in [t.name for t in response.templates]
    assert 'href="/staff/stats/"' in html  # their own tools stay in reach


@pytest.mark.promise("P23")
@pytest.mark.django_db
def test_a_refused_post_by_staff_also_gets_the_role_page_and_changes_nothing() -> None:
    customer = customer_create()
    analyst = staff_create(role="analyst")

    response = _client(analyst).post(
        "/staff/roles/request/", {"email": customer.email, "role": "billing", "reason": "x"}
    )

    assert response.status_code == 403
    assert "This page is not part of your role" in response.content.decode()
    assert RoleGrant.objects.count() == 0


@pytest.mark.promise("P23")
@pytest.mark.django_db
def test_customers_and_visitors_keep_the_sites_own_answers() -> None:
    customer = customer_create()

    as_customer = _client(customer).get("/staff/orders/")
    home_as_customer = _client(customer).get("/staff/")
    anonymous = Client().get("/staff/orders/")

    for response in (as_customer, home_as_customer):
        assert response.status_code == 403
        assert "not part of your role" not in response.content.decode()
        assert "site/error.html" in [t.name for t in response.templates]
    assert anonymous.status_code == 302 and "/account/login/" in anonymous["Location"]


@pytest.mark.promise("P23")
@pytest.mark.django_db
def test_a_customer_page_refusal_is_never_the_staff_role_page() -> None:
    """The decision is the resolved view's: a staff member refused a non-staff view (here the
    CPNI download without the password in this session) gets that page's own answer."""
    analyst = staff_create(role="analyst")

    response = _client(analyst).get("/account/my-data/download/")

    assert "not part of your role" not in response.content.decode()


# --- A new staff member's first sign-in ---------------------------------------------------------


@pytest.mark.promise("P23")
@pytest.mark.promise("B6")
@pytest.mark.django_db
def test_onboarding_password_then_two_step_set_up_then_the_staff_home() -> None:
    # Given an account whose password was set at registration, and a role two administrators
    # agreed on through the staff roles page.
    newcomer = customer_create(email="new.agent@example.com")
    asker, approver = staff_create(role="administrator"), staff_create(role="administrator")
    _client(asker).post(
        "/staff/roles/request/",
        {"email": newcomer.email, "role": "customer_care", "reason": "joins customer care"},
    )
    grant = RoleGrant.objects.get(target=newcomer)
    _client(approver).post(f"/staff/roles/requests/{grant.pk}/approve/")
    client = Client()

    # When they sign in with that password for the first time...
    signed_in = sign_in(client, newcomer)
    home_first = client.get(signed_in["Location"])
    setup_page = client.get(home_first["Location"])
    secret = setup_page.context["form"].secret
    activated = client.post("/account/2fa/totp/activate/", {"code": totp_code(secret)})
    landed = client.get(activated["Location"])

    # ...they set up two-step sign-in and land on the staff home, with their recovery codes one
    # link away.
    assert RoleGrant.objects.get(pk=grant.pk).status == RoleGrantStatus.APPROVED
    assert signed_in["Location"] == "/staff/"
    assert home_first.status_code == 302
    assert home_first["Location"].startswith("/account/2fa/totp/activate/")
    assert setup_page.status_code == 200
    assert activated["Location"] == "/staff/"
    assert landed.status_code == 200
    html = landed.content.decode()
    assert "Two-step sign-in is on" in html and 'href="/account/2fa/recovery-codes/"' in html
    assert "Order queue" in html
    assert "Two-step sign-in is on" not in client.get("/staff/").content.decode()

    # And next time: password, then a code, then the staff home; no set-up again.
    client.post("/account/logout/")
    cache.clear()  # allauth refuses a code twice; the app would show the next 30-second code
    later = Client()
    password = sign_in(later, newcomer)
    code = later.post("/account/2fa/authenticate/", {"code": totp_code(secret)})
    assert password["Location"] == "/account/2fa/authenticate/"
    assert code["Location"] == "/staff/"
    assert later.get("/staff/").status_code == 200


@pytest.mark.django_db
def test_customers_still_land_on_their_account_and_keep_allauths_recovery_codes_step() -> None:
    customer = customer_create()
    client = Client()

    signed_in = sign_in(client, customer)
    asked_again = client.get("/account/2fa/totp/activate/")
    reauthenticate(client)
    setup_page = client.get("/account/2fa/totp/activate/")
    activated = client.post(
        "/account/2fa/totp/activate/", {"code": totp_code(setup_page.context["form"].secret)}
    )

    assert signed_in["Location"] == "/account/"
    assert "/account/reauthenticate/" in asked_again["Location"]  # B6, as before
    assert activated["Location"] == "/account/2fa/recovery-codes/"


@pytest.mark.promise("B6")
@pytest.mark.django_db
def test_the_no_second_password_exception_is_only_for_a_fresh_first_set_up() -> None:
    from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY

    newcomer = staff_create(role="analyst", two_factor=False)
    stale = Client()
    sign_in(stale, newcomer)
    session = stale.session
    records = session[AUTHENTICATION_METHODS_SESSION_KEY]
    records[-1]["at"] -= 301  # the sign-in is older than the re-authentication window
    session[AUTHENTICATION_METHODS_SESSION_KEY] = records
    session.save()
    veteran = staff_create(role="analyst")  # two-step sign-in already on
    with_factor = Client()
    with_factor.force_login(veteran)

    stale_setup = stale.get("/account/2fa/totp/activate/")
    new_codes = with_factor.get("/account/2fa/recovery-codes/generate/")

    assert "/account/reauthenticate/" in stale_setup["Location"]
    assert "/account/reauthenticate/" in new_codes["Location"]


@pytest.mark.django_db
def test_inside_a_tool_the_menu_marks_the_tool_as_the_current_section() -> None:
    customer = customer_create()
    html = (
        _client(staff_create(role="customer_care"))
        .get(f"/staff/customers/{customer.public_id}/")
        .content.decode()
    )

    assert 'href="/staff/customers/" aria-current="true"' in html
    assert 'aria-current="page"' not in html.split('class="staff-nav"')[1].split("</nav>")[0]
