from azultel.core import app_config


class AdsConfig(app_config.AzultelAppConfig):
    name = "azultel.ads"
    label = "ads"
    verbose_name = "House advertising"
