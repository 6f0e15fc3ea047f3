"""Importing settings writes nothing; `manage.py local_keys` writes the local keys once.

Production keeps refusing to start without its keys (test_production_settings.py).
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from azultel.config import local_keys

ROOT = Path(__file__).resolve().parents[3]
KEY_NAMES = ("SECRET_KEY", "FIELD_ENCRYPTION_KEYS", "FIELD_HMAC_KEY")
ENV_KEYS = {
    "SECRET_KEY": "s" * 60,
    "FIELD_ENCRYPTION_KEYS": "env-1:" + "A" * 43 + "=",
    "FIELD_HMAC_KEY": "h" * 60,
}
PRODUCTION = {
    **ENV_KEYS,
    "ALLOWED_HOSTS": "www.azultel.example",
    "SITE_URL": "https://www.azultel.example",
    "EMAIL_HOST": "smtp.azultel.example",
}


def _run(args: list[str], var: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("AZULTEL_", "DJANGO_", "DATABASE_")) and k not in PRODUCTION
    }
    clean.update(env, AZULTEL_VAR_DIR=str(var), DJANGO_SETTINGS_MODULE="azultel.config.settings")
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )


def _files(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text() for p in sorted(folder.iterdir())} if folder.exists() else {}


@pytest.mark.parametrize(
    ("mode", "env"),
    [("local", ENV_KEYS), ("test", {}), ("production", PRODUCTION)],
)
def test_importing_settings_writes_nothing(tmp_path: Path, mode: str, env: dict[str, str]) -> None:
    # Given no var/ at all, then an empty one
    missing, empty = tmp_path / "missing", tmp_path / "empty"
    empty.mkdir()

    # When settings are imported in a fresh process with each
    for var in (missing, empty):
        result = _run(["-c", "import azultel.config.settings"], var, AZULTEL_ENV=mode, **env)

        # Then they load and write nothing: no folder, no key file
        assert result.returncode == 0, result.stderr
    assert not missing.exists()
    assert _files(empty) == {}


def test_local_settings_without_keys_stop_and_name_the_command(tmp_path: Path) -> None:
    # When a local checkout has no keys yet (a fresh clone before `make run`)
    result = _run(["-c", "import django; django.setup()"], tmp_path, AZULTEL_ENV="local")

    # Then start-up stops, says what to run, and still writes nothing
    assert result.returncode != 0
    assert "Run `python manage.py local_keys` once" in result.stderr
    for name in KEY_NAMES:
        assert name in result.stderr
    assert _files(tmp_path) == {}


def test_local_keys_creates_each_key_once_and_never_replaces_one(tmp_path: Path) -> None:
    var = tmp_path / "var"

    # When the command runs on a fresh clone
    first = _run(["manage.py", "local_keys"], var, AZULTEL_ENV="local")

    # Then it creates the three keys, readable by their owner only
    assert first.returncode == 0, first.stderr
    keys = _files(var)
    assert set(keys) == {"secret_key", "field_encryption_keys", "field_hmac_key"}
    for name in keys:
        assert stat.S_IMODE((var / name).stat().st_mode) == 0o600
    assert re.fullmatch(r"local-[0-9a-f]{6}:[A-Za-z0-9_-]{43}=", keys["field_encryption_keys"])
    assert len(keys["secret_key"]) >= 50 and len(keys["field_hmac_key"]) >= 50
    assert "Created the local FIELD_ENCRYPTION_KEYS" in first.stdout

    # When it runs again, and once more after one key file was lost
    second = _run(["manage.py", "local_keys"], var, AZULTEL_ENV="local")
    (var / "field_hmac_key").unlink()
    third = _run(["manage.py", "local_keys"], var, AZULTEL_ENV="local")

    # Then no existing key changes: only the lost one is made again
    assert second.returncode == 0 and second.stdout == ""
    assert third.returncode == 0 and "FIELD_HMAC_KEY" in third.stdout
    again = _files(var)
    assert again["secret_key"] == keys["secret_key"]
    assert again["field_encryption_keys"] == keys["field_encryption_keys"]
    assert again["field_hmac_key"] != keys["field_hmac_key"]

    # And local settings read what it wrote
    read = _run(
        ["-c", "from azultel.config import settings as s; print(s.SECRET_KEY, s.FIELD_HMAC_KEY)"],
        var,
        AZULTEL_ENV="local",
    )
    assert read.stdout.split() == [again["secret_key"], again["field_hmac_key"]], read.stderr


def test_local_keys_writes_no_file_for_a_key_the_environment_gives(tmp_path: Path) -> None:
    result = _run(["manage.py", "local_keys"], tmp_path, AZULTEL_ENV="local", SECRET_KEY="s" * 60)

    assert result.returncode == 0, result.stderr
    assert set(_files(tmp_path)) == {"field_encryption_keys", "field_hmac_key"}


def test_local_keys_refuses_to_write_keys_for_production(tmp_path: Path) -> None:
    result = _run(["manage.py", "local_keys"], tmp_path, AZULTEL_ENV="production")

    assert result.returncode == 1
    assert "reads SECRET_KEY, FIELD_ENCRYPTION_KEYS and FIELD_HMAC_KEY from the environment" in (
        result.stderr
    )
    assert _files(tmp_path) == {}


def test_an_empty_key_file_is_filled_and_a_present_one_kept(tmp_path: Path) -> None:
    # Given a kept secret key and an empty (interrupted) hmac key file
    (tmp_path / "secret_key").write_text("kept-secret")
    (tmp_path / "field_hmac_key").write_text("")

    written = local_keys.write_missing(tmp_path)

    assert written == ["FIELD_ENCRYPTION_KEYS", "FIELD_HMAC_KEY"]
    assert (tmp_path / "secret_key").read_text() == "kept-secret"
    assert local_keys.read(tmp_path, "FIELD_HMAC_KEY")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "field_encryption_keys",
        "field_hmac_key",
        "secret_key",
    ]
