from azultel.core import app_config


class DsrConfig(app_config.AzultelAppConfig):
    name = "azultel.dsr"
    label = "dsr"
    verbose_name = "Privacy requests"
