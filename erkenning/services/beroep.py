"""Appeals (R27-R29): the enterprise lodges; the appeal coordinator confirms receipt with the
admissibility check and records the committee's outcome, which is applied."""

import datetime as dt
from collections.abc import Sequence
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from duaal.accounts import permissions as perms
from duaal.accounts.actor import SYSTEM, Actor
from duaal.accounts.selectors import beheerders, consulenten, werkgevers
from duaal.audit.services import audit_record
from duaal.meldingen.services import page_url, send_mail
from duaal.termijnen import vandaag
from duaal.workflow import (
    Refusals,
    guarded_by,
    refusals,
    refuse_if,
    refuse_unless,
    transition_allowed,
)
from erkenning.constants import (
    BEROEP_OVERGANGEN,
    LOPEND,
    AanvraagStatus,
    AuditVerb,
    BeroepStatus,
    ErkenningStatus,
    SanctieSoort,
)
from erkenning.models import Aanvraag, Beroep, Erkenning, Sanctie

from .common import (
    verplicht,
)
from .toekenning import erkenning_toekennen, mentoren_aanvaarden

BEROEP_VERB: dict[str, AuditVerb] = {
    BeroepStatus.ONTVANKELIJK: AuditVerb.BEROEP_ONTVANKELIJK,
    BeroepStatus.ONONTVANKELIJK: AuditVerb.BEROEP_ONONTVANKELIJK,
    BeroepStatus.GEGROND: AuditVerb.BEROEP_GEGROND,
    BeroepStatus.ONGEGROND: AuditVerb.BEROEP_ONGEGROND,
}


def _niet_appelleerbaar(onderwerp: Aanvraag | Sanctie) -> str | None:
    if isinstance(onderwerp, Aanvraag) and onderwerp.status != AanvraagStatus.AFGEWEZEN:
        return _("Only a refusal can be appealed.")
    if isinstance(onderwerp, Sanctie) and onderwerp.soort == SanctieSoort.BEGELEIDINGSACTIE:
        return _("A guidance action is not a sanction and cannot be appealed.")
    if onderwerp.beroep_uiterlijk_op is None:
        return _("This decision cannot be appealed.")
    return None


def _onderwerp(onderwerp: Aanvraag | Sanctie) -> dict[str, Aanvraag | Sanctie]:
    return {"aanvraag" if isinstance(onderwerp, Aanvraag) else "sanctie": onderwerp}


def kan_beroep_indienen(
    onderwerp: Aanvraag | Sanctie,
    *,
    door: Actor,
    now: datetime,
    eerdere: Sequence[Beroep] | None = None,
) -> Refusals:
    """Every reason why this actor may not appeal this refusal or sanction now: only the
    enterprise itself (R28), against a decision one appeals, within the term, once (R27).
    `eerdere`: every appeal against it, when the caller has them loaded already."""
    wie = door.may(
        perms.BEROEP_INDIENEN, onderwerp, reason=_("Only the enterprise concerned can appeal.")
    )
    wat = _niet_appelleerbaar(onderwerp)
    termijn = None
    uiterlijk_op = onderwerp.beroep_uiterlijk_op  # not None when `wat` is (appealable)
    if wat is None and uiterlijk_op is not None and vandaag(now) > uiterlijk_op:
        termijn = _("The appeal term ended on %(datum)s.") % {
            "datum": uiterlijk_op.strftime("%d/%m/%Y")
        }
    if not wie.allowed or wat or termijn:
        return refusals(wie, wat, termijn)  # no need to look for an earlier appeal
    if eerdere is None:
        al_ingediend = Beroep.objects.filter(**_onderwerp(onderwerp)).exists()
    else:
        al_ingediend = bool(eerdere)
    return refusals(
        refuse_if(
            al_ingediend,
            _("An appeal against this decision has already been lodged."),
        )
    )


@guarded_by(kan_beroep_indienen)
@transaction.atomic
def beroep_indienen(
    *,
    onderwerp: Aanvraag | Sanctie,
    motivering: str,
    door: Actor,
    now: datetime | None = None,
) -> Beroep:
    """Lodge a motivated appeal against a refusal or a sanction (R27-R28)."""
    now = now or timezone.now()
    onderwerp = type(onderwerp).objects.select_for_update().get(pk=onderwerp.pk)
    refuse_unless(kan_beroep_indienen(onderwerp, door=door, now=now))
    onderneming = onderwerp.onderneming
    beroep = Beroep.objects.create(
        onderneming=onderneming,
        partnerschap=onderwerp.partnerschap,
        motivering=verplicht(motivering, _("Motivate the request for review.")),
        ingediend_door=door.person,
        ingediend_op=now,
        **_onderwerp(onderwerp),
    )
    audit_record(
        obj=beroep, verb=AuditVerb.BEROEP_INGEDIEND, door=door, organisatie=onderneming, now=now
    )
    send_mail(
        "erkenning/appeal_lodged",
        recipients=beheerders(beroep.partnerschap_id) + consulenten(beroep.partnerschap_id),
        event_key=f"beroep:{beroep.pk}:ingediend",
        context={"onderneming": str(onderneming), "url": page_url(beroep)},
    )
    return beroep


def _behandelbaar(beroep: Beroep, door: Actor, nieuw: str) -> Refusals:
    """Appeals are handled for VPDL's appeal committee by the department's coordinator (R28),
    each step from the status the transitions map allows."""
    return refusals(
        door.may(
            perms.BEROEP_BEHANDELEN,
            None,
            reason=_("Only the appeal coordinator records receipt and outcome."),
        ),
        transition_allowed(beroep.status, nieuw, BEROEP_OVERGANGEN, beroep.get_status_display()),
    )


def kan_beroep_ontvankelijk_verklaren(beroep: Beroep, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why this actor may not confirm receipt of an admissible appeal now."""
    return _behandelbaar(beroep, door, BeroepStatus.ONTVANKELIJK)


def kan_beroep_onontvankelijk_verklaren(beroep: Beroep, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why this actor may not confirm receipt of an inadmissible appeal now."""
    return _behandelbaar(beroep, door, BeroepStatus.ONONTVANKELIJK)


def kan_beroep_gegrond_verklaren(beroep: Beroep, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why this actor may not record that the appeal is upheld now."""
    return _behandelbaar(beroep, door, BeroepStatus.GEGROND)


def kan_beroep_ongegrond_verklaren(beroep: Beroep, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why this actor may not record that the appeal is rejected now."""
    return _behandelbaar(beroep, door, BeroepStatus.ONGEGROND)


def _vergrendel(beroep: Beroep) -> Beroep:
    return (
        Beroep.objects.select_for_update(of=("self",))
        .select_related("aanvraag", "sanctie", "partnerschap")
        .get(pk=beroep.pk)
    )


def _ontvangst(beroep: Beroep, nieuw: str, motivering: str, door: Actor, now: datetime) -> Beroep:
    beroep.status, beroep.ontvangst_bevestigd_op = nieuw, now
    if nieuw == BeroepStatus.ONONTVANKELIJK:
        beroep.uitkomst_motivering = motivering
        beroep.behandeld_door, beroep.behandeld_op = door.audit_user, now
    beroep.save(
        update_fields=[
            "status",
            "ontvangst_bevestigd_op",
            "uitkomst_motivering",
            "behandeld_door",
            "behandeld_op",
            "updated_at",
        ]
    )
    audit_record(
        obj=beroep,
        verb=BEROEP_VERB[nieuw],
        door=door,
        organisatie=beroep.partnerschap,
        note=motivering,
        now=now,
    )
    send_mail(
        "erkenning/appeal_admissibility",
        recipients=werkgevers(beroep.onderneming_id),
        event_key=f"beroep:{beroep.pk}:{nieuw}",
        context={
            "ontvankelijk": nieuw == BeroepStatus.ONTVANKELIJK,
            "motivering": beroep.uitkomst_motivering,
            "url": page_url(beroep),
        },
    )
    return beroep


@guarded_by(kan_beroep_ontvankelijk_verklaren)
@transaction.atomic
def beroep_ontvankelijk_verklaren(
    *, beroep: Beroep, door: Actor, motivering: str = "", now: datetime | None = None
) -> Beroep:
    """Confirm receipt: the appeal is admissible and goes to the committee (R29)."""
    now = now or timezone.now()
    beroep = _vergrendel(beroep)
    refuse_unless(kan_beroep_ontvankelijk_verklaren(beroep, door=door, now=now))
    return _ontvangst(beroep, BeroepStatus.ONTVANKELIJK, motivering, door, now)


@guarded_by(kan_beroep_onontvankelijk_verklaren)
@transaction.atomic
def beroep_onontvankelijk_verklaren(
    *, beroep: Beroep, motivering: str, door: Actor, now: datetime | None = None
) -> Beroep:
    """Confirm receipt of an inadmissible appeal, with the reasons (R29): it ends there."""
    now = now or timezone.now()
    beroep = _vergrendel(beroep)
    refuse_unless(kan_beroep_onontvankelijk_verklaren(beroep, door=door, now=now))
    motivering = verplicht(motivering, _("Say why the appeal is inadmissible."))
    return _ontvangst(beroep, BeroepStatus.ONONTVANKELIJK, motivering, door, now)


def _uitkomst(beroep: Beroep, nieuw: str, motivering: str, door: Actor, now: datetime) -> None:
    beroep.status, beroep.uitkomst_motivering = nieuw, verplicht(motivering)
    beroep.behandeld_door, beroep.behandeld_op = door.audit_user, now
    beroep.save(
        update_fields=[
            "status",
            "uitkomst_motivering",
            "behandeld_door",
            "behandeld_op",
            "updated_at",
        ]
    )


def _uitkomst_melden(beroep: Beroep, door: Actor, now: datetime) -> None:
    audit_record(
        obj=beroep,
        verb=BEROEP_VERB[beroep.status],
        door=door,
        organisatie=beroep.partnerschap,
        note=beroep.uitkomst_motivering,
        now=now,
    )
    send_mail(
        "erkenning/appeal_decided",
        recipients=werkgevers(beroep.onderneming_id),
        event_key=f"beroep:{beroep.pk}:{beroep.status}",
        context={
            "gegrond": beroep.status == BeroepStatus.GEGROND,
            "motivering": beroep.uitkomst_motivering,
            "url": page_url(beroep),
        },
    )


@guarded_by(kan_beroep_gegrond_verklaren)
@transaction.atomic
def beroep_gegrond_verklaren(
    *, beroep: Beroep, motivering: str, door: Actor, now: datetime | None = None
) -> Beroep:
    """The committee upholds the appeal, and it is applied: against a refusal the recognition
    is granted; against a lifting or exclusion the recognitions still valid are restored."""
    now = now or timezone.now()
    beroep = _vergrendel(beroep)
    refuse_unless(kan_beroep_gegrond_verklaren(beroep, door=door, now=now))
    _uitkomst(beroep, BeroepStatus.GEGROND, motivering, door, now)
    if beroep.aanvraag is not None:
        _weigering_herzien(beroep.aanvraag, door, now)
    else:
        assert beroep.sanctie is not None  # a check constraint: against a refusal or a sanction
        _sanctie_herzien(beroep.sanctie, door, now)
    _uitkomst_melden(beroep, door, now)
    return beroep


@guarded_by(kan_beroep_ongegrond_verklaren)
@transaction.atomic
def beroep_ongegrond_verklaren(
    *, beroep: Beroep, motivering: str, door: Actor, now: datetime | None = None
) -> Beroep:
    """The committee rejects the appeal: the decision stands."""
    now = now or timezone.now()
    beroep = _vergrendel(beroep)
    refuse_unless(kan_beroep_ongegrond_verklaren(beroep, door=door, now=now))
    _uitkomst(beroep, BeroepStatus.ONGEGROND, motivering, door, now)
    _uitkomst_melden(beroep, door, now)
    return beroep


def _weigering_herzien(aanvraag: Aanvraag, door: Actor, now: datetime) -> None:
    aanvraag = Aanvraag.objects.select_for_update().get(pk=aanvraag.pk)
    voor = aanvraag.status
    aanvraag.status = AanvraagStatus.GOEDGEKEURD
    aanvraag.save(update_fields=["status", "updated_at"])
    erkenning_toekennen(aanvraag, now)
    # The recognition needs its named mentors accepted, as an approval does (R43). The
    # committee's outcome accepts them; the mentor register records that as the system's.
    mentoren_aanvaarden(aanvraag, SYSTEM, now)
    audit_record(
        obj=aanvraag,
        verb=AuditVerb.AANVRAAG_GOEDGEKEURD_NA_BEROEP,
        door=door,
        before={"status": voor},
        after={"status": AanvraagStatus.GOEDGEKEURD},
        now=now,
    )


def _sanctie_herzien(sanctie: Sanctie, door: Actor, now: datetime) -> None:
    dag = vandaag(now)
    if sanctie.tot is None or sanctie.tot >= dag:
        # An upheld appeal ends the measure itself, so an exclusion no longer blocks (R24.3).
        sanctie.tot = dag - dt.timedelta(days=1)
        sanctie.save(update_fields=["tot", "updated_at"])
    for erkenning in (
        Erkenning.objects.select_for_update()
        .filter(pk__in=sanctie.getroffen_erkenningen.values("pk"), geldig_tot__gte=dag)
        .exclude(status__in=LOPEND)
    ):
        if Erkenning.objects.filter(
            vestiging=erkenning.vestiging, opleiding=erkenning.opleiding, status__in=LOPEND
        ).exists():
            continue  # a newer recognition already holds the place
        oud = erkenning.status
        erkenning.status, erkenning.beeindigd_op = ErkenningStatus.ACTIEF, None
        erkenning.save(update_fields=["status", "beeindigd_op", "updated_at"])
        audit_record(
            obj=erkenning,
            verb=AuditVerb.ERKENNING_HERSTELD_NA_BEROEP,
            door=door,
            before={"status": oud},
            after={"status": ErkenningStatus.ACTIEF},
            now=now,
        )
