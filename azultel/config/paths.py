"""Where the embedded default keeps what it generates (var/), shared by settings and local_keys.

Nothing here creates a directory: settings only name paths. `manage.py local_keys` (run by
`make run`) creates var/ and the keys in it; the test runner (azultel.core.testing.env) creates
each test process's own temporary var/ and removes it when the process exits.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def var_dir(*, testing: bool) -> Path:
    """AZULTEL_VAR_DIR when set; else the checkout's var/, or in tests a per-process one."""
    explicit = os.environ.get("AZULTEL_VAR_DIR", "")
    if explicit:
        return Path(explicit)
    return test_var_dir() if testing else BASE_DIR / "var"


def test_var_dir(pid: int | None = None) -> Path:
    """The temporary var/ of one test process (each xdist worker has its own)."""
    return Path(tempfile.gettempdir()) / f"azultel-test-var-{pid or os.getpid()}"
