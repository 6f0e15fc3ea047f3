from django import template
from django.utils.safestring import SafeString

from azultel.core.richtext import render_richtext

register = template.Library()


@register.filter(name="richtext")
def richtext_filter(value: str) -> SafeString:
    return render_richtext(value or "", heading_offset=2)
