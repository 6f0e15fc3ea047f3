"""Settings are one module per concern (azultel/config/settings/), composed in one place."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path
from types import ModuleType

import azultel.config.settings as composed
from azultel.config.settings import base

PACKAGE = Path(composed.__file__).parent


def _modules() -> dict[str, ModuleType]:
    return {
        info.name: importlib.import_module(f"{composed.__name__}.{info.name}")
        for info in pkgutil.iter_modules([str(PACKAGE)])
    }


def _defined(module: ModuleType) -> set[str]:
    """Settings a module sets itself (not those it imports from base)."""
    return {
        name
        for name in vars(module)
        if name.isupper()
        and not name.startswith("_")
        and (module is base or getattr(base, name, object()) is not getattr(module, name))
    }


def test_no_module_sets_a_setting_another_sets() -> None:
    owners: dict[str, list[str]] = {}
    for module_name, module in _modules().items():
        for name in _defined(module):
            owners.setdefault(name, []).append(module_name)

    assert {name: where for name, where in owners.items() if len(where) > 1} == {}


def test_the_package_composes_every_module_and_nothing_else() -> None:
    modules = _modules()
    composed_names = {
        node.module.rsplit(".", 1)[-1]
        for node in ast.parse((PACKAGE / "__init__.py").read_text()).body
        if isinstance(node, ast.ImportFrom) and node.module
    }
    every_setting = {name for module in modules.values() for name in _defined(module)}

    assert composed_names == set(modules)
    assert every_setting == {name for name in vars(composed) if name.isupper()}


def test_modules_read_other_settings_only_from_base() -> None:
    # The order of composition then changes no value.
    for path in PACKAGE.glob("*.py"):
        if path.name == "__init__.py":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                composed.__name__ + "."
            ):
                assert node.module == base.__name__, f"{path.name} imports {node.module}"
