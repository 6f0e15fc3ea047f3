from azultel.core import app_config


class CareConfig(app_config.AzultelAppConfig):
    name = "azultel.care"
    label = "care"
    verbose_name = "Care desk"
