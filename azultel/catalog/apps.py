from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "azultel.catalog"
    label = "catalog"
    verbose_name = "Catalog"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from azultel.catalog.page_cache import catalog_changed
        from azultel.catalog.pages import catalog_pages_register

        catalog_pages_register()
        # Cache invalidation only: any change to a catalog row makes cached shop pages stale.
        for model in self.get_models():
            post_save.connect(
                catalog_changed, sender=model, dispatch_uid=f"catalog-{model._meta.label}-save"
            )
            post_delete.connect(
                catalog_changed, sender=model, dispatch_uid=f"catalog-{model._meta.label}-delete"
            )
