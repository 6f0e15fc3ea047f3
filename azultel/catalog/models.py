"""What Azultel sells, where, and at what price: products, state prices, broadband facts, bundles
and the service areas its network reaches. Staff edit all of it in the admin."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q

from azultel.catalog.states import service_state_choices, service_state_codes
from azultel.catalog.street_names import street_key
from azultel.core.models import BaseModel
from azultel.privacy.datamap import Declaration, NotPersonal

ZERO = Decimal("0.00")
_NOT_NEGATIVE = [MinValueValidator(ZERO)]
_ZIP5 = RegexValidator(r"^\d{5}$", "Enter the five-digit ZIP code.")


class Line(models.TextChoices):
    HOME = "home", "Home"
    CARRIER = "carrier", "Carrier"
    RETAIL = "retail", "Retail"


class Kind(models.TextChoices):
    PHONE_LINE = "phone_line", "Phone line"
    INTERNET = "internet", "Internet plan"
    BUNDLE = "bundle", "Bundle"
    WHOLESALE = "wholesale", "Wholesale service"
    DEVICE = "device", "Device"
    ACCESSORY = "accessory", "Accessory"


# Which kinds belong to which line of business (enforced by a database constraint).
KINDS_BY_LINE: dict[str, tuple[str, ...]] = {
    Line.HOME: (Kind.PHONE_LINE, Kind.INTERNET, Kind.BUNDLE),
    Line.CARRIER: (Kind.WHOLESALE,),
    Line.RETAIL: (Kind.DEVICE, Kind.ACCESSORY),
}


class Technology(models.TextChoices):
    NONE = "none", "None (delivered or shipped)"
    COPPER = "copper", "Copper line"
    DSL = "dsl", "DSL"
    FIBER = "fiber", "Fiber"


class Product(BaseModel):
    """Something Azultel sells. It is offered in a state only where it has a StatePrice."""

    line = models.CharField(max_length=10, choices=Line.choices)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)
    summary = models.CharField(max_length=240, help_text="One sentence shown in listings.")
    description = models.TextField(blank=True, help_text="Plain text shown on the product page.")
    technology = models.CharField(
        "technology required",
        max_length=10,
        choices=Technology.choices,
        default=Technology.NONE,
        help_text="The network the service runs on; 'None' for things we ship.",
    )
    quote_only = models.BooleanField(
        default=False, help_text="Carrier services priced per customer: the page asks for a quote."
    )
    is_active = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=100, help_text="Lower comes first.")

    data_map: ClassVar[dict[str, Declaration]] = {
        "name": NotPersonal("a product name"),
    }

    class Meta:
        ordering = ["line", "position", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(line__in=Line.values), name="catalog_line_valid"),
            models.CheckConstraint(
                condition=Q(technology__in=Technology.values), name="catalog_technology_valid"
            ),
            models.CheckConstraint(
                condition=Q(line=Line.HOME, kind__in=KINDS_BY_LINE[Line.HOME])
                | Q(line=Line.CARRIER, kind__in=KINDS_BY_LINE[Line.CARRIER])
                | Q(line=Line.RETAIL, kind__in=KINDS_BY_LINE[Line.RETAIL]),
                name="catalog_kind_fits_line",
                violation_error_message="That kind of product does not belong to that line.",
            ),
            models.CheckConstraint(
                condition=Q(quote_only=False) | Q(line=Line.CARRIER),
                name="catalog_quote_only_is_carrier",
                violation_error_message="Only carrier services are sold by quote.",
            ),
        ]
        indexes = [models.Index(fields=["line", "is_active", "position"])]

    def __str__(self) -> str:
        return self.name

    @property
    def has_broadband_facts(self) -> bool:
        return self.kind in (Kind.INTERNET, Kind.BUNDLE)


class StatePrice(BaseModel):
    """A product's price in one state. No row for a state: not offered there."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="prices")
    state = models.CharField(max_length=2, choices=service_state_choices)
    monthly_price = models.DecimalField(
        max_digits=9, decimal_places=2, default=ZERO, validators=_NOT_NEGATIVE
    )
    one_time_price = models.DecimalField(
        "purchase price",
        max_digits=9,
        decimal_places=2,
        default=ZERO,
        validators=_NOT_NEGATIVE,
        help_text="What a device costs to buy; zero for services.",
    )
    install_fee = models.DecimalField(
        "installation or activation fee",
        max_digits=9,
        decimal_places=2,
        default=ZERO,
        validators=_NOT_NEGATIVE,
    )
    intro_monthly_price = models.DecimalField(
        "introductory monthly price",
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=_NOT_NEGATIVE,
    )
    intro_months = models.PositiveSmallIntegerField(
        "introductory period (months)", null=True, blank=True
    )

    class Meta:
        ordering = ["product", "state"]
        constraints = [
            models.UniqueConstraint(
                fields=["product", "state"], name="catalog_price_one_per_state"
            ),
            models.CheckConstraint(
                condition=Q(state__in=sorted(service_state_codes())),
                name="catalog_price_state_valid",
            ),
            models.CheckConstraint(
                condition=Q(monthly_price__gte=0)
                & Q(one_time_price__gte=0)
                & Q(install_fee__gte=0),
                name="catalog_price_not_negative",
            ),
            models.CheckConstraint(
                condition=(Q(intro_monthly_price__isnull=True) & Q(intro_months__isnull=True))
                | (
                    # SQL's NULL >= 0 is not false, so "present" is said explicitly.
                    Q(intro_monthly_price__isnull=False, intro_monthly_price__gte=0)
                    & Q(intro_months__isnull=False, intro_months__gte=1)
                ),
                name="catalog_price_intro_complete",
                violation_error_message=(
                    "An introductory offer needs both its monthly price and its length in months."
                ),
            ),
        ]
        indexes = [models.Index(fields=["state", "product"])]

    def __str__(self) -> str:
        return f"{self.product} in {self.state}"


class BroadbandFacts(BaseModel):
    """The facts a consumer broadband label gives for an internet plan or a bundle with internet.

    The prices on the label (monthly, introductory, installation) come from the state's
    StatePrice; these are the facts that do not change by state.
    """

    product = models.OneToOneField(
        Product, on_delete=models.CASCADE, related_name="broadband_facts"
    )
    typical_download_mbps = models.PositiveIntegerField()
    typical_upload_mbps = models.PositiveIntegerField()
    typical_latency_ms = models.PositiveSmallIntegerField()
    data_allowance_gb = models.PositiveIntegerField(
        null=True, blank=True, help_text="Empty means unlimited data."
    )
    contract_months = models.PositiveSmallIntegerField(default=0, help_text="0: no contract.")
    early_termination_fee = models.DecimalField(
        max_digits=9, decimal_places=2, default=ZERO, validators=_NOT_NEGATIVE
    )
    equipment_monthly_fee = models.DecimalField(
        "router rental per month",
        max_digits=9,
        decimal_places=2,
        default=ZERO,
        validators=_NOT_NEGATIVE,
    )

    class Meta:
        ordering = ["product"]
        verbose_name = "broadband facts"
        verbose_name_plural = "broadband facts"
        constraints = [
            models.CheckConstraint(
                condition=Q(early_termination_fee__gte=0) & Q(equipment_monthly_fee__gte=0),
                name="catalog_facts_fees_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"Broadband facts: {self.product}"

    def clean(self) -> None:
        if self.product_id and not self.product.has_broadband_facts:
            raise ValidationError("Broadband facts belong to internet plans and bundles only.")


class BundleItem(BaseModel):
    """A product included in a bundle (for example the phone line in "Phone + Fiber 300")."""

    bundle = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="bundle_items")
    item = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="in_bundles")
    position = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["bundle", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["bundle", "item"], name="catalog_bundle_item_once"),
            models.CheckConstraint(
                condition=~Q(bundle=models.F("item")), name="catalog_bundle_not_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item} in {self.bundle}"

    def clean(self) -> None:
        if self.bundle_id and self.bundle.kind != Kind.BUNDLE:
            raise ValidationError("Only a bundle can include other products.")


class ServiceArea(BaseModel):
    """A ZIP code Azultel's network reaches, with the technologies available there."""

    zip_code = models.CharField("ZIP code", max_length=5, unique=True, validators=[_ZIP5])
    state = models.CharField(max_length=2, choices=service_state_choices)
    city = models.CharField(max_length=80)
    copper = models.BooleanField("copper lines", default=False)
    dsl = models.BooleanField("DSL", default=False)
    fiber = models.BooleanField("fiber", default=False)
    is_active = models.BooleanField(
        default=True, help_text="Untick to stop taking orders here without deleting the area."
    )

    data_map: ClassVar[dict[str, Declaration]] = {
        "zip_code": NotPersonal("a ZIP code the network reaches, not anyone's address"),
        "city": NotPersonal("the city of a service area"),
    }

    class Meta:
        ordering = ["state", "zip_code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=sorted(service_state_codes())),
                name="catalog_area_state_valid",
            ),
            models.CheckConstraint(
                condition=Q(zip_code__regex=r"^[0-9]{5}$"), name="catalog_area_zip_five_digits"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.zip_code} {self.city}, {self.state}"

    def has_technology(self, technology: str) -> bool:
        return bool(
            technology == Technology.NONE
            or (technology == Technology.COPPER and self.copper)
            or (technology == Technology.DSL and self.dsl)
            or (technology == Technology.FIBER and self.fiber)
        )

    @property
    def technologies(self) -> list[str]:
        """The labels of the technologies available here, in a fixed order."""
        return [
            str(label)
            for value, label in Technology.choices
            if value != Technology.NONE and self.has_technology(value)
        ]


class ServiceStreet(BaseModel):
    """An exception inside a service area: on this street a technology is, or is not, available."""

    area = models.ForeignKey(ServiceArea, on_delete=models.CASCADE, related_name="streets")
    street = models.CharField(
        "street name", max_length=120, help_text="The street name only, e.g. 'Ocean Drive'."
    )
    street_key = models.CharField(max_length=120, editable=False, db_index=True)
    technology = models.CharField(
        max_length=10, choices=[c for c in Technology.choices if c[0] != Technology.NONE]
    )
    available = models.BooleanField(
        help_text="Ticked: available on this street even if not in the rest of the ZIP. "
        "Unticked: not available on this street even if it is in the rest of the ZIP."
    )

    data_map: ClassVar[dict[str, Declaration]] = {
        "street": NotPersonal("a street name staff enter for a network exception"),
        "street_key": NotPersonal("the comparable form of that street name"),
    }

    class Meta:
        ordering = ["area", "street_key", "technology"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "street_key", "technology"], name="catalog_street_exception_once"
            ),
            models.CheckConstraint(
                condition=Q(technology__in=[Technology.COPPER, Technology.DSL, Technology.FIBER]),
                name="catalog_street_technology_valid",
            ),
            models.CheckConstraint(condition=~Q(street_key=""), name="catalog_street_key_set"),
        ]

    def __str__(self) -> str:
        verb = "available" if self.available else "not available"
        return f"{self.get_technology_display()} {verb} on {self.street} ({self.area.zip_code})"

    def save(self, *args: object, **kwargs: object) -> None:
        # The key is what availability checks compare, so it is derived here and never typed.
        self.street_key = street_key(self.street)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "street" in update_fields:  # type: ignore[operator]
            kwargs["update_fields"] = {*update_fields, "street_key"}  # type: ignore[misc]
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def clean(self) -> None:
        if not street_key(self.street):
            raise ValidationError({"street": "Enter a street name."})
