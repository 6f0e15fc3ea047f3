from azultel.core import app_config


class AnalyticsConfig(app_config.AzultelAppConfig):
    name = "azultel.analytics"
    label = "analytics"
    verbose_name = "Site statistics"
