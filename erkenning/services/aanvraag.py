"""The employer's side of an application: draft, answers, documents, mentors, submit (R1-R12)."""

from datetime import datetime

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from duaal.accounts.constants import Rol
from duaal.accounts.models import User
from duaal.audit.services import audit_record
from duaal.organisaties.models import (
    CriteriumDocument,
    Onderneming,
    Opleiding,
    Organisatie,
    Vestiging,
)
from duaal.termijnen import vandaag
from duaal.uploads import controleer_bewijsstuk
from erkenning.constants import AANVRAAG_OVERGANGEN, BEWERKBAAR, AanvraagSoort, AanvraagStatus
from erkenning.exceptions import ErkenningFout
from erkenning.models import Aanvraag, AanvraagDocument, CriteriumAntwoord, Erkenning, Machtiging
from erkenning.selectors import actieve_uitsluiting, ontbrekende_onderdelen
from mentors.models import Mentor, MentorToewijzing
from mentors.services import mentor_toewijzen

from .common import consulenten, is_lid, lid_vereist, melden, overgang, werkgevers


def _namens(onderneming: Onderneming, organisatie: Organisatie | None) -> Organisatie | None:
    """Filing for another organisation's enterprise needs its live mandate (R4)."""
    if organisatie is None or organisatie.pk == onderneming.pk:
        return None
    if not Machtiging.objects.filter(
        onderneming=onderneming,
        gemachtigde=organisatie,
        ingetrokken_op__isnull=True,
        voor_aanvragen=True,
    ).exists():
        raise ErkenningFout(
            _(
                "%(org)s holds no mandate of this enterprise for applications. The enterprise "
                "can grant one under Mandates."
            )
            % {"org": organisatie}
        )
    return organisatie


@transaction.atomic
def aanvraag_aanmaken(
    *,
    vestiging: Vestiging,
    opleiding: Opleiding,
    door: User,
    namens: Organisatie | None = None,
    soort: str = AanvraagSoort.NIEUW,
    vorige_erkenning: Erkenning | None = None,
    now: datetime | None = None,
) -> Aanvraag:
    """Start a draft for an establishment x programme, routed to the competent partnership."""
    onderneming = vestiging.onderneming
    if not opleiding.actief:
        raise ErkenningFout(_("This programme is no longer offered."))
    aanvraag = Aanvraag.objects.create(
        onderneming=onderneming,
        vestiging=vestiging,
        opleiding=opleiding,
        partnerschap=opleiding.partnerschap,  # R12: routing follows the programme
        soort=soort,
        vorige_erkenning=vorige_erkenning,
        aangemaakt_door=door,
        ingediend_namens=_namens(onderneming, namens),
    )
    for criterium in opleiding.partnerschap.criteria.all():
        CriteriumAntwoord.objects.create(aanvraag=aanvraag, criterium=criterium)
    audit_record(
        obj=aanvraag, verb="aanvraag.aangemaakt", door=door, organisatie=onderneming, now=now
    )
    return aanvraag


def _bewerkbaar(aanvraag: Aanvraag) -> Aanvraag:
    aanvraag = Aanvraag.objects.select_for_update().get(pk=aanvraag.pk)
    if aanvraag.status not in BEWERKBAAR:
        raise ErkenningFout(
            _("The application can no longer be changed: it is “%(s)s”.")
            % {"s": aanvraag.get_status_display()}
        )
    return aanvraag


@transaction.atomic
def aanvraag_antwoorden_opslaan(
    *, aanvraag: Aanvraag, antwoorden: dict[int, tuple[bool, str]], door: User
) -> Aanvraag:
    """Save the ticks and explanations per criterion id; drafts save and resume."""
    aanvraag = _bewerkbaar(aanvraag)
    for antwoord in aanvraag.antwoorden.all():
        if antwoord.criterium_id in antwoorden:
            antwoord.voldaan, antwoord.toelichting = antwoorden[antwoord.criterium_id]
            antwoord.save(update_fields=["voldaan", "toelichting"])
    return aanvraag


@transaction.atomic
def aanvraag_mentoren_kiezen(*, aanvraag: Aanvraag, mentoren: list[Mentor], door: User) -> Aanvraag:
    aanvraag = _bewerkbaar(aanvraag)
    if any(m.onderneming_id != aanvraag.onderneming_id for m in mentoren):
        raise ErkenningFout(_("A mentor of another enterprise cannot be named."))
    aanvraag.mentoren.set(mentoren)
    return aanvraag


@transaction.atomic
def aanvraag_document_opladen(
    *,
    aanvraag: Aanvraag,
    vereist: CriteriumDocument,
    bestand: UploadedFile,
    door: User,
    mentor: Mentor | None = None,
    now: datetime | None = None,
) -> AanvraagDocument:
    aanvraag = _bewerkbaar(aanvraag)
    if vereist.criterium.partnerschap_id != aanvraag.partnerschap_id:
        raise ErkenningFout(_("This document is not asked by the competent partnership."))
    if vereist.per_mentor and mentor is None:
        raise ErkenningFout(_("Choose the mentor this document belongs to."))
    controleer_bewijsstuk(bestand)
    document = AanvraagDocument.objects.create(
        aanvraag=aanvraag,
        vereist=vereist,
        mentor=mentor if vereist.per_mentor else None,
        bestand=bestand,
        opgeladen_door=door,
    )
    audit_record(
        obj=aanvraag,
        verb="aanvraag.document_opgeladen",
        door=door,
        after={"document": vereist.naam},
        now=now,
    )
    return document


@transaction.atomic
def aanvraag_indienen(
    *, aanvraag: Aanvraag, door: User, verklaring_op_eer: bool, now: datetime | None = None
) -> Aanvraag:
    """Submit, or resubmit after a request for information. Needs every criterion answered
    with its documents, at least one mentor and the signed declaration on honour (R4, R7)."""
    now = now or timezone.now()
    aanvraag = Aanvraag.objects.select_for_update().get(pk=aanvraag.pk)
    overgang(
        aanvraag.status,
        AanvraagStatus.INGEDIEND,
        AANVRAAG_OVERGANGEN,
        aanvraag.get_status_display(),
    )
    ondertekend_door = _verklaring(aanvraag, door, verklaring_op_eer)
    if uitsluiting := actieve_uitsluiting(
        aanvraag.onderneming_id, aanvraag.vestiging_id, op=vandaag(now)
    ):
        raise ErkenningFout(
            _("No application is possible: %(s)s.") % {"s": uitsluiting.get_soort_display().lower()}
        )
    if tekorten := ontbrekende_onderdelen(aanvraag):
        raise ErkenningFout(_("Not yet complete: %(lijst)s") % {"lijst": "; ".join(tekorten)})
    oud = aanvraag.status
    aanvraag.status, aanvraag.ingediend_op = AanvraagStatus.INGEDIEND, now
    if ondertekend_door is not None:
        aanvraag.verklaring_op_eer_op, aanvraag.verklaring_op_eer_door = now, ondertekend_door
    aanvraag.save(
        update_fields=[
            "status",
            "ingediend_op",
            "verklaring_op_eer_op",
            "verklaring_op_eer_door",
            "updated_at",
        ]
    )
    _mentoren_aanstellen(aanvraag, door, now)
    audit_record(
        obj=aanvraag,
        verb="aanvraag.ingediend",
        door=door,
        organisatie=aanvraag.ingediend_namens or aanvraag.onderneming,
        before={"status": oud},
        after={"status": AanvraagStatus.INGEDIEND},
        now=now,
    )
    ontvangers = consulenten(aanvraag.partnerschap_id)
    if aanvraag.ingediend_namens_id:
        ontvangers += werkgevers(aanvraag.onderneming_id)  # the employer sees who filed (R4)
    melden(
        f"aanvraag:{aanvraag.pk}:ingediend:{now:%Y%m%d%H%M%S}",
        ontvangers,
        _("Application submitted"),
        _("%(aanvraag)s was submitted by %(door)s.") % {"aanvraag": aanvraag, "door": door},
    )
    return aanvraag


def _verklaring(aanvraag: Aanvraag, door: User, verklaring_op_eer: bool) -> User | None:
    """R4: the enterprise signs the declaration on honour for every application. Its own
    representative signs while submitting; a mandated school or partnership submits only a
    file the enterprise has signed, and only while its mandate runs. Returns the new signer."""
    if is_lid(door, aanvraag.onderneming_id, Rol.VERTEGENWOORDIGER):
        if not verklaring_op_eer:
            raise ErkenningFout(_("Sign the declaration on honour to submit."))
        return door
    if aanvraag.ingediend_namens_id is not None:
        _namens(aanvraag.onderneming, aanvraag.ingediend_namens)  # the mandate still runs
    if aanvraag.verklaring_op_eer_door_id is None or not is_lid(
        aanvraag.verklaring_op_eer_door, aanvraag.onderneming_id, Rol.VERTEGENWOORDIGER
    ):
        raise ErkenningFout(
            _(
                "The enterprise signs the declaration on honour for every application. Ask its "
                "representative to sign it in the portal before you submit."
            )
        )
    return None


@transaction.atomic
def verklaring_op_eer_ondertekenen(
    *, aanvraag: Aanvraag, door: User, now: datetime | None = None
) -> Aanvraag:
    """The representative signs a file prepared under a mandate, without submitting it (R4)."""
    now = now or timezone.now()
    aanvraag = _bewerkbaar(aanvraag)
    lid_vereist(
        door,
        aanvraag.onderneming_id,
        _("Only the enterprise's representative signs the declaration on honour."),
        Rol.VERTEGENWOORDIGER,
    )
    aanvraag.verklaring_op_eer_op, aanvraag.verklaring_op_eer_door = now, door
    aanvraag.save(update_fields=["verklaring_op_eer_op", "verklaring_op_eer_door", "updated_at"])
    audit_record(
        obj=aanvraag,
        verb="aanvraag.verklaring_op_eer",
        door=door,
        organisatie=aanvraag.onderneming,
        now=now,
    )
    return aanvraag


def _mentoren_aanstellen(aanvraag: Aanvraag, door: User, now: datetime) -> None:
    """The named mentors are designated here; the application's review decides them (R21)."""
    bestaand = set(
        MentorToewijzing.objects.filter(
            vestiging=aanvraag.vestiging, opleiding=aanvraag.opleiding
        ).values_list("mentor_id", flat=True)
    )
    for mentor in aanvraag.mentoren.all():
        if mentor.pk not in bestaand:
            mentor_toewijzen(
                mentor=mentor,
                vestiging=aanvraag.vestiging,
                opleiding=aanvraag.opleiding,
                door=door,
                now=now,
            )


@transaction.atomic
def aanvraag_intrekken(*, aanvraag: Aanvraag, door: User, now: datetime | None = None) -> Aanvraag:
    aanvraag = Aanvraag.objects.select_for_update().get(pk=aanvraag.pk)
    overgang(
        aanvraag.status,
        AanvraagStatus.INGETROKKEN,
        AANVRAAG_OVERGANGEN,
        aanvraag.get_status_display(),
    )
    oud = aanvraag.status
    aanvraag.status = AanvraagStatus.INGETROKKEN
    aanvraag.save(update_fields=["status", "updated_at"])
    audit_record(
        obj=aanvraag,
        verb="aanvraag.ingetrokken",
        door=door,
        before={"status": oud},
        after={"status": aanvraag.status},
        now=now,
    )
    return aanvraag
