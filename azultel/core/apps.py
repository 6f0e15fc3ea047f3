from azultel.core import app_config


class CoreConfig(app_config.AzultelAppConfig):
    name = "azultel.core"
    label = "core"
    verbose_name = "Core"
