from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "azultel.site"
    label = "site"
    verbose_name = "Public site"
