"""One way to plug an app in (issue 13): every app's contributions come from its
``registrations.register()``, run by ``AzultelAppConfig.ready``; no ``apps.py`` does it itself."""

from __future__ import annotations

import ast
from importlib import import_module
from pathlib import Path

from django.apps import apps

from azultel.core.app_config import AzultelAppConfig, registrations_run

ROOT = Path(__file__).resolve().parents[2]


def _azultel_apps() -> list[object]:
    return [
        c
        for c in apps.get_app_configs()
        if c.name.startswith("azultel.") and ".tests." not in c.name
    ]


def test_every_app_config_runs_its_registrations() -> None:
    configs = _azultel_apps()

    assert len(configs) >= 11
    for config in configs:
        assert isinstance(config, AzultelAppConfig), config.name


def test_no_apps_module_registers_anything_itself() -> None:
    for path in sorted(ROOT.glob("*/apps.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        defined = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
        assert "ready" not in defined, f"{path}: contributions belong in registrations.py"


def test_every_registrations_module_has_one_entry_point() -> None:
    found = sorted(ROOT.glob("*/registrations.py"))

    assert len(found) >= 10
    for path in found:
        module = import_module(f"azultel.{path.parent.name}.registrations")
        assert callable(getattr(module, "register", None)), path


def test_an_app_without_registrations_is_skipped() -> None:
    assert registrations_run("azultel.core.testing") is False
