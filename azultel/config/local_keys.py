"""Local keys: the secrets the embedded default keeps under var/ (never committed).

``python manage.py local_keys`` (``make run`` runs it before ``migrate``) writes each key that is
missing, once, with mode 0600, and never replaces one that exists. Settings only read these files:
importing settings writes nothing, and local settings without them stop with a message naming
this command. Production reads every key from the environment; the command refuses to run there.

manage.py runs this before Django starts (settings cannot load until the keys exist), so it is
plain Python: no settings, no database.
"""

from __future__ import annotations

import argparse
import base64
import os
import secrets
import sys
from collections.abc import Callable
from pathlib import Path

from azultel.config.paths import var_dir


def _new_field_key() -> str:
    key = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
    return f"local-{secrets.token_hex(3)}:{key}"


def _new_token() -> str:
    return secrets.token_urlsafe(48)


# setting -> (file under var/, how a new value is made)
KEYS: dict[str, tuple[str, Callable[[], str]]] = {
    "SECRET_KEY": ("secret_key", _new_token),
    "FIELD_ENCRYPTION_KEYS": ("field_encryption_keys", _new_field_key),
    "FIELD_HMAC_KEY": ("field_hmac_key", _new_token),
}
COMMAND = "python manage.py local_keys"


def key_path(var: Path, setting: str) -> Path:
    return var / KEYS[setting][0]


def read(var: Path, setting: str) -> str:
    """The key stored for ``setting`` under ``var``; "" when there is none yet."""
    try:
        return key_path(var, setting).read_text().strip()
    except FileNotFoundError:
        return ""


def missing_message(var: Path, missing: list[str]) -> str:
    files = ", ".join(str(key_path(var, name)) for name in missing)
    return (
        f"AZULTEL_ENV=local has no {', '.join(missing)}: neither the environment nor var/ "
        f"({files}) holds {'them' if len(missing) > 1 else 'it'}. Run `{COMMAND}` once "
        "(`make run` does) to create the local keys, or set these variables in the environment."
    )


def write_missing(var: Path, skip: frozenset[str] = frozenset()) -> list[str]:
    """Create each missing (or empty) key file under ``var``; return the settings written.

    An existing key is never replaced. Each file is written whole under a temporary name, then
    linked into place, so a reader never sees half a key and two runs at once keep one key.
    """
    var.mkdir(parents=True, exist_ok=True)
    written = []
    for setting, (filename, generate) in KEYS.items():
        if setting in skip or read(var, setting):
            continue
        path = var / filename
        temporary = var / f".{filename}.{os.getpid()}.tmp"
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(generate())
        try:
            if path.exists():  # empty: nothing in it to keep
                path.unlink()
            os.link(temporary, path)
            written.append(setting)
        except FileExistsError:
            pass  # another run created it first: keep that one
        finally:
            temporary.unlink()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="manage.py local_keys",
        description="Create the local secret key and field-encryption keys under var/, once. "
        "Existing keys are never replaced. Not for production, which reads them from the "
        "environment.",
    )
    parser.parse_args(argv)
    environment = os.environ.get("AZULTEL_ENV", "local").strip().lower()
    if environment not in {"local", "test", "production"}:
        sys.stderr.write(f"AZULTEL_ENV must be local, test or production, got {environment!r}.\n")
        return 1
    if environment == "production":
        sys.stderr.write(
            "AZULTEL_ENV=production reads SECRET_KEY, FIELD_ENCRYPTION_KEYS and FIELD_HMAC_KEY "
            "from the environment; local_keys writes no key files for it.\n"
        )
        return 1
    if environment == "test":
        sys.stdout.write("AZULTEL_ENV=test uses fixed test keys: nothing to write.\n")
        return 0
    var = var_dir(testing=False)
    from_environment = frozenset(name for name in KEYS if os.environ.get(name, ""))
    for setting in write_missing(var, skip=from_environment):
        sys.stdout.write(f"Created the local {setting} ({key_path(var, setting)}).\n")
        if setting == "FIELD_ENCRYPTION_KEYS":
            sys.stdout.write(
                "  It encrypts sensitive fields; production sets FIELD_ENCRYPTION_KEYS instead.\n"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
