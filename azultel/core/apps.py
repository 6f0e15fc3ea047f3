from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "azultel.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from azultel.core import checks  # noqa: F401 - registers the proxy-settings check
