"""The partnership's side: completeness (starts the clock), site visit, decision (R12-R19, R27)."""

import datetime as dt
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from duaal.accounts import permissions as perms
from duaal.accounts.actor import Actor
from duaal.accounts.selectors import werkgevers
from duaal.audit.services import audit_record
from duaal.meldingen.services import page_url, send_mail
from duaal.termijnen import BESLISSING, einde, vandaag
from duaal.workflow import (
    Refusals,
    guarded_by,
    refusals,
    refuse_if,
    refuse_unless,
    transition_allowed,
)
from erkenning.constants import (
    AANVRAAG_OVERGANGEN,
    BESLIST,
    OPEN_STATUSSEN,
    AanvraagStatus,
    AuditVerb,
)
from erkenning.exceptions import AlBeslist, ErkenningFout
from erkenning.models import Aanvraag, Erkenning
from erkenning.selectors import actieve_uitsluiting
from mentors.selectors import heeft_geldige_mentor

from .common import (
    beroepstermijn_openen,
    verplicht,
)
from .toekenning import erkenning_toekennen, mentoren_aanvaarden


def _vergrendel(aanvraag: Aanvraag) -> Aanvraag:
    """Lock the row: two consultants may act on the same file at the same moment (R4)."""
    return (
        Aanvraag.objects.select_for_update(of=("self",))
        .select_related("partnerschap")
        .get(pk=aanvraag.pk)
    )


def _beoordelaar(aanvraag: Aanvraag, door: Actor) -> Refusals:
    return door.may(
        perms.AANVRAAG_BEOORDELEN,
        aanvraag,
        reason=_("Only the partnership the file is routed to can review it."),
    )


def _naar(aanvraag: Aanvraag, nieuw: str) -> str | None:
    return transition_allowed(
        aanvraag.status, nieuw, AANVRAAG_OVERGANGEN, aanvraag.get_status_display()
    )


def kan_onvolledig_verklaren(aanvraag: Aanvraag, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why this actor may not ask for more information now (R16)."""
    return refusals(_beoordelaar(aanvraag, door), _naar(aanvraag, AanvraagStatus.ONVOLLEDIG))


@guarded_by(kan_onvolledig_verklaren)
@transaction.atomic
def aanvraag_onvolledig_verklaren(
    *, aanvraag: Aanvraag, ontbrekend: str, door: Actor, now: datetime | None = None
) -> Aanvraag:
    """Ask the employer for what is missing; the clock does not run meanwhile (R16)."""
    now = now or timezone.now()
    aanvraag = _vergrendel(aanvraag)
    refuse_unless(kan_onvolledig_verklaren(aanvraag, door=door, now=now))
    voor = aanvraag.status
    ontbrekend = verplicht(ontbrekend, _("Say what is missing."))
    aanvraag.status, aanvraag.ontbrekend = AanvraagStatus.ONVOLLEDIG, ontbrekend
    aanvraag.save(update_fields=["status", "ontbrekend", "updated_at"])
    audit_record(
        obj=aanvraag,
        verb=AuditVerb.AANVRAAG_ONVOLLEDIG,
        door=door,
        organisatie=aanvraag.partnerschap,
        before={"status": voor},
        after={"status": AanvraagStatus.ONVOLLEDIG},
        note=ontbrekend,
        now=now,
    )
    send_mail(
        "erkenning/application_incomplete",
        recipients=werkgevers(aanvraag.onderneming_id),
        event_key=f"aanvraag:{aanvraag.pk}:onvolledig:{now:%Y%m%d%H%M%S}",
        context={"aanvraag": str(aanvraag), "ontbrekend": ontbrekend, "url": page_url(aanvraag)},
    )
    return aanvraag


def kan_volledig_verklaren(aanvraag: Aanvraag, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why this actor may not find the file complete now (R16)."""
    return refusals(_beoordelaar(aanvraag, door), _naar(aanvraag, AanvraagStatus.VOLLEDIG))


@guarded_by(kan_volledig_verklaren)
@transaction.atomic
def aanvraag_volledig_verklaren(
    *, aanvraag: Aanvraag, door: Actor, now: datetime | None = None
) -> Aanvraag:
    """The file is complete: the decision term starts today (R16; calendar days)."""
    now = now or timezone.now()
    aanvraag = _vergrendel(aanvraag)
    refuse_unless(kan_volledig_verklaren(aanvraag, door=door, now=now))
    voor = aanvraag.status
    dag = vandaag(now)
    aanvraag.status, aanvraag.volledig_op, aanvraag.ontbrekend = AanvraagStatus.VOLLEDIG, dag, ""
    aanvraag.beslissing_uiterlijk_op = einde(
        BESLISSING, dag, lengte=aanvraag.partnerschap.beslistermijn_dagen
    )
    aanvraag.save(
        update_fields=[
            "status",
            "volledig_op",
            "beslissing_uiterlijk_op",
            "ontbrekend",
            "updated_at",
        ]
    )
    audit_record(
        obj=aanvraag,
        verb=AuditVerb.AANVRAAG_VOLLEDIG,
        door=door,
        organisatie=aanvraag.partnerschap,
        before={"status": voor},
        after={
            "status": AanvraagStatus.VOLLEDIG,
            "beslissing_uiterlijk_op": aanvraag.beslissing_uiterlijk_op.isoformat(),
        },
        now=now,
    )
    send_mail(
        "erkenning/application_complete",
        recipients=werkgevers(aanvraag.onderneming_id),
        event_key=f"aanvraag:{aanvraag.pk}:volledig",
        context={
            "aanvraag": str(aanvraag),
            "d": aanvraag.beslissing_uiterlijk_op,
            "url": page_url(aanvraag),
        },
    )
    return aanvraag


def kan_plaatsbezoek_registreren(aanvraag: Aanvraag, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why this actor may not record a site visit now (R14)."""
    return refusals(
        _beoordelaar(aanvraag, door),
        refuse_if(
            aanvraag.status not in OPEN_STATUSSEN,
            _("A site visit is recorded while the file is under review."),
        ),
    )


@guarded_by(kan_plaatsbezoek_registreren)
@transaction.atomic
def plaatsbezoek_registreren(
    *,
    aanvraag: Aanvraag,
    bezocht_op: dt.date,
    verslag: str,
    door: Actor,
    now: datetime | None = None,
) -> Aanvraag:
    now = now or timezone.now()
    aanvraag = _vergrendel(aanvraag)
    refuse_unless(kan_plaatsbezoek_registreren(aanvraag, door=door, now=now))
    if bezocht_op > vandaag(now):
        raise ErkenningFout(_("Record a site visit once it has taken place."))
    aanvraag.plaatsbezoek_op, aanvraag.plaatsbezoek_verslag = (
        bezocht_op,
        verplicht(verslag, _("Write the visit notes.")),
    )
    aanvraag.save(update_fields=["plaatsbezoek_op", "plaatsbezoek_verslag", "updated_at"])
    audit_record(
        obj=aanvraag,
        verb=AuditVerb.AANVRAAG_PLAATSBEZOEK,
        door=door,
        organisatie=aanvraag.partnerschap,
        after={"bezocht_op": bezocht_op.isoformat()},
        now=now,
    )
    return aanvraag


def _beslisbaar(aanvraag: Aanvraag, door: Actor, nieuw: str) -> Refusals:
    beslist = refuse_if(
        aanvraag.status in BESLIST,
        _("This application has been decided: %(status)s.")
        % {"status": aanvraag.get_status_display().lower()},
    )
    return refusals(_beoordelaar(aanvraag, door), beslist or _naar(aanvraag, nieuw))


def kan_aanvraag_goedkeuren(aanvraag: Aanvraag, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why this actor may not approve the application now: who reviews, the
    status, and a running exclusion of the enterprise or establishment (R24.3)."""
    basis = _beslisbaar(aanvraag, door, AanvraagStatus.GOEDGEKEURD)
    if not basis.allowed:
        return basis  # no exclusion to look up for a file one cannot decide
    uitsluiting = actieve_uitsluiting(
        aanvraag.onderneming_id, aanvraag.vestiging_id, op=vandaag(now)
    )
    return refusals(
        refuse_if(
            uitsluiting is not None,
            _("The workplace cannot be recognised: %(s)s.")
            % {"s": uitsluiting.get_soort_display().lower() if uitsluiting else ""},
        )
    )


def kan_aanvraag_afwijzen(aanvraag: Aanvraag, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why this actor may not refuse the application now."""
    return _beslisbaar(aanvraag, door, AanvraagStatus.AFGEWEZEN)


def _vergrendel_onbeslist(aanvraag: Aanvraag) -> Aanvraag:
    aanvraag = _vergrendel(aanvraag)
    if aanvraag.status in BESLIST:
        raise AlBeslist()  # a colleague decided while this one had the form open (R4)
    return aanvraag


def _beslissing_opslaan(
    aanvraag: Aanvraag, nieuw: str, motivering: str, door: Actor, now: datetime
) -> None:
    aanvraag.status, aanvraag.motivering = nieuw, motivering
    aanvraag.beslist_op, aanvraag.beslist_door = now, door.audit_user
    aanvraag.save(
        update_fields=[
            "status",
            "motivering",
            "beslist_op",
            "beslist_door",
            "kennisgeving_ontvangen_op",
            "beroep_uiterlijk_op",
            "updated_at",
        ]
    )


@guarded_by(kan_aanvraag_goedkeuren)
@transaction.atomic
def aanvraag_goedkeuren(
    *, aanvraag: Aanvraag, motivering: str, door: Actor, now: datetime | None = None
) -> Aanvraag:
    """Approve with a written motivation: the named mentors are accepted and the recognition
    is granted, valid for the partnership's years from the decision date (R19, R21)."""
    now = now or timezone.now()
    aanvraag = _vergrendel_onbeslist(aanvraag)
    refuse_unless(kan_aanvraag_goedkeuren(aanvraag, door=door, now=now))
    voor = aanvraag.status
    motivering = verplicht(motivering)
    mentoren_aanvaarden(aanvraag, door, now)
    if not heeft_geldige_mentor(aanvraag.vestiging, aanvraag.opleiding, op=vandaag(now)):
        raise ErkenningFout(
            _("None of the named mentors meets the conditions: the workplace cannot be recognised.")
        )
    _beslissing_opslaan(aanvraag, AanvraagStatus.GOEDGEKEURD, motivering, door, now)
    erkenning = erkenning_toekennen(aanvraag, now)
    audit_record(
        obj=aanvraag,
        verb=AuditVerb.AANVRAAG_GOEDGEKEURD,
        door=door,
        organisatie=aanvraag.partnerschap,
        before={"status": voor},
        after={
            "status": aanvraag.status,
            "geldig_tot": erkenning.geldig_tot.isoformat() if erkenning else None,
        },
        note=motivering,
        now=now,
    )
    _beslissing_melden(aanvraag, erkenning)
    return aanvraag


@guarded_by(kan_aanvraag_afwijzen)
@transaction.atomic
def aanvraag_afwijzen(
    *, aanvraag: Aanvraag, motivering: str, door: Actor, now: datetime | None = None
) -> Aanvraag:
    """Refuse with a written motivation; the appeal term opens (R27)."""
    now = now or timezone.now()
    aanvraag = _vergrendel_onbeslist(aanvraag)
    refuse_unless(kan_aanvraag_afwijzen(aanvraag, door=door, now=now))
    voor = aanvraag.status
    motivering = verplicht(motivering)
    beroepstermijn_openen(aanvraag, aanvraag.partnerschap, now)
    _beslissing_opslaan(aanvraag, AanvraagStatus.AFGEWEZEN, motivering, door, now)
    audit_record(
        obj=aanvraag,
        verb=AuditVerb.AANVRAAG_AFGEWEZEN,
        door=door,
        organisatie=aanvraag.partnerschap,
        before={"status": voor},
        after={"status": aanvraag.status, "geldig_tot": None},
        note=motivering,
        now=now,
    )
    _beslissing_melden(aanvraag, None)
    return aanvraag


def _beslissing_melden(aanvraag: Aanvraag, erkenning: Erkenning | None) -> None:
    if erkenning is not None:
        uitkomst, tot = "erkend", erkenning.geldig_tot
    elif aanvraag.status == AanvraagStatus.GOEDGEKEURD:
        uitkomst, tot = "goedgekeurd", None
    else:
        uitkomst, tot = "afgewezen", aanvraag.beroep_uiterlijk_op
    send_mail(
        "erkenning/application_decided",
        recipients=werkgevers(aanvraag.onderneming_id),
        event_key=f"aanvraag:{aanvraag.pk}:{aanvraag.status}",
        context={
            "uitkomst": uitkomst,
            "aanvraag": str(aanvraag),
            "tot": tot,
            "ontvangen": aanvraag.kennisgeving_ontvangen_op,
            "motivering": aanvraag.motivering,
            "url": page_url(aanvraag),
        },
    )
