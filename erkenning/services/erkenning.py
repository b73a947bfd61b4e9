"""A running recognition: renewal, publication and mandates (R4); the mentor link (R43) is
the sweep in mentorstatus.py."""

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from duaal.accounts import permissions as perms
from duaal.accounts.actor import Actor
from duaal.audit.services import audit_record
from duaal.organisaties.models import Onderneming, Organisatie
from duaal.workflow import Refusals, guarded_by, refusals, refuse_if, refuse_unless
from erkenning.constants import AanvraagSoort, AuditVerb
from erkenning.exceptions import ErkenningFout
from erkenning.models import Aanvraag, Erkenning, Machtiging
from erkenning.selectors import hernieuwing_lopend
from mentors.constants import ToewijzingStatus

from .aanvraag import aanvraag_aanmaken


def _beeindigd(erkenning: Erkenning) -> str | None:
    return refuse_if(
        not erkenning.is_lopend,
        _("This recognition has ended: %(status)s.")
        % {"status": erkenning.get_status_display().lower()},
    )


def kan_erkenning_hernieuwen(erkenning: Erkenning, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why this actor may not start the renewal now (R20): the enterprise, for a
    running recognition, once."""
    basis = refusals(door.may(perms.ERKENNING_BEHEREN, erkenning), _beeindigd(erkenning))
    if not basis.allowed:
        return basis  # no renewal to look up for a recognition one cannot renew
    return refusals(
        refuse_if(
            hernieuwing_lopend(erkenning),
            _("A renewal of this recognition is already under way."),
        )
    )


@guarded_by(kan_erkenning_hernieuwen)
@transaction.atomic
def erkenning_hernieuwen(
    *, erkenning: Erkenning, door: Actor, now: datetime | None = None
) -> Aanvraag:
    """A renewal is a new application pre-filled from the last one (answers and mentors)."""
    now = now or timezone.now()
    erkenning = (
        Erkenning.objects.select_for_update(of=("self",))
        .select_related("vestiging__onderneming", "opleiding__partnerschap", "aanvraag")
        .get(pk=erkenning.pk)
    )
    refuse_unless(kan_erkenning_hernieuwen(erkenning, door=door, now=now))
    aanvraag = aanvraag_aanmaken(
        vestiging=erkenning.vestiging,
        opleiding=erkenning.opleiding,
        door=door,
        soort=AanvraagSoort.HERNIEUWING,
        vorige_erkenning=erkenning,
        now=now,
    )
    vorige = erkenning.aanvraag
    if vorige is not None:
        oud = {a.criterium_id: a for a in vorige.antwoorden.all()}
        for antwoord in aanvraag.antwoorden.all():
            if antwoord.criterium_id in oud:
                antwoord.voldaan, antwoord.toelichting = (
                    oud[antwoord.criterium_id].voldaan,
                    oud[antwoord.criterium_id].toelichting,
                )
                antwoord.save(update_fields=["voldaan", "toelichting"])
    aanvraag.mentoren.set(
        erkenning.vestiging.mentortoewijzingen.filter(
            opleiding=erkenning.opleiding, status=ToewijzingStatus.AANVAARD, actief=True
        ).values_list("mentor_id", flat=True)
    )
    return aanvraag


def kan_publicatie_wijzigen(erkenning: Erkenning, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why this actor may not change the public search settings now (R3)."""
    return refusals(door.may(perms.ERKENNING_BEHEREN, erkenning), _beeindigd(erkenning))


@guarded_by(kan_publicatie_wijzigen)
@transaction.atomic
def erkenning_publicatie_wijzigen(
    *,
    erkenning: Erkenning,
    publiek_zichtbaar: bool,
    plaatsen_beschikbaar: bool,
    door: Actor,
    now: datetime | None = None,
) -> Erkenning:
    """The employer opts in to the public search and says whether places are available."""
    now = now or timezone.now()
    erkenning = Erkenning.objects.select_for_update().get(pk=erkenning.pk)
    refuse_unless(kan_publicatie_wijzigen(erkenning, door=door, now=now))
    voor = {
        "publiek_zichtbaar": erkenning.publiek_zichtbaar,
        "plaatsen_beschikbaar": erkenning.plaatsen_beschikbaar,
    }
    erkenning.publiek_zichtbaar, erkenning.plaatsen_beschikbaar = (
        publiek_zichtbaar,
        plaatsen_beschikbaar and publiek_zichtbaar,
    )
    erkenning.save(update_fields=["publiek_zichtbaar", "plaatsen_beschikbaar", "updated_at"])
    na = {
        "publiek_zichtbaar": erkenning.publiek_zichtbaar,
        "plaatsen_beschikbaar": erkenning.plaatsen_beschikbaar,
    }
    if voor != na:
        audit_record(
            obj=erkenning,
            verb=AuditVerb.ERKENNING_PUBLICATIE,
            door=door,
            organisatie=erkenning.onderneming,
            before=voor,
            after=na,
            now=now,
        )
    return erkenning


def kan_machtiging_verlenen(onderneming: Onderneming, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why this actor may not grant a mandate of this enterprise (R4)."""
    return refusals(door.may(perms.MACHTIGING_BEHEREN, onderneming))


@guarded_by(kan_machtiging_verlenen)
@transaction.atomic
def machtiging_verlenen(
    *,
    onderneming: Onderneming,
    gemachtigde: Organisatie,
    door: Actor,
    voor_aanvragen: bool = True,
    voor_leerlingen: bool = False,
    now: datetime | None = None,
) -> Machtiging:
    """The enterprise mandates a school or partnership to file applications for it (R4) and,
    a school only, to match learners and draft agreements with it without its acceptance of
    each proposal."""
    now = now or timezone.now()
    refuse_unless(kan_machtiging_verlenen(onderneming, door=door, now=now))
    if gemachtigde.soort not in ("onderwijsinstelling", "partnerschap"):
        raise ErkenningFout(_("Only a training provider or a partnership can be mandated."))
    if not (voor_aanvragen or voor_leerlingen):
        raise ErkenningFout(_("Choose what the mandate covers."))
    if voor_leerlingen and gemachtigde.soort != "onderwijsinstelling":
        raise ErkenningFout(
            _("Only a training provider can be mandated for learners and agreements.")
        )
    try:
        with transaction.atomic():
            machtiging = Machtiging.objects.create(
                onderneming=onderneming,
                gemachtigde=gemachtigde,
                verleend_door=door.person,
                voor_aanvragen=voor_aanvragen,
                voor_leerlingen=voor_leerlingen,
            )
    except IntegrityError:
        raise ErkenningFout(_("%(org)s already holds a mandate.") % {"org": gemachtigde}) from None
    audit_record(
        obj=machtiging,
        verb=AuditVerb.MACHTIGING_VERLEEND,
        door=door,
        organisatie=onderneming,
        after={
            "gemachtigde": str(gemachtigde),
            "voor_aanvragen": voor_aanvragen,
            "voor_leerlingen": voor_leerlingen,
        },
        now=now,
    )
    return machtiging


def kan_machtiging_intrekken(machtiging: Machtiging, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why this actor may not revoke the mandate now."""
    return refusals(
        door.may(perms.MACHTIGING_BEHEREN, machtiging),
        refuse_if(machtiging.ingetrokken_op is not None, _("This mandate was already revoked.")),
    )


@guarded_by(kan_machtiging_intrekken)
@transaction.atomic
def machtiging_intrekken(
    *, machtiging: Machtiging, door: Actor, now: datetime | None = None
) -> Machtiging:
    now = now or timezone.now()
    machtiging = Machtiging.objects.select_for_update().get(pk=machtiging.pk)
    refuse_unless(kan_machtiging_intrekken(machtiging, door=door, now=now))
    machtiging.ingetrokken_op = now
    machtiging.save(update_fields=["ingetrokken_op", "updated_at"])
    audit_record(
        obj=machtiging,
        verb=AuditVerb.MACHTIGING_INGETROKKEN,
        door=door,
        organisatie=machtiging.onderneming,
        now=now,
    )
    return machtiging
