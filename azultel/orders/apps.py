from azultel.core import app_config


class OrdersConfig(app_config.AzultelAppConfig):
    name = "azultel.orders"
    label = "orders"
    verbose_name = "Orders"
