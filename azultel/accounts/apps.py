from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "azultel.accounts"
    label = "accounts"
    verbose_name = "Accounts"
