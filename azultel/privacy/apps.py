from azultel.core import app_config


class PrivacyConfig(app_config.AzultelAppConfig):
    name = "azultel.privacy"
    label = "privacy"
    verbose_name = "Privacy"
