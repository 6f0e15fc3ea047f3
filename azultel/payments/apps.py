from azultel.core import app_config


class PaymentsConfig(app_config.AzultelAppConfig):
    name = "azultel.payments"
    label = "payments"
    verbose_name = "Payments"
