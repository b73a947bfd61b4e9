from django.db.models import Count, QuerySet

from duaal.accounts.actor import Actor

from .models import Opleiding, Partnerschap, Vestiging


def vestigingen_van(onderneming_id: int) -> QuerySet[Vestiging]:
    return Vestiging.objects.filter(onderneming_id=onderneming_id).order_by("naam", "pk")


def opleidingen_zoeken(actor: Actor, *, zoekterm: str = "") -> QuerySet[Opleiding]:
    qs = Opleiding.objects.visible_to(actor).filter(actief=True).select_related("partnerschap")
    if zoekterm:
        qs = qs.filter(officiele_naam__icontains=zoekterm) | qs.filter(code__iexact=zoekterm)
    return qs.order_by("officiele_naam", "pk")


def partnerschappen_zonder_criteria() -> QuerySet[Partnerschap]:
    return Partnerschap.objects.annotate(aantal=Count("criteria")).filter(aantal=0).order_by("naam")
