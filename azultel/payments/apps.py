from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "azultel.payments"
    label = "payments"
    verbose_name = "Payments"

    def ready(self) -> None:
        from azultel.payments.privacy_hooks import payments_privacy_register

        payments_privacy_register()
