"""Every kind of email the site sends, with the values its sender passes (as in the services that
queue it), and the checks every HTML part must pass.

``email_templates()`` finds the emails from the templates themselves (``comms/email/<name>
.subject.txt`` in every app), so a new email without a sample here fails the tests.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, cast

from django.apps import apps
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from azultel.comms.services.html import text_as_html

SITE = "https://www.azultel.example"


@dataclass(frozen=True)
class Sample:
    template: str
    category: str
    context: dict[str, Any]
    # What the email must say, whatever else it says (checked in both parts).
    says: tuple[str, ...] = ()


_ORDER = {
    "greeting_name": "Maria",
    "order_number": "AZ-1001",
    "order_url": f"{SITE}/account/orders/7/",
    "upfront_total": Decimal("94.99"),
    "deposit": Decimal("0.00"),
    "charged": True,
    "monthly_total": Decimal("24.99"),
    "taxes_monthly": Decimal("2.62"),
    "monthly_with_taxes": Decimal("27.61"),
    "lines": [
        {"name": "Home Phone Essential", "quantity": 1},
        {"name": "Cordless DECT phone (2 handsets)", "quantity": 2},
    ],
    "state_name": "Florida",
}
_NOTHING_CHARGED = {
    **_ORDER,
    "upfront_total": Decimal("0.00"),
    "charged": False,
    "monthly_total": Decimal("55.00"),
    "taxes_monthly": Decimal("0.00"),
    "monthly_with_taxes": Decimal("55.00"),
    "lines": [{"name": "Fiber 300/300", "quantity": 1}],
}
_SIGN_IN = f"{SITE}/account/login/?next=/account/bills/"

SAMPLES: dict[str, Sample] = {
    "orders_received": Sample("orders_received", "confirmation", _ORDER, ("AZ-1001",)),
    "orders_confirmed": Sample(
        "orders_confirmed", "confirmation", _ORDER, ("AZ-1001", "$94.99", "$24.99")
    ),
    "orders_confirmed (nothing charged)": Sample(
        "orders_confirmed", "confirmation", _NOTHING_CHARGED, ("Nothing was charged",)
    ),
    "orders_confirmed (nothing monthly)": Sample(
        "orders_confirmed",
        "confirmation",
        {**_ORDER, "monthly_total": Decimal("0.00")},
        ("$94.99", "adds nothing to your monthly bill"),
    ),
    "orders_declined": Sample("orders_declined", "confirmation", _ORDER, ("Nothing was charged",)),
    "orders_active": Sample("orders_active", "confirmation", _ORDER, ("AZ-1001",)),
    "orders_cancelled": Sample("orders_cancelled", "confirmation", _ORDER, ("refunded",)),
    "orders_cancelled (nothing charged)": Sample(
        "orders_cancelled", "confirmation", _NOTHING_CHARGED, ("is cancelled",)
    ),
    "billing_bill_ready": Sample(
        "billing_bill_ready",
        "account_maintenance",
        {
            "given_name": "Maria",
            "period_label": "November 2026",
            "account_last4": "4821",
            "sign_in_url": _SIGN_IN,
        },
        ("November 2026", "4821"),
    ),
    "billing_payment_received": Sample(
        "billing_payment_received",
        "confirmation",
        {
            "given_name": "Maria",
            "amount": "$33.65",
            "card_label": "Visa ending 4242",
            "period_label": "November 2026",
            "bill_number": "B-2026-11-000123",
            "paid_on": "December 4, 2026",
            "automatic": True,
            "bills_url": f"{SITE}/account/bills/",
        },
        ("$33.65", "Visa ending 4242", "B-2026-11-000123"),
    ),
    "billing_autopay_declined": Sample(
        "billing_autopay_declined",
        "account_maintenance",
        {
            "given_name": "Maria",
            "account_last4": "4821",
            "reason": "insufficient funds",
            "sign_in_url": _SIGN_IN,
        },
        ("insufficient funds", "Nothing was charged"),
    ),
    "billing_autopay_stopped": Sample(
        "billing_autopay_stopped",
        "account_maintenance",
        {
            "given_name": "Maria",
            "account_last4": "4821",
            "reason": "the card on file has expired",
            "sign_in_url": _SIGN_IN,
        },
        ("the card on file has expired",),
    ),
    "directory_listing_changed": Sample(
        "directory_listing_changed",
        "service_change",
        {
            "given_name": "Maria",
            "number_last4": "0142",
            "choice_label": "Non-published",
            "explanation": "Your number is not in the phone book or directory assistance.",
        },
        ("0142", "Non-published"),
    ),
    "careers_application_received": Sample(
        "careers_application_received",
        "confirmation",
        {
            "name": "Jane Quintero",
            "job_title": "Field technician",
            "status_url": f"{SITE}/careers/status/abc123/",
            "retention_months": 12,
        },
        ("Field technician", f"{SITE}/careers/status/abc123/", "12 months"),
    ),
    **{
        template: Sample(
            template,
            "reply",
            {
                "name": "Jane Quintero",
                "job_title": "Field technician",
                "personal_message": "Tuesday at 10 am works.",
            },
            ("Field technician", "Tuesday at 10 am works."),
        )
        for template in (
            "careers_interview_invitation",
            "careers_more_information",
            "careers_update",
            "careers_not_selected",
        )
    },
    "referrals_invitation": Sample(
        "referrals_invitation",
        "referral_invitation",
        {
            "sender_name": "Maria Lopez",
            "friend_name": "Ana",
            "note": "We love ours.",
            "product_name": "Fiber 500",
            "link_url": f"{SITE}/shop/p/fiber-500/",
            "report_url": f"{SITE}/tell-a-friend/report/abc123/",
        },
        ("Maria Lopez", "Fiber 500", "We love ours.", "only email", "abc123"),
    ),
    "privacy_policy_change": Sample(
        "privacy_policy_change",
        "policy_notice",
        {
            "given_name": "Maria",
            "version": "3",
            "effective_date": date(2027, 1, 15),
            "summary": "We will send offers chosen from the services you have.",
            "changed_use": "Offers of services you may find useful",
            "opt_out_url": f"{SITE}/privacy/policy/opt-out/abc123/",
            "policy_url": f"{SITE}/privacy/",
        },
        ("January 15, 2027", "abc123"),
    ),
    "notice": Sample(
        "notice",
        "security",
        {
            "title": "Staff role given: billing",
            "paragraphs": ["Sam Staff gave Ana Ruiz the billing role.", "Nothing else changed."],
            "action_url": f"{SITE}/staff/roles/",
            "action_label": "See staff roles",
        },
        ("Sam Staff gave Ana Ruiz the billing role.",),
    ),
    "notice (newsletter)": Sample(
        "notice",
        "newsletter",
        {"title": "Azultel news for December", "paragraphs": ["Faster fiber in Miami."]},
        ("Faster fiber in Miami.", "Unsubscribe"),
    ),
    "notice (referral invitation)": Sample(
        "notice",
        "referral_invitation",
        {"title": "Ana thinks you would like Azultel", "paragraphs": ["Fiber from $40.00."]},
        ("$40.00", "will not write again"),
    ),
    "accounts_verify_email": Sample(
        "accounts_verify_email",
        "confirmation",
        {"given_name": "Ana", "activate_url": f"{SITE}/account/confirm-email/Mg:abc/", "signup": 1},
        ("Mg:abc",),
    ),
    "accounts_verify_email (new address)": Sample(
        "accounts_verify_email",
        "security",
        {"given_name": "Ana", "activate_url": f"{SITE}/account/confirm-email/Mg:def/"},
        ("Mg:def",),
    ),
    "accounts_verify_email (code)": Sample(
        "accounts_verify_email", "security", {"given_name": "Ana", "code": "KX7-PQ2"}, ("KX7-PQ2",)
    ),
    "accounts_password_reset": Sample(
        "accounts_password_reset",
        "requested_info",
        {"given_name": "Ana", "password_reset_url": f"{SITE}/account/password/reset/key/1-abc/"},
        ("1-abc",),
    ),
    "accounts_password_reset (code)": Sample(
        "accounts_password_reset", "requested_info", {"code": "ZT4-9QH"}, ("ZT4-9QH",)
    ),
    "accounts_unknown_account": Sample(
        "accounts_unknown_account",
        "requested_info",
        {"signup_url": f"{SITE}/account/signup/"},
        ("no account uses it",),
    ),
    "accounts_already_registered": Sample(
        "accounts_already_registered", "security", {}, ("already have one",)
    ),
    "accounts_login_code": Sample(
        "accounts_login_code", "security", {"code": "R2D-2C3"}, ("R2D-2C3",)
    ),
    "accounts_notice": Sample("accounts_notice", "security", {}, ("activity",)),
    "accounts_change_notice": Sample(
        "accounts_change_notice",
        "security",
        {
            "given_name": "Ana",
            "change": "password",
            "change_text": "The password of your Azultel account was changed.",
        },
        ("The password of your Azultel account was changed.",),
    ),
    "accounts_change_notice (erased)": Sample(
        "accounts_change_notice",
        "security",
        {"given_name": "Ana", "change": "erased", "change_text": "Your account was deleted."},
        ("Your account was deleted.",),
    ),
}


_BEACON_CAMPAIGN = "7d1f3c2a-5b6e-4f80-9a1b-2c3d4e5f6a7b"
_CAMPAIGN_TEXT = (
    "Faster plans arrive this month.\n\n"
    f"See the plans: {SITE}/m/c/0b9e8d7c-6a5b-4c3d-8e2f-1a0b9c8d7e6f/\n\nThank you."
)
SAMPLES.update(
    {
        # marketing: a campaign (its HTML part carries the anonymous open beacon, P29) and the
        # staff member's test copy.
        "campaign": Sample(
            "campaign",
            "newsletter",
            {
                "campaign_subject": "What's new this December",
                "campaign_body": _CAMPAIGN_TEXT,
                "campaign_body_html": text_as_html(_CAMPAIGN_TEXT, site_url=SITE),
                "beacon_url": f"{SITE}/m/o/{_BEACON_CAMPAIGN}.gif",
                "survey_url": "",
                "given_name": "Maria",
            },
            ("Faster plans arrive this month.",),
        ),
        "campaign_test": Sample(
            "campaign_test",
            "requested_info",
            {
                "campaign_subject": "What's new this December",
                "campaign_body": "Faster plans arrive this month.",
                "campaign_kind": "Newsletter",
                "survey_url": "",
                "given_name": "Mona",
            },
            ("test copy",),
        ),
    }
)

# The one image an email may carry: a campaign's 1x1 open beacon on this site, which names the
# campaign only, or the email slot offer's, whose signed token names its campaign and creative
# only (P29).
_BEACON_SRC = re.compile(
    rf"^{re.escape(SITE)}(?:/m/o/[0-9a-f-]{{36}}|/ads/b/[A-Za-z0-9_:-]{{1,300}})\.gif$"
)


def _is_beacon(tag: str, attrs: dict[str, str]) -> bool:
    return (
        tag == "img"
        and bool(_BEACON_SRC.match(attrs.get("src", "")))
        and (attrs.get("width"), attrs.get("height"), attrs.get("alt")) == ("1", "1", "")
    )


def email_templates() -> set[str]:
    """The name of every email the site can send, from the templates on disk."""
    dirs = cast(list[Any], settings.TEMPLATES[0]["DIRS"])
    folders = [Path(d) / "comms" / "email" for d in dirs]
    folders += [Path(c.path) / "templates" / "comms" / "email" for c in apps.get_app_configs()]
    return {
        path.name.removesuffix(".subject.txt")
        for folder in folders
        if folder.is_dir()
        for path in folder.glob("*.subject.txt")
    }


# --- What an HTML part must be -------------------------------------------------------------------


class ParsedHtml(HTMLParser):
    """The tags (with attributes), the <style> text and the visible text of a document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.styles: list[str] = []
        self.text: list[str] = []
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        if tag not in {"meta", "br", "hr", "img", "link", "input"}:
            self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            while self._open and self._open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        current = self._open[-1] if self._open else ""
        if current == "style":
            self.styles.append(data)
        elif current != "title":
            self.text.append(data)

    def visible_text(self) -> str:
        return " ".join(" ".join(self.text).split())

    def hrefs(self) -> list[str]:
        return [attrs["href"] for tag, attrs in self.tags if tag == "a" and "href" in attrs]


def parse(document: str) -> ParsedHtml:
    parsed = ParsedHtml()
    parsed.feed(document)
    parsed.close()
    return parsed


_URL = re.compile(r"https?://[^\s<>\"]+")
_MONEY = re.compile(r"\$\d[\d,]*(?:\.\d\d)?")
_WITH_DIGITS = re.compile(r"[\w:-]*\d[\w:-]*")


def html_problems(document: str) -> list[str]:
    """Why ``document`` is not an HTML part this site may send (empty when it is)."""
    problems = []
    parsed = parse(document)
    for tag, attrs in parsed.tags:
        if _is_beacon(tag, attrs):
            continue
        if tag in {"script", "img", "link", "iframe", "object", "embed", "video", "audio"}:
            problems.append(f"<{tag}> is not allowed")
        for name, value in attrs.items():
            if name.startswith("on"):
                problems.append(f"<{tag} {name}> is a script")
            if "http" in value.lower() and not (tag == "a" and name == "href"):
                problems.append(f"<{tag} {name}={value!r}> loads something from the web")
            if name == "style" and ("url(" in value or "@import" in value):
                problems.append(f"<{tag} style> loads something: {value!r}")
    style = " ".join(parsed.styles)
    if "@import" in style or "url(" in style or "@font-face" in style:
        problems.append("the <style> block loads something")
    if "@media (prefers-color-scheme: dark)" not in style:
        problems.append("no dark-mode media query")
    # Once inlined, only @media rules are left in <style>: no plain rule a client could drop.
    outside_media = re.sub(r"@media[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}", "", style).strip()
    if outside_media:
        problems.append(f"rules left un-inlined: {outside_media[:80]!r}")
    metas = {attrs.get("name"): attrs.get("content") for tag, attrs in parsed.tags if tag == "meta"}
    if metas.get("color-scheme") != "light dark":
        problems.append('no <meta name="color-scheme" content="light dark">')
    if "width=device-width" not in (metas.get("viewport") or ""):
        problems.append("no viewport meta for phones")
    styled = {tag for tag, attrs in parsed.tags if attrs.get("style")}
    for needed in ("body", "p", "h1"):
        if needed not in styled:
            problems.append(f"<{needed}> has no inline style")
    if not any("max-width: 600px" in attrs.get("style", "") for _, attrs in parsed.tags):
        problems.append("no 600px column")
    return problems


def missing_facts(*, text: str, document: str, says: tuple[str, ...] = ()) -> list[str]:
    """Facts of the text part (addresses, amounts, numbers, the given phrases) the HTML part
    leaves out."""
    parsed = parse(document)
    visible = parsed.visible_text()
    hrefs = {html.unescape(h).rstrip("/") for h in parsed.hrefs()}
    missing = []
    for url in _URL.findall(text):
        url = url.rstrip(".,;:)")
        if url.rstrip("/") not in hrefs:
            missing.append(f"link {url}")
    for token in [*_MONEY.findall(text), *_WITH_DIGITS.findall(_URL.sub(" ", text)), *says]:
        if token not in visible:
            missing.append(token)
    for phrase in says:
        if phrase not in text:
            missing.append(f"(text part) {phrase}")
    return missing


_EVENT = {
    "name": "Jane Quintero",
    "title": "Home network workshop",
    "starts_at": datetime(2027, 3, 4, 15, 30, tzinfo=UTC),
    "ends_at": datetime(2027, 3, 4, 17, 30, tzinfo=UTC),
    "where": "Makers Space, 410 Main St, Kerrville, TX 78028",
    "cosponsor": "Hill Country Makers Association",
    "cancel_url": f"{SITE}/events/cancel/abc123/",
    "event_url": f"{SITE}/events/home-network-workshop/",
}
# events: confirmation, waiting list, promotion, reminder and cancellation (with the .ics file).
SAMPLES.update(
    {
        template: Sample(template, "confirmation", _EVENT, ("Home network workshop",))
        for template in (
            "events_confirmed",
            "events_waitlisted",
            "events_promoted",
            "events_reminder",
            "events_cancelled",
        )
    }
)
# contact: the acknowledgement of a Contact Us message and a staff reply.
_THREAD_URL = f"{SITE}/contact/thread/0f3c9a6e2b7d4e1f8a5c3b2d1e0f9a8b.1a2b3c4d5e6f7a8b9c0d/"
SAMPLES.update(
    {
        "contact_acknowledgement": Sample(
            "contact_acknowledgement",
            "reply",
            {
                "name": "Ana Torres",
                "reference": "AZ-7K3P-Q2",
                "topic": "Billing",
                "thread_url": _THREAD_URL,
            },
            ("AZ-7K3P-Q2", "reply to this email"),
        ),
        "contact_reply": Sample(
            "contact_reply",
            "reply",
            {
                "name": "Ana Torres",
                "reference": "AZ-7K3P-Q2",
                "topic": "Billing",
                "thread_url": _THREAD_URL,
                "reply": "We have removed the late fee from your next bill.",
            },
            ("AZ-7K3P-Q2", "We have removed the late fee from your next bill."),
        ),
    }
)

# marketing with the ads email slot: a campaign carrying the offer for the reader's state.
_OFFER = {
    "creative": {"headline": "Fiber 1 Gig in Florida", "text": "Our fastest plan, $55 a month."},
    "click_url": f"{SITE}/ads/c/WzEsMSwiZW1haWxfc2xvdCJd:1sample:signature/",
    "beacon_url": f"{SITE}/ads/b/WzEsMV0:1sample:signature.gif",
}
SAMPLES["campaign (with an offer)"] = Sample(
    "campaign",
    "newsletter",
    {
        **SAMPLES["campaign"].context,
        "offer_html": mark_safe(render_to_string("ads/email/slot.html", _OFFER)),  # noqa: S308
        "offer_text": render_to_string("ads/email/slot.txt", _OFFER).strip(),
    },
    ("Fiber 1 Gig in Florida", "Our fastest plan, $55 a month."),
)
# ads: the weekly partner report (P16: counts only, small cells blank, no totals).
SAMPLES["ads_partner_report"] = Sample(
    "ads_partner_report",
    "requested_info",
    {
        "partner_name": "Sunshine Realty",
        "campaign_name": "Florida fiber",
        "first_day": date(2026, 11, 23),
        "last_day": date(2026, 11, 29),
        "rows": [
            (date(2026, 11, 23), "impressions", 340),
            (date(2026, 11, 23), "clicks", ""),
            (date(2026, 11, 23), "beacon loads", 12),
        ],
        "k": 10,
    },
    ("Florida fiber", "fewer than 10", "340"),
)

# numbers and service changes: lifecycle change notices, 911 address and notice, number transfers
# in and port-out protection (never the PIN, never the new 911 address: P13, P30).
_SERVICES_URL = f"{SITE}/account/services/"
_CHANGE = {
    "given_name": "Maria",
    "kind": "Plan change",
    "service_name": "Fiber 500",
    "summary": (
        "Your plan changes from Fiber 500 to Fiber 1 Gig, +$20.00 a month. "
        "This month is charged to the day: +$9.33 on your next bill."
    ),
    "effective_on": "December 6, 2026",
    "by_care": False,
    "services_url": _SERVICES_URL,
}
_LINE = {"greeting_name": "Maria", "last4": "4821"}
_PORT_OUT = {**_LINE, "kind": "move the number to another carrier"}
SAMPLES.update(
    {
        "lifecycle_change_notice": Sample(
            "lifecycle_change_notice",
            "service_change",
            _CHANGE,
            ("Fiber 1 Gig", "+$20.00 a month", "December 6, 2026"),
        ),
        "lifecycle_change_notice (by care)": Sample(
            "lifecycle_change_notice",
            "service_change",
            {
                **_CHANGE,
                "kind": "Vacation suspension",
                "summary": (
                    "Your service is suspended from January 4, 2027 and comes back on "
                    "February 1, 2027. While suspended it is billed at $10.00 a month."
                ),
                "effective_on": "January 4, 2027",
                "by_care": True,
            },
            ("customer care team", "February 1, 2027", "$10.00 a month"),
        ),
        "orders_e911_changed": Sample(
            "orders_e911_changed", "security", _LINE, ("ending in 4821",)
        ),
        "orders_e911_notice_due": Sample(
            "orders_e911_notice_due",
            "service_change",
            {"greeting_name": "Maria", "account_url": _SERVICES_URL},
            ("power cut", "911"),
        ),
        "orders_port_in_status": Sample(
            "orders_port_in_status",
            "service_change",
            {
                "greeting_name": "Maria",
                "status": "Confirmed, moving soon",
                "reason": "",
                "completed": False,
            },
            ("Confirmed, moving soon",),
        ),
        "orders_port_in_status (rejected)": Sample(
            "orders_port_in_status",
            "service_change",
            {
                "greeting_name": "Maria",
                "status": "Rejected",
                "reason": "The account number did not match your old carrier's records.",
                "completed": False,
            },
            ("Rejected", "The account number did not match your old carrier's records."),
        ),
        "orders_port_in_status (completed)": Sample(
            "orders_port_in_status",
            "service_change",
            {"greeting_name": "Maria", "status": "Completed", "reason": "", "completed": True},
            ("Completed", "now uses your old number"),
        ),
        "orders_port_out_blocked": Sample(
            "orders_port_out_blocked",
            "security",
            {**_PORT_OUT, "frozen": True},
            ("ending in 4821", "port-out freeze is on"),
        ),
        "orders_port_out_blocked (locked)": Sample(
            "orders_port_out_blocked",
            "security",
            {**_PORT_OUT, "locked": True},
            ("ending in 4821", "set a new PIN"),
        ),
        "orders_port_out_freeze": Sample(
            "orders_port_out_freeze",
            "security",
            {"greeting_name": "Maria", "frozen": True},
            ("freeze on your Azultel account is now on",),
        ),
        "orders_port_out_freeze (off)": Sample(
            "orders_port_out_freeze",
            "security",
            {"greeting_name": "Maria", "frozen": False},
            ("freeze on your Azultel account is now off",),
        ),
        "orders_port_out_notice": Sample(
            "orders_port_out_notice",
            "security",
            {**_PORT_OUT, "hours": 24, "requested_by": "Sandbox partner carrier"},
            ("Sandbox partner carrier", "ending in 4821", "24 hours"),
        ),
        "orders_port_out_pin_set": Sample(
            "orders_port_out_pin_set",
            "security",
            {"greeting_name": "Maria"},
            ("port-out PIN was just set",),
        ),
    }
)

# billing collections: the reminders, notices and arrangement emails, with what the senders pass
# (billing/collections/notices.py: amounts and days already written for people, last 4 only).
_COLLECTIONS = {
    "given_name": "Maria",
    "account_last4": "4821",
    "amount": "$86.40",
    "late_fee": "",
    "day": "December 15, 2026",
    "sign_in_url": _SIGN_IN,
    "arrangement_url": f"{SITE}/account/bills/arrangement/",
}
SAMPLES.update(
    {
        "billing_collections_due_soon": Sample(
            "billing_collections_due_soon",
            "account_maintenance",
            _COLLECTIONS,
            ("$86.40", "December 15, 2026", "4821"),
        ),
        "billing_collections_past_due": Sample(
            "billing_collections_past_due",
            "account_maintenance",
            {**_COLLECTIONS, "day": "November 28, 2026"},
            ("$86.40", "November 28, 2026", "two to four payments"),
        ),
        "billing_collections_past_due (with a late fee)": Sample(
            "billing_collections_past_due",
            "account_maintenance",
            {**_COLLECTIONS, "day": "November 28, 2026", "late_fee": "$10.00"},
            ("A late fee of $10.00", "$86.40"),
        ),
        "billing_collections_suspension_notice": Sample(
            "billing_collections_suspension_notice",
            "account_maintenance",
            _COLLECTIONS,
            ("$86.40", "December 15, 2026", "two to four payments"),
        ),
        "billing_collections_suspended": Sample(
            "billing_collections_suspended",
            "account_maintenance",
            {**_COLLECTIONS, "day": "December 15, 2026"},
            ("$86.40", "4821", "restores service"),
        ),
        "billing_collections_restored": Sample(
            "billing_collections_restored",
            "account_maintenance",
            {**_COLLECTIONS, "amount": "", "day": "December 17, 2026"},
            ("December 17, 2026", "4821"),
        ),
        "billing_collections_arrangement_made": Sample(
            "billing_collections_arrangement_made",
            "account_maintenance",
            {**_COLLECTIONS, "day": "December 20, 2026"},
            ("$86.40", "December 20, 2026"),
        ),
        "billing_collections_arrangement_missed": Sample(
            "billing_collections_arrangement_missed",
            "account_maintenance",
            {**_COLLECTIONS, "day": "January 20, 2027"},
            ("$86.40", "January 20, 2027", "the arrangement has ended"),
        ),
    }
)

# care: trouble tickets, repair visits, outage notices and the phone passcode / one-time code.
_TICKET = {
    "name": "Maria",
    "reference": "TT-7K3-P2Q",
    "ticket_url": f"{SITE}/account/help/0f3c9a6e-2b7d-4e1f-8a5c-3b2d1e0f9a8b/",
}
_OUTAGE = {
    "name": "Maria",
    "title": "Fiber outage in Coral Gables",
    "details": "A construction crew cut a fiber cable on Ponce de Leon Boulevard.",
    "restore": datetime(2026, 12, 7, 23, 30, tzinfo=UTC),
    "help_url": f"{SITE}/account/help/",
}
SAMPLES.update(
    {
        "care_ticket_opened": Sample(
            "care_ticket_opened",
            "confirmation",
            {**_TICKET, "outage": "", "restore": None},
            ("TT-7K3-P2Q",),
        ),
        "care_ticket_opened (during an outage)": Sample(
            "care_ticket_opened",
            "confirmation",
            {**_TICKET, "outage": _OUTAGE["title"], "restore": _OUTAGE["restore"]},
            ("TT-7K3-P2Q", "Fiber outage in Coral Gables", "Monday, December 7, 6:30 p.m."),
        ),
        "care_ticket_update": Sample(
            "care_ticket_update",
            "reply",
            {**_TICKET, "update": "We replaced the card in the street cabinet that serves you."},
            ("We replaced the card in the street cabinet that serves you.",),
        ),
        "care_appointment_booked": Sample(
            "care_appointment_booked",
            "confirmation",
            {**_TICKET, "when": "Wednesday, December 9, 8 am to 12 noon"},
            ("TT-7K3-P2Q", "Wednesday, December 9, 8 am to 12 noon"),
        ),
        "care_appointment_reminder": Sample(
            "care_appointment_reminder",
            "account_maintenance",
            {**_TICKET, "when": "Wednesday, December 9, 12 noon to 5 pm"},
            ("TT-7K3-P2Q", "Wednesday, December 9, 12 noon to 5 pm"),
        ),
        "care_outage_start": Sample(
            "care_outage_start",
            "service_change",
            _OUTAGE,
            ("Fiber outage in Coral Gables", "Ponce de Leon Boulevard", "December 7"),
        ),
        "care_outage_start (no details)": Sample(
            "care_outage_start",
            "service_change",
            {**_OUTAGE, "details": ""},
            ("Fiber outage in Coral Gables", "December 7"),
        ),
        "care_outage_end": Sample(
            "care_outage_end",
            "service_change",
            {k: v for k, v in _OUTAGE.items() if k in ("name", "title", "help_url")},
            ("Fiber outage in Coral Gables", "service is back"),
        ),
        "care_passcode_changed": Sample(
            "care_passcode_changed", "security", {"name": "Maria", "first": False}, ("changed",)
        ),
        "care_passcode_changed (first passcode)": Sample(
            "care_passcode_changed",
            "security",
            {"name": "Maria", "first": True},
            ("A phone passcode was set",),
        ),
        "care_caller_code": Sample(
            "care_caller_code",
            "security",
            {"name": "Maria", "code": "482913", "minutes": 10},
            ("482913", "10 minutes"),
        ),
        "care_caller_locked": Sample(
            "care_caller_locked", "security", {"name": "Maria", "minutes": 30}, ("30 minutes",)
        ),
    }
)
