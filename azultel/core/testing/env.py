"""Loaded with ``-p`` (see pyproject addopts) before pytest-django reads the settings.

The suite always runs in test mode, whatever AZULTEL_ENV the shell has.
"""

import os

os.environ["AZULTEL_ENV"] = "test"
