from django.apps import AppConfig


class CommsConfig(AppConfig):
    name = "azultel.comms"
    label = "comms"
    verbose_name = "Communications"
