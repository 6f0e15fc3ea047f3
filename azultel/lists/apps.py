from azultel.core import app_config


class ListsConfig(app_config.AzultelAppConfig):
    name = "azultel.lists"
    label = "lists"
    verbose_name = "Contact lists from partners"
