"""A running recognition: renewal, publication, the mentor link (R43) and mandates (R4)."""

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from duaal.accounts.models import User
from duaal.audit.services import audit_record
from duaal.organisaties.models import Onderneming, Opleiding, Organisatie, Vestiging
from erkenning.constants import ERKENNING_OVERGANGEN, AanvraagSoort, AanvraagStatus, ErkenningStatus
from erkenning.exceptions import ErkenningFout
from erkenning.models import Aanvraag, Erkenning, Machtiging
from mentors.constants import ToewijzingStatus

from .aanvraag import aanvraag_aanmaken
from .common import overgang


@transaction.atomic
def erkenning_hernieuwen(
    *, erkenning: Erkenning, door: User, now: datetime | None = None
) -> Aanvraag:
    """A renewal is a new application pre-filled from the last one (answers and mentors)."""
    if not erkenning.is_lopend:
        raise ErkenningFout(_("Only a running recognition can be renewed; apply anew instead."))
    if (
        Aanvraag.objects.filter(vorige_erkenning=erkenning)
        .exclude(status__in=[AanvraagStatus.AFGEWEZEN, AanvraagStatus.INGETROKKEN])
        .exists()
    ):
        raise ErkenningFout(_("A renewal of this recognition is already under way."))
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


@transaction.atomic
def erkenning_publicatie_wijzigen(
    *,
    erkenning: Erkenning,
    publiek_zichtbaar: bool,
    plaatsen_beschikbaar: bool,
    door: User,
    now: datetime | None = None,
) -> Erkenning:
    """The employer opts in to the public search and says whether places are available."""
    erkenning = Erkenning.objects.select_for_update().get(pk=erkenning.pk)
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
            verb="erkenning.publicatie",
            door=door,
            organisatie=erkenning.onderneming,
            before=voor,
            after=na,
            now=now,
        )
    return erkenning


def _mentorstatus(
    vestiging: Vestiging, opleiding: Opleiding, van: str, naar: str, now: datetime
) -> None:
    with transaction.atomic():
        for erkenning in Erkenning.objects.select_for_update().filter(
            vestiging=vestiging, opleiding=opleiding, status=van
        ):
            overgang(erkenning.status, naar, ERKENNING_OVERGANGEN, erkenning.get_status_display())
            erkenning.status = naar
            erkenning.save(update_fields=["status", "updated_at"])
            audit_record(
                obj=erkenning,
                verb=f"erkenning.{naar}",
                door=None,
                organisatie=erkenning.partnerschap,
                before={"status": van},
                after={"status": naar},
                now=now,
            )


def erkenning_zonder_geldige_mentor(
    *, vestiging: Vestiging, opleiding: Opleiding, now: datetime | None = None, **_kw
) -> None:
    """Receiver of mentors' `geen_geldige_mentor_meer`: no new agreement until a mentor is back."""
    _mentorstatus(
        vestiging,
        opleiding,
        ErkenningStatus.ACTIEF,
        ErkenningStatus.ZONDER_GELDIGE_MENTOR,
        now or timezone.now(),
    )


def erkenning_mentor_hersteld(
    *, vestiging: Vestiging, opleiding: Opleiding, now: datetime | None = None, **_kw
) -> None:
    """Receiver of mentors' `geldige_mentor_beschikbaar`."""
    _mentorstatus(
        vestiging,
        opleiding,
        ErkenningStatus.ZONDER_GELDIGE_MENTOR,
        ErkenningStatus.ACTIEF,
        now or timezone.now(),
    )


@transaction.atomic
def machtiging_verlenen(
    *,
    onderneming: Onderneming,
    gemachtigde: Organisatie,
    door: User,
    voor_aanvragen: bool = True,
    voor_leerlingen: bool = False,
    now: datetime | None = None,
) -> Machtiging:
    """The enterprise mandates a school or partnership to file applications for it (R4) and,
    a school only, to match learners and draft agreements with it without its acceptance of
    each proposal."""
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
                verleend_door=door,
                voor_aanvragen=voor_aanvragen,
                voor_leerlingen=voor_leerlingen,
            )
    except IntegrityError:
        raise ErkenningFout(_("%(org)s already holds a mandate.") % {"org": gemachtigde}) from None
    audit_record(
        obj=machtiging,
        verb="machtiging.verleend",
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


@transaction.atomic
def machtiging_intrekken(
    *, machtiging: Machtiging, door: User, now: datetime | None = None
) -> Machtiging:
    now = now or timezone.now()
    machtiging = Machtiging.objects.select_for_update().get(pk=machtiging.pk)
    if machtiging.ingetrokken_op is not None:
        raise ErkenningFout(_("This mandate was already revoked."))
    machtiging.ingetrokken_op = now
    machtiging.save(update_fields=["ingetrokken_op", "updated_at"])
    audit_record(
        obj=machtiging,
        verb="machtiging.ingetrokken",
        door=door,
        organisatie=machtiging.onderneming,
        now=now,
    )
    return machtiging
