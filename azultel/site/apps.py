from azultel.core import app_config


class SiteConfig(app_config.AzultelAppConfig):
    name = "azultel.site"
    label = "site"
    verbose_name = "Public site"
