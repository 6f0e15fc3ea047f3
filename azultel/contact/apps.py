from azultel.core import app_config


class ContactConfig(app_config.AzultelAppConfig):
    name = "azultel.contact"
    label = "contact"
    verbose_name = "Contact messages"
