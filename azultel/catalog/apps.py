from azultel.core import app_config


class CatalogConfig(app_config.AzultelAppConfig):
    name = "azultel.catalog"
    label = "catalog"
    verbose_name = "Catalog"
