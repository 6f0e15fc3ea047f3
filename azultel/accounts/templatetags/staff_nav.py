"""The staff side menu: the tools the signed-in staff member's roles allow, nothing else."""

from __future__ import annotations

from django import template

from azultel.accounts.panels import staff_tools_for

register = template.Library()


@register.inclusion_tag("accounts/staff/_menu.html", takes_context=True)
def staff_menu(context: template.Context) -> dict[str, object]:
    request = context["request"]
    match = getattr(request, "resolver_match", None)
    current = match.view_name if match is not None else ""
    path = getattr(request, "path_info", "")
    tools = staff_tools_for(request.user)
    return {
        "tools": [
            {
                "tool": tool,
                "url": url,
                "current": tool.url_name == current,
                # A page inside the tool (an order, a customer): the tool is marked as the
                # section. Display only; access is decided by the resolved view.
                "section": tool.url_name != current and url != "/" and path.startswith(url),
            }
            for tool, url in tools
        ],
        "home_current": current == "accounts:staff_home",
        "styleguide_current": current == "site:styleguide",
    }
