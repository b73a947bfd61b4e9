"""The portal's project package and the shared kernel every domain app builds on."""

from .celery import app as celery_app

__all__ = ["celery_app"]
