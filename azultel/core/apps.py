from pathlib import Path

from django.apps import AppConfig
from django.conf import settings
from django.core import checks


class CoreConfig(AppConfig):
    name = "azultel.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from azultel.core import checks as proxy_checks  # noqa: F401 - registers the proxy check
        from azultel.core.file_storage import check_private_storage

        checks.register(check_private_storage, "uploads")
        _sqlite_folder_create()


def _sqlite_folder_create() -> None:
    """The default SQLite file lives under var/; settings name it but create nothing, so the
    folder is made here, at start-up, when it is missing (a database elsewhere is left alone).
    Not in tests: the test runner makes each test process's var/ (core/testing/env.py)."""
    if settings.TESTING:
        return
    database = settings.DATABASES["default"]
    name = str(database.get("NAME") or "")
    if database["ENGINE"] != "django.db.backends.sqlite3" or not name.startswith(
        str(settings.VAR_DIR)
    ):
        return
    Path(name).parent.mkdir(parents=True, exist_ok=True)
