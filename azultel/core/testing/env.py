"""Loaded with ``-p`` (see pyproject addopts) before pytest-django reads the settings.

The suite always runs in test mode, whatever AZULTEL_ENV the shell has. Unless AZULTEL_VAR_DIR
names one, each test process (the controller and each xdist worker) gets its own fresh var/,
at the path settings compute for it (config/paths.py): made here with an empty static/ (WhiteNoise
warns about a missing STATIC_ROOT) and removed when the process that made it exits. Settings
themselves create nothing.
"""

import atexit
import os
import shutil

from azultel.config.paths import test_var_dir

os.environ["AZULTEL_ENV"] = "test"

if not os.environ.get("AZULTEL_VAR_DIR"):
    _var = test_var_dir()
    shutil.rmtree(_var, ignore_errors=True)  # left by an earlier process with this id
    _var.mkdir(mode=0o700)  # fails rather than reuse anything still there (a symlink)
    (_var / "static").mkdir()
    _owner = os.getpid()
    # Only the process that made it removes it (a forked child exiting must not).
    atexit.register(
        lambda: shutil.rmtree(_var, ignore_errors=True) if os.getpid() == _owner else None
    )
