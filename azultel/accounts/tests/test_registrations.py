"""What each app's ``registrations.register()`` adds is in the registries other apps read
(the convention itself is tested in ``core/tests/test_registrations.py``)."""

from __future__ import annotations

from django.core import checks

from azultel.accounts.panels import _staff_tools, overview_sections
from azultel.privacy.registry import erasure_hooks, export_providers
from azultel.site.pages import page_list


def test_what_the_apps_register_is_in_the_registries() -> None:
    assert {"Directory assistance", "Billing", "Order queue", "Customer lookup"} <= {
        tool.title for tool in _staff_tools.values()
    }
    assert {"bills", "services", "directory", "privacy"} <= {s.key for s in overview_sections()}
    assert {"emails", "payments", "contact_messages"} <= set(export_providers())
    assert len(erasure_hooks()) >= 5
    assert "directory:search" in {p.url_name for p in page_list()}
    registered = {c.__name__ for c in checks.registry.registry.get_checks()}
    assert {"check_data_map", "check_trusted_proxies", "check_private_storage"} <= registered
