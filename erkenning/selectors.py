"""Reads on applications and recognitions: completeness, the clock, the queue, the search."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import (
    Case,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from duaal.accounts import permissions as perms
from duaal.accounts.actor import Actor
from duaal.accounts.models import Membership
from duaal.accounts.permissions import rollen_met
from duaal.organisaties.models import CriteriumDocument, Opleiding, Vestiging
from duaal.organisaties.selectors import Criteriaset, criteria_voor
from duaal.termijnen import HERNIEUWING_HERINNERING, einde
from erkenning.constants import (
    AFGESLOTEN_ZONDER_ERKENNING,
    BEROEP_TE_BEHANDELEN,
    BEWERKBAAR,
    HERNIEUWING_HERINNERINGEN,
    LOPEND,
    OPEN_STATUSSEN,
    AanvraagStatus,
    ErkenningStatus,
    SanctieSoort,
)
from erkenning.models import (
    Aanvraag,
    AanvraagDocument,
    Beroep,
    CriteriumAntwoord,
    Erkenning,
    Machtiging,
    Sanctie,
)
from mentors.models import Mentor


def criteria_peilmoment(aanvraag: Aanvraag, now: dt.datetime | None = None) -> dt.datetime:
    """The moment whose criteria apply: the submission; for a draft, now (the current set)."""
    return aanvraag.ingediend_op or now or timezone.now()


def criteria_van(aanvraag: Aanvraag, now: dt.datetime | None = None) -> Criteriaset:
    """The competent partnership's criteria version that applies to this application."""
    return criteria_voor(aanvraag.partnerschap_id, op=criteria_peilmoment(aanvraag, now))


def antwoorden_van(
    aanvraag: Aanvraag, criteria: Criteriaset | None = None
) -> list[CriteriumAntwoord]:
    """The employer's answers to the criteria that apply, in the partnership's order; a
    criterion added after the draft started has an unsaved, unticked answer."""
    criteria = criteria or criteria_van(aanvraag)
    gegeven = {a.criterium_id: a for a in aanvraag.antwoorden.all()}
    antwoorden = []
    for criterium in criteria.criteria:
        antwoord = gegeven.get(criterium.pk) or CriteriumAntwoord(aanvraag=aanvraag)
        antwoord.criterium = criterium  # the row of the version, with its documents
        antwoorden.append(antwoord)
    return antwoorden


def vereisten_van(
    aanvraag: Aanvraag, criteria: Criteriaset | None = None
) -> list[CriteriumDocument]:
    """The documents the competent partnership asks, per criterion in its order (R8)."""
    return (criteria or criteria_van(aanvraag)).vereisten


def ontbrekende_onderdelen(
    aanvraag: Aanvraag,
    *,
    antwoorden: list[CriteriumAntwoord] | None = None,
    vereisten: list[CriteriumDocument] | None = None,
    now: dt.datetime | None = None,
) -> list[str]:
    """What still keeps the application from being submitted, in the employer's words.

    A screen that already shows the answers and the documents asked passes them in, so they are
    not fetched twice (P1); mentors and documents come from the prefetch when there is one."""
    if antwoorden is None or vereisten is None:
        criteria = criteria_van(aanvraag, now)
        antwoorden = antwoorden_van(aanvraag, criteria) if antwoorden is None else antwoorden
        vereisten = criteria.vereisten if vereisten is None else vereisten
    mentoren = list(aanvraag.mentoren.all())
    documenten = list(aanvraag.documenten.all())
    per_criterium: dict[int, list[CriteriumDocument]] = defaultdict(list)
    for vereist in vereisten:
        per_criterium[vereist.criterium_id].append(vereist)
    tekorten = [] if mentoren else [_("name at least one mentor")]
    for antwoord in antwoorden:
        if not antwoord.voldaan:
            tekorten.append(_("criterion not confirmed: %(c)s") % {"c": antwoord.criterium})
        for vereist in per_criterium[antwoord.criterium_id]:
            tekorten += _ontbrekende_documenten(vereist, documenten, mentoren)
    return tekorten


def _ontbrekende_documenten(
    vereist: CriteriumDocument, documenten: list[AanvraagDocument], mentoren: list[Mentor]
) -> list[str]:
    if not vereist.verplicht:
        return []
    opgeladen = {d.mentor_id for d in documenten if d.vereist_id == vereist.pk}
    if vereist.per_mentor:
        return [
            _("%(doc)s for %(mentor)s") % {"doc": vereist.naam, "mentor": mentor}
            for mentor in mentoren
            if mentor.pk not in opgeladen
        ]
    return [] if opgeladen else [str(vereist.naam)]


def verklaring_op_eer_geldig(aanvraag: Aanvraag) -> bool:
    """The declaration on honour is signed by someone who still represents the enterprise
    (R4): the file a mandated school prepared may then be submitted."""
    if aanvraag.verklaring_op_eer_door_id is None:
        return False
    return Membership.objects.filter(
        user_id=aanvraag.verklaring_op_eer_door_id,
        organisatie_id=aanvraag.onderneming_id,
        actief=True,
        rol__in=rollen_met(perms.ERKENNING_BEHEREN),
    ).exists()


def hernieuwing_lopend(erkenning: Erkenning) -> bool:
    """A renewal of this recognition is being drafted or reviewed (R20)."""
    return (
        Aanvraag.objects.filter(vorige_erkenning=erkenning)
        .exclude(status__in=AFGESLOTEN_ZONDER_ERKENNING)
        .exists()
    )


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
        uiterlijk_op = aanvraag.beslissing_uiterlijk_op
        # A complete application has its decision date: it is set when the file is complete.
        assert dagen is not None and uiterlijk_op is not None
        if dagen >= 0:
            uitleg = _("Decision due by %(d)s: %(n)s day(s) left.")
        elif aanvraag.geescaleerd_op is not None:
            uitleg = _(
                "The decision term ended on %(d)s: %(n)s day(s) overdue; the file was escalated."
            )
        else:
            uitleg = _(
                "The decision term ended on %(d)s: %(n)s day(s) overdue; the file is being "
                "escalated."
            )
        return Klok(
            True,
            dagen,
            uiterlijk_op,
            uitleg % {"d": uiterlijk_op.strftime("%d/%m/%Y"), "n": abs(dagen)},
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
    # Prefetched, not joined: with the joins PostgreSQL hash-joins the open files against every
    # enterprise before it sorts and pages (15-32 ms on the scale seed; ~1 ms without, P1).
    return (
        qs.prefetch_related("onderneming", "vestiging", "opleiding")
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


def lopend_voor_plaats(vestiging_ref: str, opleiding_ref: str) -> Exists:
    """For other apps' querysets: a running recognition exists for the row's establishment x
    programme (OuterRef names)."""
    return Exists(
        Erkenning.objects.filter(
            vestiging_id=OuterRef(vestiging_ref),
            opleiding_id=OuterRef(opleiding_ref),
            status__in=LOPEND,
        )
    )


def laatste_einde_voor_plaats(vestiging_ref: str, opleiding_ref: str) -> Subquery:
    """For other apps' querysets: the status of the row's establishment x programme's most
    recently ended recognition (expired, lifted, excluded), or NULL if none ended."""
    return Subquery(
        Erkenning.objects.filter(
            vestiging_id=OuterRef(vestiging_ref), opleiding_id=OuterRef(opleiding_ref)
        )
        .exclude(status__in=LOPEND)
        .order_by(F("beeindigd_op").desc(nulls_last=True), "-pk")
        .values("status")[:1]
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


# --- Reads for the screens and the dashboard (fixed query counts) ---------------------------


def _beroep_lopend(veld: str) -> Exists:
    return Exists(Beroep.objects.filter(**{veld: OuterRef("pk")}))


def aanvragen_voor(actor: Actor) -> QuerySet[Aanvraag]:
    """The applications the actor may see, newest first, with what the list shows."""
    return (
        Aanvraag.objects.visible_to(actor)
        .select_related("onderneming", "vestiging", "opleiding", "partnerschap", "ingediend_namens")
        .order_by("-created_at", "-pk")
    )


def werkgever_aanvragen_met_actie(onderneming_id: int, *, op: dt.date) -> QuerySet[Aanvraag]:
    """In one query, the employer's applications that need its action: drafts and incomplete
    files to finish, and refusals it can still appeal (term running, no appeal lodged, R27)."""
    beroep_mogelijk = Q(status=AanvraagStatus.AFGEWEZEN, beroep_uiterlijk_op__gte=op) & ~Q(
        _beroep_lopend("aanvraag_id")
    )
    return (
        Aanvraag.objects.filter(onderneming_id=onderneming_id)
        .filter(Q(status__in=BEWERKBAAR) | beroep_mogelijk)
        .select_related("vestiging", "opleiding", "ingediend_namens")
        .order_by("created_at", "pk")
    )


def aanvragen_namens_af_te_werken(organisatie_id: int) -> QuerySet[Aanvraag]:
    """Drafts and incomplete files a school or partnership filed under a mandate (R4)."""
    return (
        Aanvraag.objects.filter(ingediend_namens_id=organisatie_id, status__in=BEWERKBAAR)
        .select_related("onderneming", "vestiging", "opleiding")
        .order_by("created_at", "pk")
    )


def erkenningen_te_hernieuwen(
    onderneming_id: int, *, op: dt.date, binnen_dagen: int = max(HERNIEUWING_HERINNERINGEN)
) -> QuerySet[Erkenning]:
    """Running recognitions ending within `binnen_dagen` with no renewal under way."""
    hernieuwing = Aanvraag.objects.filter(vorige_erkenning_id=OuterRef("pk")).exclude(
        status__in=AFGESLOTEN_ZONDER_ERKENNING
    )
    return (
        Erkenning.objects.filter(
            onderneming_id=onderneming_id,
            status__in=LOPEND,
            geldig_tot__lte=einde(HERNIEUWING_HERINNERING, op, lengte=binnen_dagen),
        )
        .exclude(Exists(hernieuwing))
        .select_related("vestiging", "opleiding")
        .order_by("geldig_tot", "pk")
    )


def sancties_met_beroep_mogelijk(onderneming_id: int, *, op: dt.date) -> QuerySet[Sanctie]:
    """Sanctions the enterprise can still appeal (R27): term running, no appeal lodged."""
    return (
        Sanctie.objects.filter(onderneming_id=onderneming_id, beroep_uiterlijk_op__gte=op)
        .exclude(_beroep_lopend("sanctie_id"))
        .order_by("beroep_uiterlijk_op", "pk")
    )


def te_controleren_op_volledigheid(partnerschap_id: int) -> QuerySet[Aanvraag]:
    """Submitted files awaiting the completeness check, oldest first."""
    return (
        Aanvraag.objects.filter(partnerschap_id=partnerschap_id, status=AanvraagStatus.INGEDIEND)
        .select_related("onderneming", "vestiging", "opleiding")
        .order_by("ingediend_op", "pk")
    )


def beslissing_nadert(partnerschap_id: int, *, tot: dt.date) -> QuerySet[Aanvraag]:
    """Complete files due on or before `tot` (overdue ones included), by days left."""
    return (
        Aanvraag.objects.filter(
            partnerschap_id=partnerschap_id,
            status=AanvraagStatus.VOLLEDIG,
            beslissing_uiterlijk_op__lte=tot,
        )
        .select_related("onderneming", "vestiging", "opleiding")
        .order_by("beslissing_uiterlijk_op", "pk")
    )


def geescaleerde_aanvragen(partnerschap_id: int, *, op: dt.date) -> QuerySet[Aanvraag]:
    """Complete files whose decision term lapsed (escalated, or about to be by the sweep)."""
    return (
        Aanvraag.objects.filter(partnerschap_id=partnerschap_id, status=AanvraagStatus.VOLLEDIG)
        .filter(Q(geescaleerd_op__isnull=False) | Q(beslissing_uiterlijk_op__lt=op))
        .select_related("onderneming", "vestiging", "opleiding")
        .order_by("beslissing_uiterlijk_op", "pk")
    )


def beroepen_te_behandelen() -> QuerySet[Beroep]:
    """Appeals awaiting receipt and admissibility, or the committee's outcome (R29)."""
    return (
        Beroep.objects.filter(status__in=BEROEP_TE_BEHANDELEN)
        .select_related("onderneming", "partnerschap")
        .order_by("ingediend_op", "pk")
    )


def machtigingen_voor(actor: Actor) -> QuerySet[Machtiging]:
    return (
        Machtiging.objects.visible_to(actor)
        .select_related("onderneming", "gemachtigde", "verleend_door")
        .order_by("ingetrokken_op", "-created_at", "-pk")
    )


def gemachtigde_vestigingen(organisatie_id: int) -> QuerySet[Vestiging]:
    """The establishments of the enterprises that mandated this school or partnership to file
    applications (R4)."""
    return (
        Vestiging.objects.filter(
            Exists(
                Machtiging.objects.filter(
                    onderneming_id=OuterRef("onderneming_id"),
                    gemachtigde_id=organisatie_id,
                    ingetrokken_op__isnull=True,
                    voor_aanvragen=True,
                )
            )
        )
        .select_related("onderneming")
        .order_by("onderneming__naam", "naam", "pk")
    )
