from azultel.core import app_config


class EventsConfig(app_config.AzultelAppConfig):
    name = "azultel.events"
    label = "events"
    verbose_name = "Events"
