"""Numbers and 911: what a phone line needs beyond its number.

* ``LineSetup``: what the customer said at checkout for one phone line: the 911 address, and
  whether they keep their number (port-in, with the letter of authorisation they signed). It
  belongs to the cart line until the order is placed, then to the order line.
* ``PortIn``: a number coming to us from another carrier, with its status as the portability
  interface reports it (``orders.portability``).
* ``PortOutProtection``: the customer's port-out PIN (a password hash, never shown back), the
  freeze switch and the count of wrong PINs (FCC 2023 SIM-swap and port-out rules).
* ``PortOutRequest``: a request to move a number away, change its SIM or the line, held for a
  notice period before a periodic job completes it; refused requests are kept as the record.
* ``NoticeAcknowledgement``: the customer read the 911 and backup-power notice for
  internet-delivered voice (47 CFR 9.20), with the notice version and when.
"""

from __future__ import annotations

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q

from azultel.core.models import BaseModel
from azultel.orders.models.carts import CartLine
from azultel.orders.models.orders import OrderLine
from azultel.orders.models.services import PhoneLine
from azultel.privacy.datamap import Declaration, NotPersonal, Personal
from azultel.privacy.fields import EncryptedTextField

_E911 = Personal(
    "user.contact.address",
    ("order_fulfilment",),
    "account_lifetime",
    description="the registered 911 address sent to emergency services with a call",
)
_PORT = Personal("user.financial.account", ("order_fulfilment",), "account_lifetime")
_PORT_SECURITY = Personal("user.authentication", ("security",), "account_lifetime")


class LineSetup(BaseModel):
    """One phone line's 911 address and port-in answers, from checkout to activation."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="line_setups"
    )
    cart_line = models.OneToOneField(
        CartLine, null=True, blank=True, on_delete=models.SET_NULL, related_name="setup"
    )
    order_line = models.OneToOneField(
        OrderLine, null=True, blank=True, on_delete=models.CASCADE, related_name="setup"
    )
    e911_street = models.CharField("street address", max_length=200)
    e911_unit = models.CharField("apartment, floor or unit", max_length=50, blank=True)
    e911_city = models.CharField("city", max_length=100)
    e911_state = models.CharField("state", max_length=2)
    e911_zip = models.CharField("ZIP code", max_length=10)
    keep_number = models.BooleanField(default=False)
    port_number = models.CharField(max_length=16, blank=True)
    port_carrier = models.CharField("current carrier", max_length=80, blank=True)
    port_account = models.CharField("account number", max_length=40, blank=True)
    # Encrypted while we wait to send it to the carrier; blanked once the port is submitted.
    port_pin = EncryptedTextField("transfer PIN", blank=True, mask="hidden")
    authorised_name = models.CharField("typed name", max_length=120, blank=True)
    authorised_at = models.DateTimeField(null=True, blank=True)

    data_map: ClassVar[dict[str, Declaration]] = {
        "e911_street": _E911,
        "e911_unit": _E911,
        "e911_city": _E911,
        "e911_state": _E911,
        "e911_zip": _E911,
        "keep_number": NotPersonal("whether the line keeps a number from another carrier"),
        "port_number": Personal("user.contact.phone", ("order_fulfilment",), "account_lifetime"),
        "port_carrier": _PORT,
        "port_account": _PORT,
        "port_pin": Personal(
            "user.authentication",
            ("order_fulfilment",),
            "account_lifetime",
            sensitive=True,
            description="the transfer PIN at the old carrier, encrypted, erased once sent",
        ),
        "authorised_name": Personal("user.name", ("order_fulfilment",), "account_lifetime"),
        "authorised_at": NotPersonal("when the letter of authorisation was signed"),
    }

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(keep_number=False, port_number="", authorised_at__isnull=True)
                | Q(keep_number=True, authorised_at__isnull=False)
                & ~Q(port_number="")
                & ~Q(port_carrier="")
                & ~Q(port_account="")
                & ~Q(authorised_name=""),
                name="orders_linesetup_port_in_complete",
            ),
            models.CheckConstraint(
                condition=~Q(e911_street="") & ~Q(e911_city="") & ~Q(e911_zip=""),
                name="orders_linesetup_e911_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"setup of line {self.order_line_id or self.cart_line_id}"


class PortInStatus(models.TextChoices):
    SUBMITTED = "submitted", "Submitted to your old carrier"
    CONFIRMED = "confirmed", "Confirmed, moving soon"
    COMPLETED = "completed", "Completed"
    REJECTED = "rejected", "Rejected"


class PortIn(BaseModel):
    """A number moving to us. ``reason`` says why it was rejected, in the customer's words."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    phone_line = models.OneToOneField(PhoneLine, on_delete=models.CASCADE, related_name="port_in")
    number = models.CharField(max_length=16)
    carrier = models.CharField(max_length=80)
    status = models.CharField(max_length=10, choices=PortInStatus.choices)
    reason = models.CharField(max_length=200, blank=True)
    reference = models.CharField(max_length=64, blank=True)
    status_changed_at = models.DateTimeField()

    data_map: ClassVar[dict[str, Declaration]] = {
        "number": Personal("user.contact.phone", ("order_fulfilment",), "account_lifetime"),
        "carrier": _PORT,
        "reason": NotPersonal("why the old carrier rejected the port"),
    }

    class Meta:
        ordering = ["-created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=PortInStatus.values), name="orders_portin_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=PortInStatus.REJECTED) | ~Q(reason=""),
                name="orders_portin_rejected_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"port-in ({self.get_status_display()})"


class PortOutProtection(BaseModel):
    """The customer's port-out PIN and freeze. The PIN is a Django password hash."""

    customer = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="port_out_protection"
    )
    pin_hash = models.CharField(max_length=128, blank=True)
    pin_set_at = models.DateTimeField(null=True, blank=True)
    frozen = models.BooleanField(default=False)
    frozen_changed_at = models.DateTimeField(null=True, blank=True)
    failed_attempts = models.PositiveSmallIntegerField(default=0)
    locked_at = models.DateTimeField(null=True, blank=True)

    data_map: ClassVar[dict[str, Declaration]] = {
        "pin_hash": _PORT_SECURITY,
        "pin_set_at": NotPersonal("when the port-out PIN was set"),
        "frozen": _PORT_SECURITY,
        "locked_at": NotPersonal("when too many wrong PINs locked port-outs"),
    }

    class Meta:
        ordering = ["customer_id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(pin_hash="", pin_set_at__isnull=True)
                | (~Q(pin_hash="") & Q(pin_set_at__isnull=False)),
                name="orders_portout_pin_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"port-out protection of customer {self.customer_id}"

    @property
    def has_pin(self) -> bool:
        return bool(self.pin_hash)


class PortOutKind(models.TextChoices):
    PORT_OUT = "port_out", "Move the number to another carrier"
    SIM_CHANGE = "sim_change", "Change the SIM"
    LINE_CHANGE = "line_change", "Change the line"


class PortOutStatus(models.TextChoices):
    HELD = "held", "Waiting: we told the customer"
    COMPLETED = "completed", "Completed"
    CANCELLED = "cancelled", "Stopped by the customer"
    REFUSED = "refused", "Refused"


class PortOutRequest(BaseModel):
    """A port-out, SIM change or line change asked for by staff or another carrier."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    phone_line = models.ForeignKey(
        PhoneLine, on_delete=models.CASCADE, related_name="port_out_requests"
    )
    kind = models.CharField(max_length=12, choices=PortOutKind.choices)
    requested_by = models.CharField(max_length=80)
    status = models.CharField(max_length=10, choices=PortOutStatus.choices)
    reason = models.CharField(max_length=200, blank=True)
    completes_after = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    data_map: ClassVar[dict[str, Declaration]] = {
        "requested_by": NotPersonal("the carrier or staff desk that asked"),
        "reason": NotPersonal("why the request was refused"),
    }

    class Meta:
        ordering = ["-created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=PortOutKind.values), name="orders_portout_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=PortOutStatus.values), name="orders_portout_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=PortOutStatus.HELD) | Q(completes_after__isnull=False),
                name="orders_portout_held_has_end",
            ),
        ]
        indexes = [models.Index(fields=["status", "completes_after"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_status_display()})"


class NoticeAcknowledgement(BaseModel):
    """The customer acknowledged the 911 and backup-power notice (version, when, where)."""

    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="e911_acknowledgements"
    )
    notice_version = models.CharField(max_length=20)
    acknowledged_at = models.DateTimeField()
    context = models.CharField(max_length=10)

    data_map: ClassVar[dict[str, Declaration]] = {
        "acknowledged_at": Personal("user.activity", ("legal",), "account_lifetime"),
        "context": NotPersonal("where the notice was acknowledged: order or account"),
    }

    class Meta:
        ordering = ["-acknowledged_at", "id"]
        indexes = [models.Index(fields=["customer", "-acknowledged_at"])]

    def __str__(self) -> str:
        return f"911 notice {self.notice_version} acknowledged"
