from django.apps import AppConfig


class BillingConfig(AppConfig):
    name = "azultel.billing"
    label = "billing"
    verbose_name = "Billing"

    def ready(self) -> None:
        from azultel.billing.registrations import billing_register

        billing_register()
