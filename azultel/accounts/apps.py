from azultel.core import app_config


class AccountsConfig(app_config.AzultelAppConfig):
    name = "azultel.accounts"
    label = "accounts"
    verbose_name = "Accounts"
