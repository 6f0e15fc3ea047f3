from azultel.core import app_config


class LifecycleConfig(app_config.AzultelAppConfig):
    name = "azultel.lifecycle"
    label = "lifecycle"
    verbose_name = "Service changes"
