"""The kernel's own beat sweeps that belong to no domain app."""

from celery import shared_task

from django.utils import timezone

from duaal import kept_uploads


@shared_task(name="duaal.portaal.tasks.kept_uploads_opruimen")
def kept_uploads_opruimen_task() -> int:
    return kept_uploads.kept_uploads_opruimen(now=timezone.now())
