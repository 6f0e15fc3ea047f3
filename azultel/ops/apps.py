from azultel.core import app_config


class OpsConfig(app_config.AzultelAppConfig):
    name = "azultel.ops"
    label = "ops"
    verbose_name = "Operations"
