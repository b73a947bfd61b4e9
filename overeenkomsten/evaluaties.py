"""Reads for evaluations and the home-care records: the phase an agreement is in, what the
first month of that phase asks (supervised days, the evaluation after it), the weeks without
feedback afterwards, and which evaluations each party may see (S1: only its own agreements).

The programme's rules are those in force when the agreement was sent (they govern it), read
once per page through `opleidingsregels_voor`."""

import datetime as dt
from dataclasses import dataclass, field
from datetime import datetime

from dateutil.relativedelta import relativedelta

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from duaal.accounts.actor import Actor
from duaal.organisaties.constants import OrganisatieSoort
from duaal.organisaties.programmaregels import Fase, opleidingsregels_voor

from .constants import OvereenkomstStatus
from .models import (
    BegeleideDag,
    Evaluatie,
    Feedbackmoment,
    KlassenraadBeslissing,
    Leerling,
    Overeenkomst,
    VerplichteEvaluatie,
)
from .models.evaluatie import EvaluatieUitkomst

# A not-positive evaluation extends the supervised period: the next evaluation is due this
# many months after it (the brochure's "first month", once more).
VERLENGING_MAANDEN = 1
# The dashboards show a required evaluation from this many days before it is due.
DASHBOARD_VOORUIT_DAGEN = 14

# Agreements under way, whose phase requirements still apply.
LOPEND = [OvereenkomstStatus.ONDERTEKEND]
# Evaluations may be recorded on a signed agreement and, for the final one, after it ended.
EVALUEERBAAR = [
    OvereenkomstStatus.ONDERTEKEND,
    OvereenkomstStatus.BEEINDIGD,
    OvereenkomstStatus.AFGELOPEN,
]


def fase_van(overeenkomst: Overeenkomst, *, now: datetime | None = None) -> Fase | None:
    """The phase the agreement covers, under the rules in force when it was sent (four
    queries); None for a programme without phases or an agreement without one."""
    if overeenkomst.fase_volgorde is None:
        return None
    op = overeenkomst.verstuurd_op or now or timezone.now()
    return opleidingsregels_voor(overeenkomst.opleiding, op=op).fase(overeenkomst.fase_volgorde)


def fase_start(overeenkomst: Overeenkomst) -> dt.date:
    """One agreement covers one phase at one employer, so the phase starts with it."""
    return overeenkomst.start


def eerste_maand(overeenkomst: Overeenkomst) -> tuple[dt.date, dt.date]:
    """The first month of the phase, both days included."""
    van = fase_start(overeenkomst)
    return van, van + relativedelta(months=1) - dt.timedelta(days=1)


def evaluatie_uiterlijk(overeenkomst: Overeenkomst, fase: Fase) -> dt.date | None:
    """When the phase's required evaluation is due: its start plus the phase's months."""
    if fase.evaluatie_na_maanden is None:
        return None
    return fase_start(overeenkomst) + relativedelta(months=fase.evaluatie_na_maanden)


def voldoet(evaluatie: Evaluatie) -> bool:
    """A positive evaluation meets the requirement, and so does a motivated report."""
    return evaluatie.uitkomst == EvaluatieUitkomst.POSITIEF or bool(evaluatie.verslag.strip())


def evaluaties_zichtbaar(actor: Actor) -> QuerySet[Evaluatie]:
    """The evaluations the actor may see: the school those of its learners, an enterprise
    those of its own agreements; nobody else any."""
    soort = actor.organisatie_soort
    if soort == OrganisatieSoort.ONDERWIJSINSTELLING and actor.organisatie_id is not None:
        return Evaluatie.objects.filter(leerling__onderwijsinstelling_id=actor.organisatie_id)
    if soort == OrganisatieSoort.ONDERNEMING:
        return Evaluatie.objects.filter(
            overeenkomst__in=Overeenkomst.objects.visible_to(actor).values("pk")
        )
    return Evaluatie.objects.none()


def evaluaties_van_leerling(actor: Actor, leerling: Leerling) -> list[Evaluatie]:
    return list(
        evaluaties_zichtbaar(actor)
        .filter(leerling=leerling)
        .select_related("overeenkomst__onderneming", "door")
    )


def evaluaties_per_leerling(leerlingen: list[Leerling]) -> dict[int, list[Evaluatie]]:
    """The learner's own evaluations for their dossier, per learner record (one query)."""
    per: dict[int, list[Evaluatie]] = {}
    for e in Evaluatie.objects.filter(leerling__in=leerlingen).select_related(
        "overeenkomst__onderneming"
    ):
        per.setdefault(e.leerling_id, []).append(e)
    return per


def klassenraadbeslissingen(leerling: Leerling) -> list[KlassenraadBeslissing]:
    return list(leerling.klassenraadbeslissingen.select_related("door"))


def nieuwe_evaluatie_nodig(
    evaluaties: list[Evaluatie], fase_volgorde: int | None
) -> dt.date | None:
    """After a not-positive evaluation the supervised period goes on: a new evaluation is due
    a month later, until one is positive. `evaluaties` newest first (their ordering)."""
    van_fase = [e for e in evaluaties if e.fase_volgorde == fase_volgorde]
    if not van_fase or van_fase[0].uitkomst == EvaluatieUitkomst.POSITIEF:
        return None
    return van_fase[0].datum + relativedelta(months=VERLENGING_MAANDEN)


@dataclass(frozen=True)
class Thuiszorg:
    """What the phase asks of the workplace and what was recorded."""

    fase: Fase
    eerste_maand: tuple[dt.date, dt.date]
    begeleide_dagen: list[BegeleideDag]
    feedbackmomenten: list[Feedbackmoment]
    weken_zonder_feedback: list[tuple[dt.date, dt.date]] = field(default_factory=list)

    @property
    def dagen_in_eerste_maand(self) -> int:
        van, tot = self.eerste_maand
        return sum(1 for d in self.begeleide_dagen if van <= d.datum <= tot)

    @property
    def dagen_vereist(self) -> int:
        return self.fase.begeleide_dagen_eerste_maand

    @property
    def dagen_voldaan(self) -> bool:
        return self.dagen_in_eerste_maand >= self.dagen_vereist


def weken_zonder_feedback(
    overeenkomst: Overeenkomst, momenten: list[Feedbackmoment], op: dt.date
) -> list[tuple[dt.date, dt.date]]:
    """The weeks after the first month, each seven days from the day after it, that ended
    by `op` (or the agreement's end) without a feedback moment."""
    _, eind_maand = eerste_maand(overeenkomst)
    laatste = min(op, overeenkomst.beeindigd_op or overeenkomst.einde)
    data = sorted(m.datum for m in momenten)
    weken: list[tuple[dt.date, dt.date]] = []
    van = eind_maand + dt.timedelta(days=1)
    while (tot := van + dt.timedelta(days=6)) < laatste:
        if not any(van <= d <= tot for d in data):
            weken.append((van, tot))
        van = tot + dt.timedelta(days=1)
    return weken


def thuiszorg(overeenkomst: Overeenkomst, fase: Fase | None, *, op: dt.date) -> Thuiszorg | None:
    """The home-care records of the agreement, when its phase asks supervised days or
    weekly feedback (two queries)."""
    if fase is None or not (fase.begeleide_dagen_eerste_maand or fase.wekelijkse_feedback):
        return None
    dagen = list(overeenkomst.begeleide_dagen.order_by("datum"))
    momenten = list(overeenkomst.feedbackmomenten.order_by("-datum", "-pk"))
    return Thuiszorg(
        fase=fase,
        eerste_maand=eerste_maand(overeenkomst),
        begeleide_dagen=dagen,
        feedbackmomenten=momenten,
        weken_zonder_feedback=(
            weken_zonder_feedback(overeenkomst, momenten, op) if fase.wekelijkse_feedback else []
        ),
    )


def verplichte_evaluaties_open(**organisatie: int) -> QuerySet[VerplichteEvaluatie]:
    """Required evaluations not met yet of running agreements, soonest first (one query).
    Pass `overeenkomst__onderwijsinstelling_id=` or `overeenkomst__onderneming_id=`."""
    return (
        VerplichteEvaluatie.objects.filter(
            voldaan_met__isnull=True, overeenkomst__status__in=LOPEND, **organisatie
        )
        .select_related("overeenkomst__leerling")
        .order_by("uiterlijk", "pk")
    )


def dashboard_grens(op: dt.date) -> dt.date:
    return op + dt.timedelta(days=DASHBOARD_VOORUIT_DAGEN)


def eerste_open_evaluatie() -> Subquery:
    """The due date of an agreement's earliest required evaluation not met yet, as an
    annotation: the employer's dashboard shows it within its one agreements query."""
    return Subquery(
        VerplichteEvaluatie.objects.filter(overeenkomst_id=OuterRef("pk"), voldaan_met__isnull=True)
        .order_by("uiterlijk")
        .values("uiterlijk")[:1]
    )
