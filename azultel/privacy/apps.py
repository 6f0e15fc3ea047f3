from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "azultel.privacy"
    label = "privacy"
    verbose_name = "Privacy"

    def ready(self) -> None:
        from azultel.privacy import checks  # noqa: F401 - registers the data-map check
