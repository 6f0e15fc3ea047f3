"""What analytics adds at start-up (``core.app_config``): hits still waiting in this process's
buffer are written when the interpreter exits normally (manage.py commands, a stopped server);
gunicorn also calls ``worker_exit``."""

from __future__ import annotations

import atexit

from azultel.analytics.buffer import buffer_shutdown


def register() -> None:
    atexit.register(buffer_shutdown)
