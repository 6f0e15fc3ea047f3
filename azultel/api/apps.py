from azultel.core import app_config


class ApiConfig(app_config.AzultelAppConfig):
    name = "azultel.api"
    label = "api"
    verbose_name = "Partner API"
