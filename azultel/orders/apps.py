from django.apps import AppConfig


class OrdersConfig(AppConfig):
    name = "azultel.orders"
    label = "orders"
    verbose_name = "Orders"

    def ready(self) -> None:
        from azultel.orders import receivers  # noqa: F401 - the sign-in signal keeps the cart
        from azultel.orders.registrations import orders_register

        orders_register()
