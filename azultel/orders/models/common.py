"""Constants, listing choices and the data-map declarations the orders models share."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import models

from azultel.privacy.datamap import Personal

if TYPE_CHECKING:
    pass


ZERO = Decimal("0.00")
MAX_DEVICE_QUANTITY = 5

# Catalog product kinds as stored in catalog.Product.kind. Orders read the catalog only through
# its selectors and price strategy (import-linter), so the values are named here; a test checks
# they match the catalog's.
KIND_PHONE_LINE = "phone_line"
KIND_INTERNET = "internet"
KIND_BUNDLE = "bundle"
KIND_WHOLESALE = "wholesale"
SERVICE_KINDS = (KIND_PHONE_LINE, KIND_INTERNET, KIND_BUNDLE)


class ListingChoice(models.TextChoices):
    """How a phone line appears in directories (P06). ``explanation`` says it in plain words."""

    LISTED = "listed", "Listed"
    NON_LISTED = "non_listed", "Not listed"
    NON_PUBLISHED = "non_published", "Not published"

    @property
    def explanation(self) -> str:
        return LISTING_EXPLANATIONS[self.value]


LISTING_EXPLANATIONS: dict[str, str] = {
    ListingChoice.LISTED: "Your name, number and address appear in our online phone directory, "
    "and directory assistance gives your number to anyone who asks for you by name.",
    ListingChoice.NON_LISTED: "You do not appear in the online phone directory, but directory "
    "assistance can still give your number to a caller who asks for you by name.",
    ListingChoice.NON_PUBLISHED: "Your number appears nowhere: not in the online directory, and "
    "directory assistance will not give it out. Only the people you tell will know it.",
}

_ADDRESS_ORDER = Personal(
    "user.contact.address", ("order_fulfilment", "billing"), "account_lifetime"
)
_ADDRESS_CART = Personal("user.contact.address", ("order_fulfilment", "billing"), "cart_30d")
_ORDER_AMOUNT = Personal("user.activity", ("order_fulfilment", "billing"), "billing_records")
_LISTED = Personal("user.contact.address", ("directory",), "account_lifetime")


# --- Cart ---------------------------------------------------------------------------------------
