"""``{% load careers_format %}``: ``{{ listing|pay_range }}`` writes a listing's pay for people."""

from __future__ import annotations

from decimal import Decimal

from django import template

from azultel.careers.models import JobListing, PayPeriod

register = template.Library()


def _money(amount: Decimal) -> str:
    if amount == amount.to_integral_value():
        return f"${amount:,.0f}"
    return f"${amount:,.2f}"


@register.filter
def pay_range(listing: JobListing) -> str:
    """ "$62,000 to $78,000 a year", or "" when the listing shows no pay."""
    if listing.pay_min is None or listing.pay_max is None:
        return ""
    period = PayPeriod(listing.pay_period).label
    if listing.pay_min == listing.pay_max:
        return f"{_money(listing.pay_min)} {period}"
    return f"{_money(listing.pay_min)} to {_money(listing.pay_max)} {period}"
