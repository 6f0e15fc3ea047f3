from azultel.core import app_config


class DirectoryConfig(app_config.AzultelAppConfig):
    name = "azultel.directory"
    label = "directory"
    verbose_name = "Phone directory"
