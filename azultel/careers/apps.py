from azultel.core import app_config


class CareersConfig(app_config.AzultelAppConfig):
    name = "azultel.careers"
    label = "careers"
    verbose_name = "Careers"
