"""The home-care phase of the care programme: the mentor's employer records the days the
learner worked under supervision in the first month and, afterwards, the weekly feedback
moments; the school's coach records the learner's registration number as care assistant,
which the phase requires before it starts (`inschrijvingsnummer_ontbreekt`)."""

import datetime as dt
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from duaal.accounts import permissions as perms
from duaal.accounts.actor import Actor
from duaal.audit.services import audit_record
from duaal.organisaties.programmaregels import Fase
from duaal.termijnen import vandaag
from duaal.workflow import Refusals, guarded_by, refusals, refuse_if, refuse_unless
from overeenkomsten import evaluaties as lezen
from overeenkomsten.constants import AuditVerb, OvereenkomstStatus
from overeenkomsten.exceptions import OvereenkomstFout
from overeenkomsten.models import BegeleideDag, Feedbackmoment, Leerling, Overeenkomst

from .common import verplicht

__all__ = [
    "begeleide_dag_registreren",
    "feedbackmoment_registreren",
    "inschrijvingsnummer_registreren",
    "kan_begeleide_dag_registreren",
    "kan_feedbackmoment_registreren",
    "kan_inschrijvingsnummer_registreren",
]

INSCHRIJVINGSNUMMER_MAX = 32


def inschrijvingsnummer_ontbreekt(leerling: Leerling, fase: Fase | None) -> bool:
    """Whether the phase requires the registration number as care assistant and the
    learner's dossier has none yet."""
    return bool(
        fase is not None
        and fase.inschrijvingsnummer_vereist
        and not leerling.inschrijvingsnummer_verzorgende.strip()
    )


def _werkgever(overeenkomst: Overeenkomst, door: Actor) -> Refusals:
    """The employer's side: the mentor works there, so its representative records."""
    nee = _("Only the mentor's employer records this.")
    return refusals(
        door.may(perms.OVEREENKOMST_OPVOLGEN, overeenkomst, reason=nee),
        refuse_if(not door.is_system and door.organisatie_id != overeenkomst.onderneming_id, nee),
    )


def _lopend(overeenkomst: Overeenkomst) -> str | None:
    return refuse_if(
        overeenkomst.status != OvereenkomstStatus.ONDERTEKEND,
        _("Only a signed agreement that is under way has these records; this one is “%(s)s”.")
        % {"s": overeenkomst.get_status_display()},
    )


def kan_begeleide_dag_registreren(
    overeenkomst: Overeenkomst, *, door: Actor, now: datetime
) -> Refusals:
    """Every reason why this actor may not record a supervised day now."""
    fase = lezen.fase_van(overeenkomst, now=now)
    return refusals(
        _werkgever(overeenkomst, door),
        _lopend(overeenkomst),
        refuse_if(
            fase is None or not fase.begeleide_dagen_eerste_maand,
            _("The phase of this agreement asks no supervised days."),
        ),
    )


def kan_feedbackmoment_registreren(
    overeenkomst: Overeenkomst, *, door: Actor, now: datetime
) -> Refusals:
    """Every reason why this actor may not record a feedback moment now."""
    fase = lezen.fase_van(overeenkomst, now=now)
    return refusals(
        _werkgever(overeenkomst, door),
        _lopend(overeenkomst),
        refuse_if(
            fase is None or not fase.wekelijkse_feedback,
            _("The phase of this agreement asks no weekly feedback."),
        ),
    )


def _datum_controleren(overeenkomst: Overeenkomst, datum: dt.date, now: datetime) -> None:
    if datum > vandaag(now):
        raise OvereenkomstFout(
            _("The date (%(d)s) lies in the future.") % {"d": datum.strftime("%d/%m/%Y")}
        )
    if not overeenkomst.start <= datum <= overeenkomst.einde:
        raise OvereenkomstFout(
            _("The date (%(d)s) falls outside the agreement (%(van)s – %(tot)s).")
            % {
                "d": datum.strftime("%d/%m/%Y"),
                "van": overeenkomst.start.strftime("%d/%m/%Y"),
                "tot": overeenkomst.einde.strftime("%d/%m/%Y"),
            }
        )


@guarded_by(kan_begeleide_dag_registreren)
@transaction.atomic
def begeleide_dag_registreren(
    *,
    overeenkomst: Overeenkomst,
    datum: dt.date,
    notities: str = "",
    door: Actor,
    now: datetime | None = None,
) -> BegeleideDag:
    """Record a day the learner worked in the presence or under the supervision of the
    mentor; the phase asks a number of them in its first month."""
    now = now or timezone.now()
    overeenkomst = Overeenkomst.objects.select_for_update().get(pk=overeenkomst.pk)
    refuse_unless(kan_begeleide_dag_registreren(overeenkomst, door=door, now=now))
    _datum_controleren(overeenkomst, datum, now)
    if overeenkomst.begeleide_dagen.filter(datum=datum).exists():
        raise OvereenkomstFout(
            _("%(d)s is already recorded as a supervised day.") % {"d": datum.strftime("%d/%m/%Y")}
        )
    dag = BegeleideDag.objects.create(
        overeenkomst=overeenkomst,
        datum=datum,
        notities=notities.strip()[:300],
        door=door.person,
        geregistreerd_op=now,
    )
    audit_record(
        obj=overeenkomst,
        verb=AuditVerb.BEGELEIDE_DAG_GEREGISTREERD,
        door=door,
        after={"datum": str(datum)},
        now=now,
    )
    return dag


@guarded_by(kan_feedbackmoment_registreren)
@transaction.atomic
def feedbackmoment_registreren(
    *,
    overeenkomst: Overeenkomst,
    datum: dt.date,
    wijze: str,
    notities: str = "",
    door: Actor,
    now: datetime | None = None,
) -> Feedbackmoment:
    """Record the mentor's feedback to the learner working under remote supervision."""
    now = now or timezone.now()
    overeenkomst = Overeenkomst.objects.select_for_update().get(pk=overeenkomst.pk)
    refuse_unless(kan_feedbackmoment_registreren(overeenkomst, door=door, now=now))
    _datum_controleren(overeenkomst, datum, now)
    if wijze not in Feedbackmoment.Wijze.values:
        raise OvereenkomstFout(_("Choose how the feedback was given."))
    moment = Feedbackmoment.objects.create(
        overeenkomst=overeenkomst,
        datum=datum,
        wijze=wijze,
        notities=notities.strip(),
        door=door.person,
        geregistreerd_op=now,
    )
    audit_record(
        obj=overeenkomst,
        verb=AuditVerb.FEEDBACK_GEREGISTREERD,
        door=door,
        after={"datum": str(datum), "wijze": wijze},
        now=now,
    )
    return moment


def kan_inschrijvingsnummer_registreren(
    leerling: Leerling, *, door: Actor, now: datetime
) -> Refusals:
    """Every reason why this actor may not record the registration number now."""
    return refusals(
        door.may(
            perms.LEERLING_BEHEREN,
            leerling,
            reason=_("Only a trajectory coach of the learner's school can do this."),
        )
    )


@guarded_by(kan_inschrijvingsnummer_registreren)
@transaction.atomic
def inschrijvingsnummer_registreren(
    *, leerling: Leerling, nummer: str, door: Actor, now: datetime | None = None
) -> Leerling:
    """Record the learner's registration number as care assistant (the home-care phase
    requires it before it starts)."""
    now = now or timezone.now()
    leerling = Leerling.objects.select_for_update().get(pk=leerling.pk)
    refuse_unless(kan_inschrijvingsnummer_registreren(leerling, door=door, now=now))
    nummer = verplicht(nummer, _("Give the registration number as care assistant."))
    if len(nummer) > INSCHRIJVINGSNUMMER_MAX:
        raise OvereenkomstFout(
            _("The registration number has at most %(n)s characters.")
            % {"n": INSCHRIJVINGSNUMMER_MAX}
        )
    oud = leerling.inschrijvingsnummer_verzorgende
    leerling.inschrijvingsnummer_verzorgende = nummer
    leerling.save(update_fields=["inschrijvingsnummer_verzorgende", "updated_at"])
    audit_record(
        obj=leerling,
        verb=AuditVerb.INSCHRIJVINGSNUMMER_GEREGISTREERD,
        door=door,
        organisatie=leerling.onderwijsinstelling,
        # The number itself stays in the dossier, not in the trail.
        after={"gewijzigd": bool(oud)},
        now=now,
    )
    return leerling
