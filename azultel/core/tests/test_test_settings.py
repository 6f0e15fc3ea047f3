"""Tests write nothing under the checkout's var/, so `make test` runs beside `make run`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from whitenoise.middleware import WhiteNoiseMiddleware

ROOT = Path(__file__).resolve().parents[3]
CHECKOUT_VAR = ROOT / "var"


def _under(path: str | Path, parent: Path) -> bool:
    return Path(path).resolve().is_relative_to(parent.resolve())


def test_in_test_mode_files_go_to_a_temporary_var_not_the_checkouts() -> None:
    # The suite runs in test mode (azultel.core.testing.env)
    assert settings.TESTING

    # Then static files, media and the local mailbox live outside the checkout's var/
    for path in (settings.STATIC_ROOT, settings.MEDIA_ROOT, settings.EMAIL_FILE_PATH):
        assert not _under(path, CHECKOUT_VAR), path
    assert not _under(settings.VAR_DIR, ROOT)


def test_whitenoise_in_the_test_client_scans_only_the_tests_static_root() -> None:
    # When the middleware the test client builds looks for files
    middleware = WhiteNoiseMiddleware(get_response=lambda request: None)

    # Then it reads the test run's own STATIC_ROOT, never the var/static `make run` serves
    assert Path(middleware.static_root) == Path(settings.STATIC_ROOT)
    assert not _under(middleware.static_root, CHECKOUT_VAR)
    assert all(not _under(f.path, CHECKOUT_VAR) for f in middleware.files.values())


_PRINT_PATHS = (
    "from azultel.config import settings as s; import json; "
    "print(json.dumps([str(s.VAR_DIR), str(s.STATIC_ROOT), str(s.MEDIA_ROOT)]))"
)


def _test_mode_paths() -> list[str]:
    """The paths a fresh test-mode process gets, with a shell set up for `make run`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AZULTEL_", "DATABASE_"))}
    env.update(
        {
            "AZULTEL_ENV": "test",
            "STATIC_ROOT": str(CHECKOUT_VAR / "static"),
            "MEDIA_ROOT": str(CHECKOUT_VAR / "media"),
        }
    )
    result = subprocess.run(
        [sys.executable, "-c", _PRINT_PATHS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    paths: list[str] = json.loads(result.stdout)
    return paths


def test_each_test_process_gets_its_own_var_even_when_the_shell_names_var_static() -> None:
    # When two test-mode processes start (two xdist workers) in a shell whose STATIC_ROOT and
    # MEDIA_ROOT name the checkout's var/
    first, second = _test_mode_paths(), _test_mode_paths()

    # Then each names its own temporary var/ with static and media inside it, and importing
    # settings created none of it (the test runner makes and removes it: core/testing/env.py)
    assert first[0] != second[0]
    for var_dir, static_root, media_root in (first, second):
        assert not _under(var_dir, ROOT)
        assert Path(static_root) == Path(var_dir) / "static"
        assert Path(media_root) == Path(var_dir) / "media"
        assert not Path(var_dir).exists()
