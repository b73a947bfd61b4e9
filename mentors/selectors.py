"""Reads on the mentor register: the legal conditions (R32-R36), validity, capacity (R40)."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, Min, Model, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from duaal.audit.models import Event
from duaal.organisaties.models import Opleiding, Partnerschap, Vestiging
from duaal.termijnen import leeftijd_op, min_jaren

from .constants import (
    MIN_JAREN_ERVARING,
    MIN_LEEFTIJD,
    MIN_LEEFTIJD_MET_VOOROPLEIDING,
    UITTREKSEL_MAX_OUDERDOM_JAREN,
    OpleidingStatus,
    ToewijzingStatus,
    UitzonderingSoort,
    UitzonderingStatus,
    VoorwaardeStatus,
)
from .models import Mentor, Mentoropleiding, MentorToewijzing, Uittreksel, Uitzondering

if TYPE_CHECKING:
    from duaal.accounts.actor import Actor


@dataclass(frozen=True)
class Voorwaarde:
    code: str
    naam: str
    status: str
    reden: str

    @property
    def in_orde(self) -> bool:
        return self.status != VoorwaardeStatus.NIET_VOLDAAN


def _toegekend(uitzonderingen: list[Uitzondering], soort: str, partnerschap_id: int | None) -> bool:
    return any(
        u.soort == soort
        and u.status == UitzonderingStatus.TOEGEKEND
        and (partnerschap_id is None or u.partnerschap_id == partnerschap_id)
        for u in uitzonderingen
    )


def _aangevraagd(
    uitzonderingen: list[Uitzondering], soort: str, partnerschap_id: int | None
) -> bool:
    return any(
        u.soort == soort
        and u.status == UitzonderingStatus.AANGEVRAAGD
        and (partnerschap_id is None or u.partnerschap_id == partnerschap_id)
        for u in uitzonderingen
    )


def _leeftijd(mentor: Mentor, op: dt.date, uitz: list[Uitzondering], pid: int | None) -> Voorwaarde:
    jaren = leeftijd_op(mentor.geboortedatum, op)
    naam = _("Age at least 25")
    if jaren >= MIN_LEEFTIJD:
        return Voorwaarde(
            "leeftijd", naam, VoorwaardeStatus.VOLDAAN, _("%(jaren)s years old.") % {"jaren": jaren}
        )
    if jaren >= MIN_LEEFTIJD_MET_VOOROPLEIDING and _toegekend(
        uitz, UitzonderingSoort.LEEFTIJD, pid
    ):
        return Voorwaarde(
            "leeftijd",
            naam,
            VoorwaardeStatus.UITZONDERING,
            _("%(jaren)s years old; age 23 allowed on proof of prior education.")
            % {"jaren": jaren},
        )
    reden = _("%(jaren)s years old; the minimum is 25.") % {"jaren": jaren}
    if jaren >= MIN_LEEFTIJD_MET_VOOROPLEIDING:
        reden += " " + (
            _("An exception has been requested.")
            if _aangevraagd(uitz, UitzonderingSoort.LEEFTIJD, pid)
            else _("From 23, an exception can be requested on proof of prior education.")
        )
    return Voorwaarde("leeftijd", naam, VoorwaardeStatus.NIET_VOLDAAN, reden)


def _ervaring(mentor: Mentor, uitz: list[Uitzondering], pid: int | None) -> Voorwaarde:
    naam = _("At least 5 years of experience")
    jaren = mentor.jaren_ervaring
    if jaren >= MIN_JAREN_ERVARING:
        return Voorwaarde(
            "ervaring", naam, VoorwaardeStatus.VOLDAAN, _("%(jaren)s years.") % {"jaren": jaren}
        )
    if _toegekend(uitz, UitzonderingSoort.ERVARING, pid):
        return Voorwaarde(
            "ervaring",
            naam,
            VoorwaardeStatus.UITZONDERING,
            _("Waived on proof of prior education."),
        )
    reden = _("%(jaren)s years; the minimum is 5.") % {"jaren": jaren}
    reden += " " + (
        _("An exception has been requested.")
        if _aangevraagd(uitz, UitzonderingSoort.ERVARING, pid)
        else _("An exception can be requested on proof of prior education.")
    )
    return Voorwaarde("ervaring", naam, VoorwaardeStatus.NIET_VOLDAAN, reden)


def _uittreksel(uittreksels: list[Uittreksel], aanstelling: dt.date) -> Voorwaarde:
    """R36: issued at most 1 year before the designation. An extract issued after the
    designation (the usual order: designate, then ask the municipality) is newer still and
    counts too; uploads never carry a date in the future."""
    naam = _("Criminal-record extract 596.2, at most 1 year old")
    vroegste = min_jaren(aanstelling, UITTREKSEL_MAX_OUDERDOM_JAREN)
    if not uittreksels:
        return Voorwaarde(
            "uittreksel", naam, VoorwaardeStatus.NIET_VOLDAAN, _("No extract uploaded yet.")
        )
    laatste = max(uittreksels, key=lambda x: x.uitgereikt_op)
    datum = laatste.uitgereikt_op.strftime("%d/%m/%Y")
    if laatste.uitgereikt_op < vroegste:
        reden = _(
            "The newest extract was issued on %(datum)s: more than 1 year before %(aanstelling)s."
        ) % {"datum": datum, "aanstelling": aanstelling.strftime("%d/%m/%Y")}
        return Voorwaarde("uittreksel", naam, VoorwaardeStatus.NIET_VOLDAAN, reden)
    reden = _("Issued on %(datum)s.") % {"datum": datum}
    if laatste.gecontroleerd_op is None:
        reden += " " + _("Not yet checked by the partnership.")
    return Voorwaarde("uittreksel", naam, VoorwaardeStatus.VOLDAAN, reden)


def voorwaarden(
    mentor: Mentor,
    *,
    op: dt.date,
    aanstelling: dt.date | None = None,
    partnerschap_id: int | None = None,
) -> list[Voorwaarde]:
    """The three legal conditions on day `op` for a designation on `aanstelling` (default `op`).

    Exceptions count only when granted by `partnerschap_id`, the partnership competent for the
    designation's programme; without one, any granted exception counts (the register overview).
    Expects `uitzonderingen` and `uittreksels` prefetched when called for many mentors.
    """
    uitz = list(mentor.uitzonderingen.all())
    return [
        _leeftijd(mentor, op, uitz, partnerschap_id),
        _ervaring(mentor, uitz, partnerschap_id),
        _uittreksel(list(mentor.uittreksels.all()), aanstelling or op),
    ]


def voorwaarden_toewijzing(toewijzing: MentorToewijzing, *, op: dt.date) -> list[Voorwaarde]:
    return voorwaarden(
        toewijzing.mentor,
        op=op,
        aanstelling=toewijzing.aangesteld_op,
        partnerschap_id=toewijzing.opleiding.partnerschap_id,
    )


def toewijzing_is_geldig(toewijzing: MentorToewijzing, *, op: dt.date) -> bool:
    """An accepted, active designation whose mentor meets every condition on `op`."""
    return (
        toewijzing.status == ToewijzingStatus.AANVAARD
        and toewijzing.actief
        and all(v.in_orde for v in voorwaarden_toewijzing(toewijzing, op=op))
    )


def _met_bewijs(qs: QuerySet) -> QuerySet:
    return qs.prefetch_related(Prefetch("mentor__uitzonderingen"), Prefetch("mentor__uittreksels"))


def geldige_toewijzingen(
    vestiging: Vestiging, opleiding: Opleiding, *, op: dt.date
) -> list[MentorToewijzing]:
    """The designations that make this establishment x programme have a valid mentor (R43)."""
    kandidaten = _met_bewijs(
        MentorToewijzing.objects.filter(
            vestiging=vestiging,
            opleiding=opleiding,
            status=ToewijzingStatus.AANVAARD,
            actief=True,
        ).select_related("mentor", "opleiding")
    )
    return [t for t in kandidaten if toewijzing_is_geldig(t, op=op)]


def heeft_geldige_mentor(vestiging: Vestiging, opleiding: Opleiding, *, op: dt.date) -> bool:
    return bool(geldige_toewijzingen(vestiging, opleiding, op=op))


@dataclass(frozen=True)
class Capaciteit:
    kan: bool
    reden: str


def mentor_kan_leerling_erbij(
    *, toewijzing: MentorToewijzing, leerlingen_op_datum: int, op: dt.date
) -> Capaciteit:
    """Can this mentor take one more learner on `op` (R40)? The caller (the agreements app)
    counts the learners the mentor already guides on that date; the cap is the partnership's."""
    if not toewijzing_is_geldig(toewijzing, op=op):
        return Capaciteit(
            False,
            _("%(mentor)s is not a valid mentor for this programme here.")
            % {"mentor": toewijzing.mentor},
        )
    partnerschap: Partnerschap = toewijzing.opleiding.partnerschap
    maximum = partnerschap.max_leerlingen_per_mentor
    if leerlingen_op_datum >= maximum:
        return Capaciteit(
            False,
            _("%(mentor)s already guides %(aantal)s learner(s); %(partnerschap)s allows %(max)s.")
            % {
                "mentor": toewijzing.mentor,
                "aantal": leerlingen_op_datum,
                "partnerschap": partnerschap,
                "max": maximum,
            },
        )
    return Capaciteit(True, "")


def mentorregister(onderneming_id: int) -> list[Mentor]:
    """The register with everything the list shows, in a fixed number of queries."""
    return list(
        Mentor.objects.filter(onderneming_id=onderneming_id).prefetch_related(
            "uitzonderingen",
            "uittreksels",
            Prefetch(
                "toewijzingen",
                queryset=MentorToewijzing.objects.select_related("vestiging", "opleiding"),
            ),
        )
    )


def mentoren_voor_dashboard(onderneming_id: int) -> list[Mentor]:
    """The employer dashboard's view of the register, in three queries: each mentor with the
    date of the earliest active designation (`eerste_aanstelling`), against which the extract is
    judged (R36), rather than as if the mentor were designated today."""
    return list(
        Mentor.objects.filter(onderneming_id=onderneming_id)
        .annotate(
            eerste_aanstelling=Min(
                "toewijzingen__aangesteld_op", filter=Q(toewijzingen__actief=True)
            )
        )
        .prefetch_related("uitzonderingen", "uittreksels")
    )


# --- Reads for the screens and the dashboard (fixed query counts) ---------------------------

OPEN_OPLEIDING = [OpleidingStatus.TE_VOLGEN, OpleidingStatus.GEPLAND]


def _lopende_toewijzing() -> Exists:
    """Only trainings of mentors still designated (proposed or accepted, active) under the
    training's partnership are chased, as the deadline sweeps do."""
    return Exists(
        MentorToewijzing.objects.filter(
            mentor_id=OuterRef("mentor_id"),
            opleiding__partnerschap_id=OuterRef("partnerschap_id"),
            status__in=[ToewijzingStatus.VOORGESTELD, ToewijzingStatus.AANVAARD],
            actief=True,
        )
    )


def _achterstallig(op: dt.date) -> Q:
    """Open trainings past a deadline, as the overdue sweep defines it (flagged or not yet)."""
    return (
        Q(achterstallig_sinds__isnull=False)
        | Q(voltooien_uiterlijk_op__lt=op)
        | Q(status=OpleidingStatus.TE_VOLGEN, plannen_uiterlijk_op__lt=op)
    )


def mentoropleidingen_aandacht(
    onderneming_id: int, *, op: dt.date, binnen_dagen: int = 60
) -> QuerySet[Mentoropleiding]:
    """The employer's open mentor trainings that are overdue or due within `binnen_dagen`."""
    grens = op + dt.timedelta(days=binnen_dagen)
    return (
        Mentoropleiding.objects.filter(
            mentor__onderneming_id=onderneming_id, status__in=OPEN_OPLEIDING
        )
        .filter(_achterstallig(op) | Q(voltooien_uiterlijk_op__lte=grens), _lopende_toewijzing())
        .select_related("mentor", "partnerschap")
        .order_by("voltooien_uiterlijk_op", "pk")
    )


def mentoropleidingen_achterstallig(
    partnerschap_id: int, *, op: dt.date
) -> QuerySet[Mentoropleiding]:
    return (
        Mentoropleiding.objects.filter(partnerschap_id=partnerschap_id, status__in=OPEN_OPLEIDING)
        .filter(_achterstallig(op), _lopende_toewijzing())
        .select_related("mentor__onderneming")
        .order_by("voltooien_uiterlijk_op", "pk")
    )


def toewijzingen_te_beoordelen(partnerschap_id: int) -> QuerySet[MentorToewijzing]:
    return (
        MentorToewijzing.objects.filter(
            opleiding__partnerschap_id=partnerschap_id, status=ToewijzingStatus.VOORGESTELD
        )
        .select_related("mentor__onderneming", "vestiging", "opleiding")
        .order_by("aangesteld_op", "pk")
    )


def uitzonderingen_te_beslissen(partnerschap_id: int) -> QuerySet[Uitzondering]:
    return (
        Uitzondering.objects.filter(
            partnerschap_id=partnerschap_id, status=UitzonderingStatus.AANGEVRAAGD
        )
        .select_related("mentor__onderneming")
        .order_by("created_at", "pk")
    )


def uittreksels_te_controleren(actor: "Actor") -> QuerySet[Uittreksel]:
    """Unchecked extracts the actor's partnership may check (S7 visibility applies)."""
    return (
        Uittreksel.objects.visible_to(actor)
        .filter(gecontroleerd_op__isnull=True, verwijderd_op__isnull=True)
        .select_related("mentor__onderneming")
        .order_by("created_at", "pk")
    )


def dossier_tijdlijn(objecten: Iterable[Model], *, limit: int = 50) -> list[Event]:
    """The newest audit events of several objects at once (a mentor and their evidence), in
    one query. Pass only objects the actor may see: the events carry their motivations."""
    per_type: dict[int, set[int]] = {}
    for obj in objecten:
        ct = ContentType.objects.get_for_model(obj)
        per_type.setdefault(ct.pk, set()).add(obj.pk)
    if not per_type:
        return []
    voorwaarde = Q()
    for ct_id, ids in per_type.items():
        voorwaarde |= Q(content_type_id=ct_id, object_id__in=sorted(ids))
    return list(Event.objects.filter(voorwaarde).order_by("-at", "-id")[:limit])
