from azultel.core import app_config


class CommsConfig(app_config.AzultelAppConfig):
    name = "azultel.comms"
    label = "comms"
    verbose_name = "Communications"
