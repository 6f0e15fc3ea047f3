"""Accessible form fields: label, hint and errors tied to the input with aria attributes."""

from __future__ import annotations

from django import forms, template

register = template.Library()


@register.inclusion_tag("core/field.html")
def form_field(bound: forms.BoundField) -> dict[str, object]:
    described_by = []
    if bound.help_text:
        described_by.append(f"{bound.auto_id}_hint")
    if bound.errors:
        described_by.append(f"{bound.auto_id}_error")
    attrs: dict[str, str | bool] = {}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if bound.errors:
        attrs["aria-invalid"] = "true"
    widget = bound.field.widget
    return {
        "field": bound,
        "widget_html": bound.as_widget(attrs=attrs),
        "is_checkbox": isinstance(widget, forms.CheckboxInput),
        "is_multiple": isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect),
    }


@register.inclusion_tag("core/form_errors.html")
def form_errors(form: forms.Form) -> dict[str, object]:
    """A summary at the top of a rejected form, linking to each field in error."""
    return {"form": form}
