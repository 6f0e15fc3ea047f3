from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from azultel.core.demo import DemoSignIn


class Command(BaseCommand):
    help = "Load demo content (idempotent). Refused in production."

    def handle(self, *args: object, **options: object) -> None:
        if settings.PRODUCTION:
            raise CommandError("Demo data is never loaded when AZULTEL_ENV=production.")
        sign_ins: list[DemoSignIn] = []
        for config in apps.get_app_configs():
            if not config.name.startswith("azultel.") or find_spec(f"{config.name}.demo") is None:
                continue
            module = import_module(f"{config.name}.demo")
            seed = getattr(module, "demo_seed", None)
            if seed is None:
                continue
            with transaction.atomic():
                sign_ins.extend(seed())
        self.stdout.write("Demo content is loaded.")
        if sign_ins:
            self.stdout.write("Demo sign-ins:")
            for s in sign_ins:
                self.stdout.write(f"  {s.role:<40} {s.email:<34} password: {s.password}")
            self.stdout.write(
                "Staff pages ask each staff member to turn on two-step sign-in the first time "
                "(any authenticator app)."
            )
