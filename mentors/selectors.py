"""Reads on the mentor register: the legal conditions (R32-R36), validity, the cap (R40)."""

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import DateField, Exists, Func, Min, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from duaal.organisaties.models import Opleiding, Partnerschap, Vestiging
from duaal.organisaties.selectors import regels_voor
from duaal.termijnen import leeftijd_op, min_jaren

from .constants import (
    MIN_JAREN_ERVARING,
    MIN_LEEFTIJD,
    MIN_LEEFTIJD_MET_VOOROPLEIDING,
    OPLEIDING_OPEN,
    TOEWIJZING_LOPEND,
    UITTREKSEL_MAX_OUDERDOM_JAREN,
    OpleidingStatus,
    ToewijzingStatus,
    UitzonderingSoort,
    UitzonderingStatus,
    VoorwaardeStatus,
)
from .models import Mentor, Mentoropleiding, MentorToewijzing, Uittreksel, Uitzondering

if TYPE_CHECKING:
    from django.db.backends.base.base import BaseDatabaseWrapper
    from django.db.models.sql.compiler import SQLCompiler, _AsSqlType

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


# --- The same validity as one SQL condition, for sweeps over many places -------------------


class _JarenVoor(Func):
    """`date - n years` in SQL; 29 February minus a year is 28 February, as `min_jaren`."""

    output_field = DateField()
    template = "(%(expressions)s - make_interval(years => %(jaren)s))::date"

    def __init__(self, expression: object, jaren: int) -> None:
        super().__init__(expression, jaren=int(jaren))

    def as_sqlite(
        self, compiler: "SQLCompiler", connection: "BaseDatabaseWrapper", **extra: Any
    ) -> "_AsSqlType":
        # The embedded demo only; SQLite rolls 29 February back to 1 March instead.
        return self.as_sql(
            compiler, connection, template="date(%(expressions)s, '-%(jaren)s years')", **extra
        )


def _laatste_geboortedatum(op: dt.date, jaren: int) -> dt.date:
    """The latest date of birth of someone at least `jaren` old on `op`, by `leeftijd_op`."""
    grens = min_jaren(op, jaren)
    while leeftijd_op(grens + dt.timedelta(days=1), op) >= jaren:
        grens += dt.timedelta(days=1)
    return grens


def _uitzondering_toegekend(soort: str) -> Exists:
    return Exists(
        Uitzondering.objects.filter(
            mentor_id=OuterRef("mentor_id"),
            partnerschap_id=OuterRef("opleiding__partnerschap_id"),
            soort=soort,
            status=UitzonderingStatus.TOEGEKEND,
        )
    )


def geldig_op(op: dt.date) -> Q:
    """`toewijzing_is_geldig(t, op=op)` as a filter on designations (R32-R36, R43)."""
    leeftijd = Q(mentor__geboortedatum__lte=_laatste_geboortedatum(op, MIN_LEEFTIJD)) | (
        Q(mentor__geboortedatum__lte=_laatste_geboortedatum(op, MIN_LEEFTIJD_MET_VOOROPLEIDING))
        & Q(_uitzondering_toegekend(UitzonderingSoort.LEEFTIJD))
    )
    ervaring = Q(mentor__jaren_ervaring__gte=MIN_JAREN_ERVARING) | Q(
        _uitzondering_toegekend(UitzonderingSoort.ERVARING)
    )
    uittreksel = Exists(
        Uittreksel.objects.filter(
            mentor_id=OuterRef("mentor_id"),
            uitgereikt_op__gte=_JarenVoor(OuterRef("aangesteld_op"), UITTREKSEL_MAX_OUDERDOM_JAREN),
        )
    )
    return Q(status=ToewijzingStatus.AANVAARD, actief=True) & leeftijd & ervaring & Q(uittreksel)


def geldige_mentor_voor_plaats(vestiging_ref: str, opleiding_ref: str, *, op: dt.date) -> Exists:
    """For other apps' sweeps: the row's establishment x programme (OuterRef names) has a valid
    mentor on `op`. Uses the designations' index on (establishment, programme)."""
    return Exists(
        MentorToewijzing.objects.filter(
            geldig_op(op),
            vestiging_id=OuterRef(vestiging_ref),
            opleiding_id=OuterRef(opleiding_ref),
        )
    )


def leerlingen_maximum(toewijzing: MentorToewijzing, *, op: dt.datetime) -> int:
    """The cap on learners per mentor that applies to this designation: its programme's
    partnership's version in force at `op`, the agreement's sending (R40). The agreements app
    counts the learners and applies the cap."""
    partnerschap: Partnerschap = toewijzing.opleiding.partnerschap
    return regels_voor(partnerschap, op=op).max_leerlingen_per_mentor


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


def _lopende_toewijzing() -> Exists:
    """Only trainings of mentors still designated (proposed or accepted, active) under the
    training's partnership are chased, as the deadline sweeps do."""
    return Exists(
        MentorToewijzing.objects.filter(
            mentor_id=OuterRef("mentor_id"),
            opleiding__partnerschap_id=OuterRef("partnerschap_id"),
            status__in=TOEWIJZING_LOPEND,
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
            mentor__onderneming_id=onderneming_id, status__in=OPLEIDING_OPEN
        )
        .filter(_achterstallig(op) | Q(voltooien_uiterlijk_op__lte=grens), _lopende_toewijzing())
        .select_related("mentor", "partnerschap")
        .order_by("voltooien_uiterlijk_op", "pk")
    )


def mentoropleidingen_achterstallig(
    partnerschap_id: int, *, op: dt.date
) -> QuerySet[Mentoropleiding]:
    return (
        Mentoropleiding.objects.filter(partnerschap_id=partnerschap_id, status__in=OPLEIDING_OPEN)
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
