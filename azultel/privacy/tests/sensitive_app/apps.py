from django.apps import AppConfig


class SensitiveTestAppConfig(AppConfig):
    """Installed only when AZULTEL_ENV=test: a model exercising encrypted fields in isolation."""

    name = "azultel.privacy.tests.sensitive_app"
    label = "privacy_testapp"
    default_auto_field = "django.db.models.BigAutoField"
