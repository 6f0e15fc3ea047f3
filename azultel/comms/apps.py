from django.apps import AppConfig


class CommsConfig(AppConfig):
    name = "azultel.comms"
    label = "comms"
    verbose_name = "Communications"

    def ready(self) -> None:
        from azultel.comms import receivers
        from azultel.comms.services import messages_erase, messages_export
        from azultel.privacy.registry import erasure_hook_register, export_provider_register
        from azultel.privacy.signals import policy_change_published

        export_provider_register("emails", messages_export)
        erasure_hook_register(messages_erase)
        policy_change_published.connect(
            receivers.policy_change_published, dispatch_uid="comms.policy_change_published"
        )
