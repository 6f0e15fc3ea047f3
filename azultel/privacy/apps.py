from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "azultel.privacy"
    label = "privacy"
    verbose_name = "Privacy"
