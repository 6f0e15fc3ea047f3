"""One way to plug an app in: ``<app>/registrations.py`` with one function, ``register()``.

Every app's ``AppConfig`` derives from ``AzultelAppConfig``; its ``ready()`` imports the app's
``registrations`` module (if the app has one) and calls ``register()`` once. That function is the
only place an app adds itself to the registries other apps read, so a newcomer finds everything
an app contributes in one file. What can be registered, and where each registry lives:

* public pages (header navigation, site map, sitemap.xml): ``site.pages.page_register``;
* staff menu items and their queues: ``accounts.panels.staff_tool_register``;
* account-home and privacy-centre sections: ``accounts.panels.overview_section_register``;
* "my data" export and account-deletion handlers (B2), masked records for the staff customer
  record: ``privacy.registry`` (``export_provider_register``, ``erasure_hook_register``,
  ``sensitive_records_register``);
* system checks and signal receivers (``checks.register``, ``signal.connect``).

Two contributions stay next to what they describe, and are collected from there: periodic and
retention jobs (``PERIODIC`` in ``<app>/tasks.py``, collected by ``core.periodic``) and data-map
entries (each model's ``data_map``, read by ``privacy.datamap`` and checked at start-up).

core imports no domain app: the module is found by name, so import-linter's layers still hold
(an app's ``registrations`` imports only the registries below it).
"""

from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec

from django.apps import AppConfig

MODULE = "registrations"


def registrations_run(app_name: str) -> bool:
    """Call ``<app_name>.registrations.register()``; False when the app has no such module."""
    if find_spec(f"{app_name}.{MODULE}") is None:
        return False
    import_module(f"{app_name}.{MODULE}").register()
    return True


class AzultelAppConfig(AppConfig):
    """The base of every Azultel app: runs the app's registrations when Django is ready.

    An app's ``apps.py`` imports this module, not the class: Django picks the one ``AppConfig``
    subclass it finds in ``apps.py``, and an imported class would be a second one.
    """

    def ready(self) -> None:
        registrations_run(self.name)
