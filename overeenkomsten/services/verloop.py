"""The life of an agreement (R73-R76): suspension, early termination, cancelling a draft, the
normal end, and what a recognition that ends means for running agreements (R24)."""

import datetime as dt
from collections import Counter
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from duaal.accounts import permissions as perms
from duaal.accounts.actor import SYSTEM, Actor
from duaal.accounts.selectors import coaches, werkgevers
from duaal.audit.services import audit_record
from duaal.meldingen.services import page_url, send_mail, untranslated
from duaal.termijnen import OVEREENKOMST_SLUITEN, einde, vandaag
from duaal.workflow import Refusals, guarded_by, refusals, refuse_if, refuse_unless, system_sweep
from erkenning.constants import ErkenningStatus
from erkenning.selectors import laatste_einde_voor_plaats, lopend_voor_plaats
from overeenkomsten.constants import (
    DWINGENDE_REDEN_MAX_DAGEN,
    SCHORSING_MELDEN_NA_DAGEN,
    AuditVerb,
    BeeindigingReden,
    LeerlingStatus,
    OvereenkomstStatus,
    SchorsingReden,
)
from overeenkomsten.exceptions import OvereenkomstFout
from overeenkomsten.models import Leerling, Overeenkomst, Schorsing

from .common import (
    overgang,
    verplicht,
)
from .traject import opent_venster


def _partij(overeenkomst: Overeenkomst, door: Actor) -> Refusals:
    """The employer's representative or the school's coach; the learner goes through the coach."""
    return door.may(
        perms.OVEREENKOMST_OPVOLGEN,
        overeenkomst,
        reason=_("Only the employer's representative or the school's coach can do this."),
    )


def kan_schorsen(overeenkomst: Overeenkomst, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why this actor may not record a suspension of the agreement now (R73)."""
    return refusals(
        _partij(overeenkomst, door),
        refuse_if(
            overeenkomst.status != OvereenkomstStatus.ONDERTEKEND,
            _("Only a signed agreement can be suspended."),
        ),
    )


def kan_beeindigen(overeenkomst: Overeenkomst, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why this actor may not end the agreement early now (R74, R76)."""
    return refusals(
        _partij(overeenkomst, door),
        overgang(
            overeenkomst.status, OvereenkomstStatus.BEEINDIGD, overeenkomst.get_status_display()
        ),
    )


def kan_annuleren(overeenkomst: Overeenkomst, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why this actor may not withdraw the agreement now: nobody signed it yet."""
    return refusals(
        door.may(
            perms.OVEREENKOMST_OPSTELLEN,
            overeenkomst,
            reason=_("Only a trajectory coach of the learner's school can do this."),
        ),
        overgang(
            overeenkomst.status, OvereenkomstStatus.GEANNULEERD, overeenkomst.get_status_display()
        ),
    )


def _vergrendeld(overeenkomst: Overeenkomst) -> Overeenkomst:
    return (
        Overeenkomst.objects.select_for_update().select_related("leerling").get(pk=overeenkomst.pk)
    )


def _dagen_per_jaar(van: dt.date, tot: dt.date) -> Counter[int]:
    return Counter((van + dt.timedelta(days=i)).year for i in range((tot - van).days + 1))


def _dwingende_reden_binnen_maximum(overeenkomst: Overeenkomst, van: dt.date, tot: dt.date) -> None:
    """R73: at most 10 days of compelling reasons per calendar year. A period that crosses
    New Year counts its days in the year they fall in, not all in the year it starts."""
    al: Counter[int] = Counter()
    for eerder in overeenkomst.schorsingen.filter(
        reden=SchorsingReden.DWINGENDE_REDEN, van__year__lte=tot.year, tot__year__gte=van.year
    ):
        al += _dagen_per_jaar(eerder.van, eerder.tot)
    for jaar, dagen in sorted(_dagen_per_jaar(van, tot).items()):
        if al[jaar] + dagen > DWINGENDE_REDEN_MAX_DAGEN:
            raise OvereenkomstFout(
                _("Compelling reasons allow at most %(max)s days a year; %(al)s are already used.")
                % {"max": DWINGENDE_REDEN_MAX_DAGEN, "al": al[jaar]}
            )


@guarded_by(kan_schorsen)
@transaction.atomic
def schorsing_registreren(
    *,
    overeenkomst: Overeenkomst,
    reden: str,
    van: dt.date,
    tot: dt.date,
    toelichting: str,
    door: Actor,
    now: datetime | None = None,
) -> Schorsing:
    """Record a suspension (R73); longer than 14 days, the coach is told."""
    now = now or timezone.now()
    overeenkomst = _vergrendeld(overeenkomst)
    refuse_unless(kan_schorsen(overeenkomst, door=door, now=now))
    if reden not in SchorsingReden.values:
        raise OvereenkomstFout(_("Choose the reason for the suspension."))
    if tot < van:
        raise OvereenkomstFout(_("The last day comes before the first day."))
    if van < overeenkomst.start or tot > overeenkomst.einde:
        raise OvereenkomstFout(_("A suspension falls within the agreement's start and end date."))
    if overeenkomst.schorsingen.filter(van__lte=tot, tot__gte=van).exists():
        raise OvereenkomstFout(_("This period overlaps a suspension already recorded."))
    schorsing = Schorsing(
        overeenkomst=overeenkomst,
        reden=reden,
        van=van,
        tot=tot,
        toelichting=toelichting.strip(),
        door=door.user,
    )
    if reden == SchorsingReden.DWINGENDE_REDEN:
        _dwingende_reden_binnen_maximum(overeenkomst, van, tot)
    schorsing.save()
    audit_record(
        obj=overeenkomst,
        verb=AuditVerb.OVEREENKOMST_GESCHORST,
        door=door,
        after={"reden": reden, "van": str(van), "tot": str(tot), "dagen": schorsing.dagen},
        now=now,
    )
    if schorsing.dagen > SCHORSING_MELDEN_NA_DAGEN:
        send_mail(
            "overeenkomsten/long_suspension",
            recipients=coaches(overeenkomst.onderwijsinstelling_id),
            event_key=f"schorsing:{schorsing.pk}:coach",
            context={
                "overeenkomst": str(overeenkomst),
                "van": van,
                "tot": tot,
                "reden": untranslated(SchorsingReden(schorsing.reden).label),
                "url": page_url(overeenkomst),
            },
        )
    return schorsing


def _venster_herstarten(
    leerling: Leerling, vanaf: dt.date, *, overeenkomst: Overeenkomst, door: Actor, now: datetime
) -> None:
    """R48: after an agreement ends, a new one within 20 training days."""
    leerling = Leerling.objects.select_for_update().get(pk=leerling.pk)
    oud = leerling.status
    leerling.overeenkomst_uiterlijk = einde(OVEREENKOMST_SLUITEN, vanaf)
    leerling.termijn_herinnerd_op = None
    leerling.termijn_verstreken_op = None
    if leerling.status == LeerlingStatus.WERKPLEK_GOEDGEKEURD:
        leerling.status = LeerlingStatus.GOEDGEKEURD
        leerling.werkplek = None
        leerling.intake_op = None
    leerling.save()
    # G7: the learner's status and window change too; their timeline shows why.
    audit_record(
        obj=leerling,
        verb=AuditVerb.LEERLING_WERKPLEK_LOSGELATEN,
        door=door,
        organisatie=leerling.onderwijsinstelling,
        before={"status": oud},
        after={
            "status": leerling.status,
            "overeenkomst_uiterlijk": str(leerling.overeenkomst_uiterlijk),
        },
        note=str(overeenkomst),
        now=now,
    )


@guarded_by(kan_beeindigen)
@transaction.atomic
def overeenkomst_beeindigen(
    *,
    overeenkomst: Overeenkomst,
    reden: str,
    laatste_dag: dt.date,
    toelichting: str,
    door: Actor,
    now: datetime | None = None,
) -> Overeenkomst:
    """End early (R74, R76): the reason is recorded, the coach is told, and unless the learner
    completed the training the 20-training-day window restarts (R48)."""
    now = now or timezone.now()
    overeenkomst = _vergrendeld(overeenkomst)
    refuse_unless(kan_beeindigen(overeenkomst, door=door, now=now))
    voor = overeenkomst.status
    if reden not in BeeindigingReden.values:
        raise OvereenkomstFout(_("Choose the reason for ending the agreement."))
    if reden == BeeindigingReden.ANDERE:
        toelichting = verplicht(toelichting, _("Explain the reason for ending the agreement."))
    if not overeenkomst.start <= laatste_dag < overeenkomst.einde:
        raise OvereenkomstFout(
            _("The last day falls between the start date and the day before the end date.")
        )
    overeenkomst.status = OvereenkomstStatus.BEEINDIGD
    overeenkomst.beeindigd_op = laatste_dag
    overeenkomst.beeindiging_reden = reden
    overeenkomst.beeindiging_toelichting = toelichting.strip()
    overeenkomst.save()
    # A later phase already signed keeps the learner under an agreement (traject.py).
    if reden != BeeindigingReden.GESLAAGD and opent_venster(overeenkomst):
        _venster_herstarten(
            overeenkomst.leerling,
            laatste_dag + dt.timedelta(days=1),
            overeenkomst=overeenkomst,
            door=door,
            now=now,
        )
    audit_record(
        obj=overeenkomst,
        verb=AuditVerb.OVEREENKOMST_BEEINDIGD,
        door=door,
        before={"status": voor},
        after={"status": overeenkomst.status, "reden": reden, "laatste_dag": str(laatste_dag)},
        now=now,
    )
    send_mail(
        "overeenkomsten/ended_early",
        recipients=coaches(overeenkomst.onderwijsinstelling_id)
        + werkgevers(overeenkomst.onderneming_id),
        event_key=f"overeenkomst:{overeenkomst.pk}:beeindigd",
        context={
            "overeenkomst": str(overeenkomst),
            "d": laatste_dag,
            "reden": untranslated(BeeindigingReden(overeenkomst.beeindiging_reden).label),
            "url": page_url(overeenkomst),
        },
    )
    return overeenkomst


@guarded_by(kan_annuleren)
@transaction.atomic
def overeenkomst_annuleren(
    *, overeenkomst: Overeenkomst, door: Actor, now: datetime | None = None
) -> Overeenkomst:
    """The coach withdraws an agreement that nobody signed yet."""
    now = now or timezone.now()
    overeenkomst = _vergrendeld(overeenkomst)
    refuse_unless(kan_annuleren(overeenkomst, door=door, now=now))
    oud = overeenkomst.status
    overeenkomst.status = OvereenkomstStatus.GEANNULEERD
    overeenkomst.save(update_fields=["status", "updated_at"])
    audit_record(
        obj=overeenkomst,
        verb=AuditVerb.OVEREENKOMST_GEANNULEERD,
        door=door,
        before={"status": oud},
        after={"status": overeenkomst.status},
        now=now,
    )
    if oud == OvereenkomstStatus.TER_GOEDKEURING:
        send_mail(
            "overeenkomsten/withdrawn",
            recipients=werkgevers(overeenkomst.onderneming_id),
            event_key=f"overeenkomst:{overeenkomst.pk}:geannuleerd",
            context={
                "school": str(overeenkomst.onderwijsinstelling),
                "overeenkomst": str(overeenkomst),
                "url": page_url(overeenkomst),
            },
        )
    return overeenkomst


TE_MARKEREN = [OvereenkomstStatus.TER_GOEDKEURING, OvereenkomstStatus.ONDERTEKEND]


def _markeren(
    overeenkomst: Overeenkomst, *, reden: str | Promise, dag: dt.date, now: datetime
) -> bool:
    """Flag one agreement whose recognition ended, once (a claim), and tell both parties."""
    with transaction.atomic():
        if not Overeenkomst.objects.filter(
            pk=overeenkomst.pk, te_beeindigen_sinds__isnull=True
        ).update(te_beeindigen_sinds=dag):
            return False
        audit_record(
            obj=overeenkomst,
            verb=AuditVerb.OVEREENKOMST_TE_BEEINDIGEN,
            door=SYSTEM,
            after={"te_beeindigen_sinds": str(dag)},
            note=str(reden),  # saved now, in the language active now, as the lazy text would
            now=now,
        )
        send_mail(
            "overeenkomsten/recognition_ended",
            recipients=coaches(overeenkomst.onderwijsinstelling_id)
            + werkgevers(overeenkomst.onderneming_id),
            event_key=f"overeenkomst:{overeenkomst.pk}:erkenning_beeindigd",
            context={
                "vestiging": str(overeenkomst.vestiging),
                "opleiding": str(overeenkomst.opleiding),
                "reden": str(reden),
                "overeenkomst": str(overeenkomst),
                "url": page_url(overeenkomst),
            },
        )
    return True


# Agreements per round of the sweep below; each is claimed in its own short transaction.
BATCH = 500


@system_sweep
def overeenkomsten_zonder_erkenning_markeren(
    *, now: datetime | None = None, batch: int = BATCH
) -> int:
    """R24/R74: an agreement whose establishment x programme no longer has a running
    recognition (it expired, was lifted, or the company was excluded) must end early. Beat runs
    this over the stored state every few minutes; it is the only road, the recognition app
    tells nobody. Each agreement is flagged once and coach and employer are told why; ending it
    stays a party's act. Agreements still awaiting approval are flagged too: they can no longer
    be signed and are withdrawn. Idempotent: a flagged agreement leaves the selection."""
    now = now or timezone.now()
    dag = vandaag(now)
    wees = (
        Overeenkomst.objects.filter(
            ~lopend_voor_plaats("vestiging_id", "opleiding_id"),
            status__in=TE_MARKEREN,
            te_beeindigen_sinds__isnull=True,
            einde__gte=dag,
        )
        .annotate(erkenning_einde=laatste_einde_voor_plaats("vestiging_id", "opleiding_id"))
        .select_related("leerling", "onderneming", "vestiging", "opleiding")
        .order_by("pk")
    )
    totaal, na_pk = 0, 0
    while rijen := list(wees.filter(pk__gt=na_pk)[:batch]):
        for overeenkomst in rijen:
            reden = _reden(overeenkomst.erkenning_einde)
            totaal += _markeren(overeenkomst, reden=reden, dag=dag, now=now)
        na_pk = rijen[-1].pk
    return totaal


def _reden(status: str | None) -> str | Promise:
    """Why, as the parties read it: how the place's last recognition ended."""
    if status in ErkenningStatus.values:
        return ErkenningStatus(status).label
    return _("the recognition no longer runs")
