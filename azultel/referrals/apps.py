from azultel.core import app_config


class ReferralsConfig(app_config.AzultelAppConfig):
    name = "azultel.referrals"
    label = "referrals"
    verbose_name = "Referrals (tell a friend)"
