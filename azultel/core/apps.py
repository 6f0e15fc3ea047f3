from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "azultel.core"
    label = "core"
    verbose_name = "Core"
