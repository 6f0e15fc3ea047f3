"""Where browser tests save screenshots: test-artifacts/screenshots/ by default, and
docs/screenshots/ (shown in the README) only when AZULTEL_DOCS_SCREENSHOTS=1, so an ordinary
test run never changes committed files."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def screenshot_dir() -> Path:
    if os.environ.get("AZULTEL_DOCS_SCREENSHOTS") == "1":
        target = ROOT / "docs" / "screenshots"
    else:
        target = ROOT / "test-artifacts" / "screenshots"
    target.mkdir(parents=True, exist_ok=True)
    return target
