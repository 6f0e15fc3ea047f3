from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "azultel.catalog"
    label = "catalog"
    verbose_name = "Catalog"

    def ready(self) -> None:
        from azultel.catalog.pages import catalog_pages_register

        catalog_pages_register()
