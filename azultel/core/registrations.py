"""What core adds at start-up (``core.app_config``): the proxy and private-upload system checks,
and the folder of the default SQLite file."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core import checks

from azultel.core.checks import check_trusted_proxies
from azultel.core.file_storage import check_private_storage


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


def register() -> None:
    checks.register(check_trusted_proxies, checks.Tags.security)
    checks.register(check_private_storage, "uploads")
    _sqlite_folder_create()
