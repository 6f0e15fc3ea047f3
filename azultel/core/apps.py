from django.apps import AppConfig
from django.core import checks


class CoreConfig(AppConfig):
    name = "azultel.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from azultel.core import checks as proxy_checks  # noqa: F401 - registers the proxy check
        from azultel.core.file_storage import check_private_storage

        checks.register(check_private_storage, "uploads")
