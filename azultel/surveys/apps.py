from azultel.core import app_config


class SurveysConfig(app_config.AzultelAppConfig):
    name = "azultel.surveys"
    label = "surveys"
    verbose_name = "Surveys"
