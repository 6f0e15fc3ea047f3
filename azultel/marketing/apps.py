from azultel.core import app_config


class MarketingConfig(app_config.AzultelAppConfig):
    name = "azultel.marketing"
    label = "marketing"
    verbose_name = "Marketing"
