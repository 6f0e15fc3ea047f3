#!/usr/bin/env python
import os
import sys


def main() -> None:
    if sys.argv[1:2] == ["local_keys"]:
        # Runs before Django: local settings refuse to load until these keys exist
        # (azultel/config/local_keys.py).
        from azultel.config.local_keys import main as local_keys

        sys.exit(local_keys(sys.argv[2:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "azultel.config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
