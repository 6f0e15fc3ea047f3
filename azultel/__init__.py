"""Azultel Web: the customer website and back office of Azultel."""

from azultel.config.celery import app as celery_app

__all__ = ["celery_app"]
