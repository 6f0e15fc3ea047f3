from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "azultel.site"
    label = "site"
    verbose_name = "Public site"

    def ready(self) -> None:
        from azultel.privacy.registry import erasure_hook_register, export_provider_register
        from azultel.site.services import contact_messages_erase, contact_messages_export

        export_provider_register("contact_messages", contact_messages_export)
        erasure_hook_register(contact_messages_erase)
