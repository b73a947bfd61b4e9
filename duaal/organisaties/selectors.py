import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from duaal.accounts.actor import Actor

from .models import (
    CriteriaVersie,
    Criterium,
    CriteriumDocument,
    Opleiding,
    Partnerschap,
    PartnerschapRegels,
    Vestiging,
)


def vestigingen_van(onderneming_id: int) -> QuerySet[Vestiging]:
    return Vestiging.objects.filter(onderneming_id=onderneming_id).order_by("naam", "pk")


def opleidingen_zoeken(actor: Actor, *, zoekterm: str = "") -> QuerySet[Opleiding]:
    qs = Opleiding.objects.visible_to(actor).filter(actief=True).select_related("partnerschap")
    if zoekterm:
        qs = qs.filter(officiele_naam__icontains=zoekterm) | qs.filter(code__iexact=zoekterm)
    return qs.order_by("officiele_naam", "pk")


def in_kracht(op: dt.datetime) -> Q:
    """A criterion or document row in force at `op` (empty bounds: since always, still)."""
    return (Q(geldig_vanaf__isnull=True) | Q(geldig_vanaf__lte=op)) & (
        Q(geldig_tot__isnull=True) | Q(geldig_tot__gt=op)
    )


def partnerschappen_zonder_criteria(now: dt.datetime | None = None) -> QuerySet[Partnerschap]:
    """Partnerships with no criterion in force now (employers would have nothing to answer)."""
    op = now or timezone.now()
    in_gebruik = Criterium.objects.filter(in_kracht(op), partnerschap_id=OuterRef("pk"))
    return Partnerschap.objects.exclude(Exists(in_gebruik)).order_by("naam")


@dataclass(frozen=True)
class Criteriaset:
    """The criteria of one partnership in force at one moment, with the documents each asks.

    `nummer` 0 is the set as platform staff set it up, before any change in the portal;
    `sinds` is when the version in force took effect (None for the original set)."""

    nummer: int
    sinds: dt.datetime | None
    criteria: list[Criterium]

    @property
    def vereisten(self) -> list[CriteriumDocument]:
        return [document for c in self.criteria for document in c.documenten.all()]


def criteria_voor(partnerschap_id: int, *, op: dt.datetime) -> Criteriaset:
    """The one read of a partnership's criteria: the version in force at `op` (an application's
    submission, or now for a draft). Two queries, whatever the number of criteria: the version's
    number and date ride along on the criteria rows (the dossier's P1 budget has no room for a
    third); only a partnership without criteria asks its versions apart."""
    versies = CriteriaVersie.objects.filter(partnerschap_id=partnerschap_id, geldig_vanaf__lte=op)
    aantal = versies.values("partnerschap_id").annotate(n=Count("pk")).values("n")
    laatste = versies.order_by("-geldig_vanaf", "-pk").values("geldig_vanaf")[:1]
    criteria: list[Criterium] = list(
        Criterium.objects.filter(in_kracht(op), partnerschap_id=partnerschap_id)
        .annotate(versie_nummer=Coalesce(Subquery(aantal), 0), versie_sinds=Subquery(laatste))
        .prefetch_related(
            Prefetch(
                "documenten",
                queryset=CriteriumDocument.objects.filter(in_kracht(op)).order_by("pk"),
            )
        )
        .order_by("volgorde", "pk")
    )
    if criteria:
        eerste = criteria[0]
        return Criteriaset(
            nummer=getattr(eerste, "versie_nummer"),  # noqa: B009 (an annotation)
            sinds=getattr(eerste, "versie_sinds"),  # noqa: B009
            criteria=criteria,
        )
    samen = versies.aggregate(n=Count("pk"), sinds=Max("geldig_vanaf"))
    return Criteriaset(nummer=samen["n"], sinds=samen["sinds"], criteria=[])


def criteriaversies_van(partnerschap_id: int) -> list[CriteriaVersie]:
    """Every change of the criteria, newest first, with who made it."""
    return list(
        CriteriaVersie.objects.filter(partnerschap_id=partnerschap_id)
        .select_related("gewijzigd_door")
        .order_by("-geldig_vanaf", "-pk")
    )


def _tijdstip(op: dt.date | dt.datetime) -> dt.datetime:
    """A day means the version in force at its end: a change made that day counts."""
    if isinstance(op, dt.datetime):
        return op
    return timezone.make_aware(dt.datetime.combine(op, dt.time.max))


def oorspronkelijke_regels(partnerschap: Partnerschap) -> PartnerschapRegels:
    """The rules before the first dated version: the partnership's own fields (unsaved)."""
    return PartnerschapRegels(
        partnerschap=partnerschap,
        geldig_vanaf=None,
        max_leerlingen_per_mentor=partnerschap.max_leerlingen_per_mentor,
        mentoropleiding_termijn_maanden=partnerschap.mentoropleiding_termijn_maanden,
        escalatie_e_mail="",
    )


def regels_voor(partnerschap: Partnerschap, *, op: dt.date | dt.datetime) -> PartnerschapRegels:
    """The cap, training deadline and escalation address in force at `op` (one query).

    Callers pass the date that fixes the rule for their file: an agreement's sending (R40),
    the start of a mentor's training clock; running files never move to a newer version."""
    versie = (
        PartnerschapRegels.objects.filter(
            partnerschap=partnerschap, geldig_vanaf__lte=_tijdstip(op)
        )
        .order_by("-geldig_vanaf", "-pk")
        .first()
    )
    return versie or oorspronkelijke_regels(partnerschap)


def regelversies_van(partnerschap: Partnerschap) -> list[PartnerschapRegels]:
    """Every dated version of the rules, newest first, then the original ones."""
    versies = list(
        PartnerschapRegels.objects.filter(partnerschap=partnerschap)
        .select_related("gewijzigd_door")
        .order_by("-geldig_vanaf", "-pk")
    )
    return [*versies, oorspronkelijke_regels(partnerschap)]
