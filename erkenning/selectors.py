"""Reads on applications and recognitions: completeness, the clock, the queue, the search."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils.translation import gettext as _

from duaal.accounts.actor import Actor
from duaal.organisaties.models import Opleiding, Vestiging
from erkenning.constants import (
    LOPEND,
    OPEN_STATUSSEN,
    AanvraagStatus,
    ErkenningStatus,
    SanctieSoort,
)
from erkenning.models import Aanvraag, Erkenning, Sanctie


def ontbrekende_onderdelen(aanvraag: Aanvraag) -> list[str]:
    """What still keeps the application from being submitted, in the employer's words."""
    tekorten = []
    antwoorden = list(
        aanvraag.antwoorden.select_related("criterium").prefetch_related("criterium__documenten")
    )
    mentoren = list(aanvraag.mentoren.all())
    documenten = list(aanvraag.documenten.all())
    if not mentoren:
        tekorten.append(_("name at least one mentor"))
    for antwoord in antwoorden:
        if not antwoord.voldaan:
            tekorten.append(_("criterion not confirmed: %(c)s") % {"c": antwoord.criterium})
        for vereist in antwoord.criterium.documenten.all():
            if not vereist.verplicht:
                continue
            opgeladen = {d.mentor_id for d in documenten if d.vereist_id == vereist.pk}
            if vereist.per_mentor:
                for mentor in mentoren:
                    if mentor.pk not in opgeladen:
                        tekorten.append(
                            _("%(doc)s for %(mentor)s") % {"doc": vereist.naam, "mentor": mentor}
                        )
            elif not opgeladen:
                tekorten.append(str(vereist.naam))
    return tekorten


def actieve_uitsluiting(onderneming_id: int, vestiging_id: int, *, op: dt.date) -> Sanctie | None:
    """A running exclusion of the enterprise or establishment blocks new applications (R24.3)."""
    return (
        Sanctie.objects.filter(
            Q(soort=SanctieSoort.UITSLUITING_ONDERNEMING, onderneming_id=onderneming_id)
            | Q(soort=SanctieSoort.UITSLUITING_VESTIGING, vestiging_id=vestiging_id),
            Q(tot__isnull=True) | Q(tot__gte=op),
        )
        .order_by("-opgelegd_op")
        .first()
    )


def dagen_over(aanvraag: Aanvraag, *, op: dt.date) -> int | None:
    """Days left until the decision is due (negative: overdue); None while the clock is off."""
    if aanvraag.status != AanvraagStatus.VOLLEDIG or aanvraag.beslissing_uiterlijk_op is None:
        return None
    return (aanvraag.beslissing_uiterlijk_op - op).days


@dataclass(frozen=True)
class Klok:
    """The clock every party sees on the application page."""

    loopt: bool
    dagen_over: int | None
    uiterlijk_op: dt.date | None
    uitleg: str


def klok(aanvraag: Aanvraag, *, op: dt.date) -> Klok:
    if aanvraag.status == AanvraagStatus.VOLLEDIG:
        dagen = dagen_over(aanvraag, op=op)
        uitleg = (
            _("Decision due by %(d)s: %(n)s day(s) left.")
            if dagen >= 0
            else _(
                "The decision term ended on %(d)s: %(n)s day(s) overdue; the file was escalated."
            )
        )
        return Klok(
            True,
            dagen,
            aanvraag.beslissing_uiterlijk_op,
            uitleg % {"d": aanvraag.beslissing_uiterlijk_op.strftime("%d/%m/%Y"), "n": abs(dagen)},
        )
    if aanvraag.status == AanvraagStatus.ONVOLLEDIG:
        return Klok(False, None, None, _("The clock does not run while information is missing."))
    if aanvraag.status == AanvraagStatus.INGEDIEND:
        return Klok(
            False, None, None, _("The clock starts when the partnership finds the file complete.")
        )
    return Klok(False, None, None, "")


def wachtrij(
    partnerschap_id: int, *, status: str = "", opleiding_id: int | None = None
) -> QuerySet[Aanvraag]:
    """The consultant's queue: open files, complete ones by days left, then the rest by age."""
    qs = Aanvraag.objects.filter(partnerschap_id=partnerschap_id, status__in=OPEN_STATUSSEN)
    if status:
        qs = qs.filter(status=status)
    if opleiding_id:
        qs = qs.filter(opleiding_id=opleiding_id)
    return (
        qs.select_related("onderneming", "vestiging", "opleiding")
        .annotate(
            klok_eerst=Case(
                When(status=AanvraagStatus.VOLLEDIG, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("klok_eerst", "beslissing_uiterlijk_op", "ingediend_op", "pk")
    )


def lopende_erkenning(
    vestiging: Vestiging, opleiding: Opleiding, *, op: dt.date
) -> Erkenning | None:
    """The running recognition for an establishment x programme on date `op` (R17)."""
    return (
        Erkenning.objects.filter(
            vestiging=vestiging,
            opleiding=opleiding,
            status__in=LOPEND,
            geldig_van__lte=op,
            geldig_tot__gte=op,
        )
        .select_related("opleiding")
        .first()
    )


def mag_overeenkomst_starten(
    vestiging: Vestiging, opleiding: Opleiding, *, op: dt.date
) -> tuple[bool, str]:
    """For the agreements app: an active recognition with a valid mentor on the start date."""
    erkenning = lopende_erkenning(vestiging, opleiding, op=op)
    if erkenning is None:
        return False, _(
            "There is no running recognition for this programme at this establishment on %(d)s."
        ) % {"d": op.strftime("%d/%m/%Y")}
    if erkenning.status == ErkenningStatus.ZONDER_GELDIGE_MENTOR:
        return False, _("The recognition has no valid mentor at the moment.")
    return True, ""


def publiek_zoeken(*, opleiding_id: int | None, plaats: str = "") -> QuerySet[Erkenning]:
    """Recognised workplaces of employers that opted in, per programme and postcode or
    municipality (R3). Recognition is not availability: 'places available' is shown apart."""
    qs = Erkenning.objects.publiek().select_related("onderneming", "vestiging", "opleiding")
    if opleiding_id:
        qs = qs.filter(opleiding_id=opleiding_id)
    plaats = plaats.strip()
    if plaats.isdigit():
        qs = qs.filter(vestiging__postcode__startswith=plaats)
    elif plaats:
        qs = qs.filter(vestiging__gemeente__iexact=plaats)
    return qs.order_by("-plaatsen_beschikbaar", "vestiging__postcode", "onderneming__naam", "pk")


def erkenningen_voor(actor: Actor) -> QuerySet[Erkenning]:
    return Erkenning.objects.visible_to(actor).select_related(
        "vestiging", "opleiding", "onderneming"
    )
