"""Fail when a module under azultel/ passes LIMIT lines (migrations and tests excepted).

A module that grows past it becomes a package of modules named for what they do, re-exported
from its __init__.py (docs/architecture.md; billing.services and comms.services are examples).

Usage, from anywhere: python scripts/check_module_size.py
Exit status 1 lists each module over the limit, and each ALLOWED entry that is no longer needed
(under the limit or gone), so the list only shrinks and no listed file grows back unseen.
"""

from __future__ import annotations

import sys
from pathlib import Path

LIMIT = 400

# path (from the repository root) -> why it may be longer for now. Remove an entry once the
# module is split; the check says when one is no longer needed.
ALLOWED: dict[str, str] = {}

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = Path(__file__).name
EXCLUDED_DIRECTORIES = {"migrations", "tests"}


def line_count(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def modules(root: Path) -> list[Path]:
    found = []
    for path in sorted((root / "azultel").rglob("*.py")):
        relative = path.relative_to(root)
        if EXCLUDED_DIRECTORIES.isdisjoint(relative.parts[:-1]):
            found.append(relative)
    return found


def problems(root: Path, limit: int = LIMIT, allowed: dict[str, str] = ALLOWED) -> list[str]:
    found = []
    for relative in modules(root):
        lines = line_count(root / relative)
        if lines > limit and relative.as_posix() not in allowed:
            found.append(
                f"{relative.as_posix()}: {lines} lines, over {limit}. Split it into a package "
                "of modules named for what they do (docs/architecture.md)."
            )
    for name in sorted(allowed):
        path = root / name
        if not path.is_file():
            found.append(f"{name} no longer exists: remove it from ALLOWED in {SCRIPT}.")
        elif (lines := line_count(path)) <= limit:
            found.append(
                f"{name} is {lines} lines now, within {limit}: remove it from ALLOWED in {SCRIPT}."
            )
    return found


def main() -> int:
    found = problems(ROOT)
    for problem in found:
        sys.stderr.write(problem + "\n")
    if found:
        return 1
    sys.stdout.write(
        f"Module size: no module under azultel/ passes {LIMIT} lines, "
        f"apart from the {len(ALLOWED)} in ALLOWED.\n"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
