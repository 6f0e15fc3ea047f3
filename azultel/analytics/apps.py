from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "azultel.analytics"
    label = "analytics"
    verbose_name = "Site statistics"

    def ready(self) -> None:
        # Hits still waiting in this process's buffer are written when the interpreter exits
        # normally (manage.py commands, a stopped server); gunicorn also calls worker_exit.
        import atexit

        from azultel.analytics.buffer import buffer_shutdown

        atexit.register(buffer_shutdown)
