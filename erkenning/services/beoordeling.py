"""The partnership's side: completeness (starts the clock), site visit, decision (R12-R19, R27)."""

import datetime as dt
from datetime import datetime

from dateutil.relativedelta import relativedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from duaal.accounts.constants import Rol
from duaal.accounts.models import User
from duaal.audit.services import audit_record
from duaal.termijnen import vandaag
from erkenning.constants import (
    AANVRAAG_OVERGANGEN,
    LOPEND,
    AanvraagSoort,
    AanvraagStatus,
    ErkenningStatus,
)
from erkenning.exceptions import AlBeslist, ErkenningFout
from erkenning.models import Aanvraag, Erkenning
from erkenning.selectors import actieve_uitsluiting
from mentors.constants import ToewijzingStatus
from mentors.models import MentorToewijzing
from mentors.selectors import heeft_geldige_mentor
from mentors.services import toewijzing_beslissen

from .common import lid_vereist, melden, overgang, verplicht, werkgevers


def _vergrendel(aanvraag: Aanvraag, door: User) -> Aanvraag:
    """Lock the row (two consultants may act on the same file at the same moment, R4) and
    check the reviewer acts for the partnership the file is routed to."""
    aanvraag = (
        Aanvraag.objects.select_for_update(of=("self",))
        .select_related("partnerschap")
        .get(pk=aanvraag.pk)
    )
    lid_vereist(
        door,
        aanvraag.partnerschap_id,
        _("Only the partnership the file is routed to can review it."),
        Rol.SECTORCONSULENT,
        Rol.PARTNERSCHAPSBEHEERDER,
    )
    return aanvraag


@transaction.atomic
def aanvraag_onvolledig_verklaren(
    *, aanvraag: Aanvraag, ontbrekend: str, door: User, now: datetime | None = None
) -> Aanvraag:
    """Ask the employer for what is missing; the clock does not run meanwhile (R16)."""
    now = now or timezone.now()
    aanvraag = _vergrendel(aanvraag, door)
    overgang(
        aanvraag.status,
        AanvraagStatus.ONVOLLEDIG,
        AANVRAAG_OVERGANGEN,
        aanvraag.get_status_display(),
    )
    ontbrekend = verplicht(ontbrekend, _("Say what is missing."))
    aanvraag.status, aanvraag.ontbrekend = AanvraagStatus.ONVOLLEDIG, ontbrekend
    aanvraag.save(update_fields=["status", "ontbrekend", "updated_at"])
    audit_record(
        obj=aanvraag,
        verb="aanvraag.onvolledig",
        door=door,
        organisatie=aanvraag.partnerschap,
        before={"status": AanvraagStatus.INGEDIEND},
        after={"status": AanvraagStatus.ONVOLLEDIG},
        note=ontbrekend,
        now=now,
    )
    melden(
        f"aanvraag:{aanvraag.pk}:onvolledig:{now:%Y%m%d%H%M%S}",
        werkgevers(aanvraag.onderneming_id),
        _("Your application is incomplete"),
        _("%(aanvraag)s: the partnership asks for the following.\n\n%(ontbrekend)s")
        % {"aanvraag": aanvraag, "ontbrekend": ontbrekend},
    )
    return aanvraag


@transaction.atomic
def aanvraag_volledig_verklaren(
    *, aanvraag: Aanvraag, door: User, now: datetime | None = None
) -> Aanvraag:
    """The file is complete: the decision term starts today (R16; calendar days)."""
    now = now or timezone.now()
    aanvraag = _vergrendel(aanvraag, door)
    overgang(
        aanvraag.status, AanvraagStatus.VOLLEDIG, AANVRAAG_OVERGANGEN, aanvraag.get_status_display()
    )
    dag = vandaag(now)
    aanvraag.status, aanvraag.volledig_op, aanvraag.ontbrekend = AanvraagStatus.VOLLEDIG, dag, ""
    aanvraag.beslissing_uiterlijk_op = dag + dt.timedelta(
        days=aanvraag.partnerschap.beslistermijn_dagen
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
        verb="aanvraag.volledig",
        door=door,
        organisatie=aanvraag.partnerschap,
        before={"status": AanvraagStatus.INGEDIEND},
        after={
            "status": AanvraagStatus.VOLLEDIG,
            "beslissing_uiterlijk_op": aanvraag.beslissing_uiterlijk_op.isoformat(),
        },
        now=now,
    )
    melden(
        f"aanvraag:{aanvraag.pk}:volledig",
        werkgevers(aanvraag.onderneming_id),
        _("Your application is complete"),
        _("%(aanvraag)s is complete. The partnership decides by %(d)s.")
        % {"aanvraag": aanvraag, "d": aanvraag.beslissing_uiterlijk_op.strftime("%d/%m/%Y")},
    )
    return aanvraag


@transaction.atomic
def plaatsbezoek_registreren(
    *,
    aanvraag: Aanvraag,
    bezocht_op: dt.date,
    verslag: str,
    door: User,
    now: datetime | None = None,
) -> Aanvraag:
    now = now or timezone.now()
    aanvraag = _vergrendel(aanvraag, door)
    if aanvraag.status not in (
        AanvraagStatus.INGEDIEND,
        AanvraagStatus.ONVOLLEDIG,
        AanvraagStatus.VOLLEDIG,
    ):
        raise ErkenningFout(_("A site visit is recorded while the file is under review."))
    if bezocht_op > vandaag(now):
        raise ErkenningFout(_("Record a site visit once it has taken place."))
    aanvraag.plaatsbezoek_op, aanvraag.plaatsbezoek_verslag = (
        bezocht_op,
        verplicht(verslag, _("Write the visit notes.")),
    )
    aanvraag.save(update_fields=["plaatsbezoek_op", "plaatsbezoek_verslag", "updated_at"])
    audit_record(
        obj=aanvraag,
        verb="aanvraag.plaatsbezoek",
        door=door,
        organisatie=aanvraag.partnerschap,
        after={"bezocht_op": bezocht_op.isoformat()},
        now=now,
    )
    return aanvraag


@transaction.atomic
def aanvraag_beslissen(
    *,
    aanvraag: Aanvraag,
    goedkeuren: bool,
    motivering: str,
    door: User,
    now: datetime | None = None,
) -> Aanvraag:
    """Approve or refuse with a written motivation. Approval grants the recognition, valid for
    the partnership's years from the decision date (R19); refusal opens the appeal term (R27)."""
    now = now or timezone.now()
    aanvraag = _vergrendel(aanvraag, door)
    if aanvraag.status in (AanvraagStatus.GOEDGEKEURD, AanvraagStatus.AFGEWEZEN):
        raise AlBeslist()
    nieuw = AanvraagStatus.GOEDGEKEURD if goedkeuren else AanvraagStatus.AFGEWEZEN
    overgang(aanvraag.status, nieuw, AANVRAAG_OVERGANGEN, aanvraag.get_status_display())
    motivering = verplicht(motivering)
    dag = vandaag(now)
    if goedkeuren:
        if uitsluiting := actieve_uitsluiting(
            aanvraag.onderneming_id, aanvraag.vestiging_id, op=dag
        ):
            raise ErkenningFout(
                _("The workplace cannot be recognised: %(s)s.")
                % {"s": uitsluiting.get_soort_display().lower()}
            )
        mentoren_aanvaarden(aanvraag, door, now)
        if not heeft_geldige_mentor(aanvraag.vestiging, aanvraag.opleiding, op=dag):
            raise ErkenningFout(
                _(
                    "None of the named mentors meets the conditions: "
                    "the workplace cannot be recognised."
                )
            )
    aanvraag.status, aanvraag.motivering, aanvraag.beslist_op, aanvraag.beslist_door = (
        nieuw,
        motivering,
        now,
        door,
    )
    if not goedkeuren:
        aanvraag.beroep_uiterlijk_op = dag + dt.timedelta(
            days=aanvraag.partnerschap.beroepstermijn_dagen
        )
    aanvraag.save(
        update_fields=[
            "status",
            "motivering",
            "beslist_op",
            "beslist_door",
            "beroep_uiterlijk_op",
            "updated_at",
        ]
    )
    erkenning = erkenning_toekennen(aanvraag, now) if goedkeuren else None
    audit_record(
        obj=aanvraag,
        verb=f"aanvraag.{nieuw}",
        door=door,
        organisatie=aanvraag.partnerschap,
        before={"status": AanvraagStatus.VOLLEDIG},
        after={
            "status": nieuw,
            "geldig_tot": erkenning.geldig_tot.isoformat() if erkenning else None,
        },
        note=motivering,
        now=now,
    )
    _beslissing_melden(aanvraag, erkenning)
    return aanvraag


def mentoren_aanvaarden(aanvraag: Aanvraag, door: User, now: datetime) -> None:
    """The application's review covers its named mentors' designations (R21)."""
    for toewijzing in MentorToewijzing.objects.filter(
        vestiging=aanvraag.vestiging,
        opleiding=aanvraag.opleiding,
        mentor__in=aanvraag.mentoren.all(),
        status=ToewijzingStatus.VOORGESTELD,
    ):
        toewijzing_beslissen(
            toewijzing=toewijzing,
            aanvaarden=True,
            motivatie=_("Accepted with the application."),
            door=door,
            now=now,
        )


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
            verb="erkenning.vervangen",
            door=None,
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
        geldig_tot=dag + relativedelta(years=aanvraag.partnerschap.geldigheid_jaren),
        publiek_zichtbaar=vorige.publiek_zichtbaar if vorige else False,
        plaatsen_beschikbaar=vorige.plaatsen_beschikbaar if vorige else False,
    )


def _beslissing_melden(aanvraag: Aanvraag, erkenning: Erkenning | None) -> None:
    if erkenning is not None:
        tekst = _("%(aanvraag)s is approved. The recognition is valid until %(tot)s.") % {
            "aanvraag": aanvraag,
            "tot": erkenning.geldig_tot.strftime("%d/%m/%Y"),
        }
    elif aanvraag.status == AanvraagStatus.GOEDGEKEURD:
        tekst = _("%(aanvraag)s is approved.") % {"aanvraag": aanvraag}
    else:
        tekst = _(
            "%(aanvraag)s is refused.\n\n%(motivering)s\n\nThe enterprise may lodge a motivated "
            "appeal with the appeal committee of the Flemish Partnership for Dual Learning "
            "until %(tot)s, in the portal."
        ) % {
            "aanvraag": aanvraag,
            "motivering": aanvraag.motivering,
            "tot": aanvraag.beroep_uiterlijk_op.strftime("%d/%m/%Y"),
        }
    melden(
        f"aanvraag:{aanvraag.pk}:{aanvraag.status}",
        werkgevers(aanvraag.onderneming_id),
        _("Decision on your application"),
        tekst,
    )
