"""The Celery application. Without CELERY_BROKER_URL tasks run eagerly in process.

`celery beat` runs the periodic jobs each app declares in its tasks.py (PERIODIC), collected by
azultel.core.periodic; its Scheduler is the default, so no schedule lives in settings.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "azultel.config.settings")

app = Celery("azultel")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.beat_scheduler = "azultel.core.periodic:Scheduler"
app.autodiscover_tasks()
