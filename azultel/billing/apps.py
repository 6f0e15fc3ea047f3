from azultel.core import app_config


class BillingConfig(app_config.AzultelAppConfig):
    name = "azultel.billing"
    label = "billing"
    verbose_name = "Billing"
