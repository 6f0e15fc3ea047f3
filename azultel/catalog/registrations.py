"""What the catalog adds at start-up (``core.app_config``): its shop pages in the page registry,
and cache invalidation: any change to a catalog row makes cached shop pages stale."""

from __future__ import annotations

from django.apps import apps
from django.db.models.signals import post_delete, post_save

from azultel.catalog.page_cache import catalog_changed
from azultel.catalog.pages import catalog_pages_register


def register() -> None:
    catalog_pages_register()
    for model in apps.get_app_config("catalog").get_models():
        post_save.connect(
            catalog_changed, sender=model, dispatch_uid=f"catalog-{model._meta.label}-save"
        )
        post_delete.connect(
            catalog_changed, sender=model, dispatch_uid=f"catalog-{model._meta.label}-delete"
        )
