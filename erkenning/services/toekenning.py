"""What an approval grants, also after an upheld appeal: the named mentors accepted and the
recognition created (R19, R21)."""

from datetime import datetime

from django.utils.translation import gettext as _

from duaal.accounts.actor import SYSTEM, Actor
from duaal.audit.services import audit_record
from duaal.termijnen import GELDIGHEID, einde, vandaag
from erkenning.constants import LOPEND, AanvraagSoort, AuditVerb, ErkenningStatus
from erkenning.exceptions import ErkenningFout
from erkenning.models import Aanvraag, Erkenning
from mentors.constants import ToewijzingStatus
from mentors.models import MentorToewijzing
from mentors.services import toewijzingen_aanvaarden_met_aanvraag

from .mentorstatus import mentorstatus_na_commit


def mentoren_aanvaarden(aanvraag: Aanvraag, door: Actor, now: datetime) -> None:
    """The application's review covers its named mentors' designations (R21): accepted in
    one step, told to the employer by the decision's own mail."""
    toewijzingen_aanvaarden_met_aanvraag(
        toewijzingen=list(
            MentorToewijzing.objects.filter(
                vestiging=aanvraag.vestiging,
                opleiding=aanvraag.opleiding,
                mentor__in=aanvraag.mentoren.all(),
                status=ToewijzingStatus.VOORGESTELD,
            ).select_related("opleiding")
        ),
        door=door,
        now=now,
    )
    # R43: a recognition "without a valid mentor" of this place is active again at once.
    mentorstatus_na_commit(aanvraag.vestiging_id, aanvraag.opleiding_id, now)


def erkenning_toekennen(aanvraag: Aanvraag, now: datetime) -> Erkenning | None:
    """Create the recognition; a renewal replaces the running one. Adding a mentor changes none."""
    if aanvraag.soort == AanvraagSoort.MENTOR_TOEVOEGEN:
        return None
    dag = vandaag(now)
    vorige = (
        Erkenning.objects.select_for_update()
        .filter(vestiging=aanvraag.vestiging, opleiding=aanvraag.opleiding, status__in=LOPEND)
        .first()
    )
    if vorige is not None:
        if aanvraag.soort != AanvraagSoort.HERNIEUWING:
            raise ErkenningFout(
                _("This establishment already holds a running recognition for this programme.")
            )
        oud_status = vorige.status
        vorige.status, vorige.beeindigd_op = ErkenningStatus.VERLOPEN, now
        vorige.save(update_fields=["status", "beeindigd_op", "updated_at"])
        audit_record(
            obj=vorige,
            verb=AuditVerb.ERKENNING_VERVANGEN,
            door=SYSTEM,
            before={"status": oud_status},
            after={"status": vorige.status},
            now=now,
        )
    return Erkenning.objects.create(
        onderneming=aanvraag.onderneming,
        vestiging=aanvraag.vestiging,
        opleiding=aanvraag.opleiding,
        partnerschap=aanvraag.partnerschap,
        aanvraag=aanvraag,
        geldig_van=dag,
        geldig_tot=einde(GELDIGHEID, dag, lengte=12 * aanvraag.partnerschap.geldigheid_jaren),
        publiek_zichtbaar=vorige.publiek_zichtbaar if vorige else False,
        plaatsen_beschikbaar=vorige.plaatsen_beschikbaar if vorige else False,
    )
