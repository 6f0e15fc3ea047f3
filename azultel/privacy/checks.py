"""System checks: every field that looks personal is in the data map, and the map is valid (P04)."""

from __future__ import annotations

from collections.abc import Iterable

from django.apps import apps
from django.core import checks
from django.db.models import Model

from azultel.privacy.datamap import (
    EXTERNAL_DECLARATIONS,
    Personal,
    is_project_model,
    looks_personal,
    model_declarations,
)
from azultel.privacy.fields import EncryptedTextField


def check_data_map(app_configs: object = None, **kwargs: object) -> list[checks.CheckMessage]:
    return data_map_problems(apps.get_models())


def data_map_problems(models: Iterable[type[Model]]) -> list[checks.CheckMessage]:
    """Undeclared personal-looking fields and invalid declarations of the given models."""
    errors: list[checks.CheckMessage] = []
    for model in models:
        label = model._meta.label
        declared = model_declarations(model)
        field_names = {f.name for f in model._meta.get_fields() if getattr(f, "concrete", False)}
        for name, declaration in declared.items():
            if name not in field_names:
                errors.append(
                    checks.Error(
                        f"{label}.data_map declares {name!r}, which is not a field.",
                        obj=model,
                        id="privacy.E003",
                    )
                )
            errors.extend(
                checks.Error(f"{label}.{name}: {problem}.", obj=model, id="privacy.E002")
                for problem in declaration.problems()
            )
        if not is_project_model(model) and model._meta.label_lower not in EXTERNAL_DECLARATIONS:
            continue
        for field in model._meta.concrete_fields:
            field_declaration = declared.get(field.name)
            if field_declaration is None and looks_personal(field):
                errors.append(
                    checks.Error(
                        f"{label}.{field.name} looks like personal data but has no data-map "
                        "declaration.",
                        hint="Add it to the model's data_map as Personal(category, purposes, "
                        "retention), or NotPersonal(reason).",
                        obj=model,
                        id="privacy.E001",
                    )
                )
            if isinstance(field, EncryptedTextField) and not (
                isinstance(field_declaration, Personal) and field_declaration.sensitive
            ):
                errors.append(
                    checks.Error(
                        f"{label}.{field.name} is encrypted but not declared "
                        "Personal(sensitive=True).",
                        obj=model,
                        id="privacy.E004",
                    )
                )
    return errors
