from azultel.core import app_config


class ComplianceConfig(app_config.AzultelAppConfig):
    name = "azultel.compliance"
    label = "compliance"
    verbose_name = "Privacy office (disclosures on request, CPNI breaches, certification)"
