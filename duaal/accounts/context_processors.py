from django.http import HttpRequest

from .actor import ANONYMOUS


def actor(request: HttpRequest) -> dict:
    return {"actor": getattr(request, "actor", ANONYMOUS)}
