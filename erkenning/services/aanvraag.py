"""The employer's side of an application: draft, answers, documents, mentors, submit (R1-R12)."""

from datetime import datetime

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from duaal.accounts import permissions as perms
from duaal.accounts.actor import SYSTEM, ActedFor, Actor
from duaal.accounts.selectors import consulenten, werkgevers
from duaal.audit.services import audit_record
from duaal.meldingen.services import page_url, send_mail
from duaal.organisaties.models import CriteriumDocument, Opleiding, Vestiging
from duaal.organisaties.selectors import criteria_voor
from duaal.termijnen import vandaag
from duaal.uploads import controleer_bewijsstuk
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
    BEWERKBAAR,
    AanvraagSoort,
    AanvraagStatus,
    AuditVerb,
)
from erkenning.exceptions import ErkenningFout
from erkenning.models import Aanvraag, AanvraagDocument, CriteriumAntwoord, Erkenning
from erkenning.models.aanvraag import Indieners
from erkenning.selectors import (
    actieve_uitsluiting,
    antwoorden_van,
    criteria_van,
    ontbrekende_onderdelen,
    verklaring_op_eer_geldig,
)
from mentors.models import Mentor, MentorToewijzing
from mentors.services import mentor_toewijzen


def _indiener(onderwerp: ActedFor, door: Actor) -> Refusals:
    """The actor files for the enterprise: its own people or a live mandate for applications
    (R4), in a role that files. `onderwerp` names the filers: an application, or the
    enterprise's `Indieners` for a file not started yet."""
    rol = door.may(perms.AANVRAAG_INDIENEN)
    if not rol.allowed:
        return rol
    organisatie = door.membership.organisatie if door.membership else ""
    return door.may(
        perms.AANVRAAG_INDIENEN,
        onderwerp,
        reason=_(
            "%(org)s holds no mandate of this enterprise for applications. The enterprise "
            "can grant one under Mandates."
        )
        % {"org": organisatie},
    )


def kan_aanvraag_aanmaken(
    vestiging: Vestiging, *, door: Actor, now: datetime, opleiding: Opleiding | None = None
) -> Refusals:
    """Every reason why this actor may not start an application for this establishment (and
    programme, when chosen) now."""
    return refusals(
        _indiener(Indieners(vestiging.onderneming_id), door),
        refuse_if(
            opleiding is not None and not opleiding.actief,
            _("This programme is no longer offered."),
        ),
    )


@guarded_by(kan_aanvraag_aanmaken)
@transaction.atomic
def aanvraag_aanmaken(
    *,
    vestiging: Vestiging,
    opleiding: Opleiding,
    door: Actor,
    soort: str = AanvraagSoort.NIEUW,
    vorige_erkenning: Erkenning | None = None,
    now: datetime | None = None,
) -> Aanvraag:
    """Start a draft for an establishment x programme, routed to the competent partnership.
    A school or partnership acting under the enterprise's mandate files in its own name (R4)."""
    now = now or timezone.now()
    refuse_unless(kan_aanvraag_aanmaken(vestiging, door=door, now=now, opleiding=opleiding))
    onderneming = vestiging.onderneming
    namens = door.organisatie_id if door.organisatie_id not in (None, onderneming.pk) else None
    aanvraag = Aanvraag.objects.create(
        onderneming=onderneming,
        vestiging=vestiging,
        opleiding=opleiding,
        partnerschap=opleiding.partnerschap,  # R12: routing follows the programme
        soort=soort,
        vorige_erkenning=vorige_erkenning,
        aangemaakt_door=door.person,
        ingediend_namens_id=namens,
    )
    for criterium in criteria_voor(opleiding.partnerschap_id, op=now).criteria:
        CriteriumAntwoord.objects.create(aanvraag=aanvraag, criterium=criterium)
    audit_record(
        obj=aanvraag,
        verb=AuditVerb.AANVRAAG_AANGEMAAKT,
        door=door,
        organisatie=onderneming,
        now=now,
    )
    return aanvraag


def _niet_meer_bewerkbaar(aanvraag: Aanvraag) -> str | None:
    return refuse_if(
        aanvraag.status not in BEWERKBAAR,
        _("The application can no longer be changed: it is “%(s)s”.")
        % {"s": aanvraag.get_status_display()},
    )


def kan_aanvraag_bewerken(aanvraag: Aanvraag, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why this actor may not change the answers, mentors or documents now."""
    return refusals(
        _indiener(aanvraag, door),
        _niet_meer_bewerkbaar(aanvraag),
    )


def _bewerkbaar(aanvraag: Aanvraag, door: Actor, now: datetime | None) -> Aanvraag:
    aanvraag = Aanvraag.objects.select_for_update().get(pk=aanvraag.pk)
    refuse_unless(kan_aanvraag_bewerken(aanvraag, door=door, now=now or timezone.now()))
    return aanvraag


@guarded_by(kan_aanvraag_bewerken)
@transaction.atomic
def aanvraag_antwoorden_opslaan(
    *,
    aanvraag: Aanvraag,
    antwoorden: dict[int, tuple[bool, str]],
    door: Actor,
    now: datetime | None = None,
) -> Aanvraag:
    """Save the ticks and explanations per criterion id; drafts save and resume. Only the
    criteria that apply are saved: one the partnership changed meanwhile is answered anew."""
    aanvraag = _bewerkbaar(aanvraag, door, now)  # refuses on kan_aanvraag_bewerken()
    for antwoord in antwoorden_van(aanvraag, criteria_van(aanvraag, now)):
        if antwoord.criterium_id in antwoorden:
            antwoord.voldaan, antwoord.toelichting = antwoorden[antwoord.criterium_id]
            antwoord.save()
    return aanvraag


@guarded_by(kan_aanvraag_bewerken)
@transaction.atomic
def aanvraag_mentoren_kiezen(
    *, aanvraag: Aanvraag, mentoren: list[Mentor], door: Actor, now: datetime | None = None
) -> Aanvraag:
    aanvraag = _bewerkbaar(aanvraag, door, now)  # refuses on kan_aanvraag_bewerken()
    if any(m.onderneming_id != aanvraag.onderneming_id for m in mentoren):
        raise ErkenningFout(_("A mentor of another enterprise cannot be named."))
    aanvraag.mentoren.set(mentoren)
    return aanvraag


@guarded_by(kan_aanvraag_bewerken)
@transaction.atomic
def aanvraag_document_opladen(
    *,
    aanvraag: Aanvraag,
    vereist: CriteriumDocument,
    bestand: UploadedFile,
    door: Actor,
    mentor: Mentor | None = None,
    now: datetime | None = None,
) -> AanvraagDocument:
    aanvraag = _bewerkbaar(aanvraag, door, now)  # refuses on kan_aanvraag_bewerken()
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
        opgeladen_door=door.person,
    )
    audit_record(
        obj=aanvraag,
        verb=AuditVerb.AANVRAAG_DOCUMENT_OPGELADEN,
        door=door,
        after={"document": vereist.naam},
        now=now,
    )
    return document


def _verklaring_ontbreekt(aanvraag: Aanvraag, door: Actor) -> str | None:
    """R4: the enterprise signs the declaration on honour for every application. Its own
    representative signs while submitting; a mandated school or partnership submits only a
    file the enterprise's representative has signed."""
    if door.may(perms.ERKENNING_BEHEREN, aanvraag).allowed or verklaring_op_eer_geldig(aanvraag):
        return None
    return _(
        "The enterprise signs the declaration on honour for every application. Ask its "
        "representative to sign it in the portal before you submit."
    )


def kan_aanvraag_indienen(aanvraag: Aanvraag, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why this actor may not submit (or resubmit) the application now: who
    files, the status, a running exclusion, what is still missing, the declaration (R4, R7)."""
    wie = _indiener(aanvraag, door)
    status = transition_allowed(
        aanvraag.status,
        AanvraagStatus.INGEDIEND,
        AANVRAAG_OVERGANGEN,
        aanvraag.get_status_display(),
    )
    if not wie.allowed or status is not None:
        return refusals(wie, status)  # nothing else to look up for a file one cannot submit
    uitsluiting = actieve_uitsluiting(
        aanvraag.onderneming_id, aanvraag.vestiging_id, op=vandaag(now)
    )
    tekorten = ontbrekende_onderdelen(aanvraag, now=now)
    return refusals(
        refuse_if(
            uitsluiting is not None,
            _("No application is possible: %(s)s.")
            % {"s": uitsluiting.get_soort_display().lower() if uitsluiting else ""},
        ),
        refuse_if(
            bool(tekorten), _("Not yet complete: %(lijst)s") % {"lijst": "; ".join(tekorten)}
        ),
        _verklaring_ontbreekt(aanvraag, door),
    )


@guarded_by(kan_aanvraag_indienen)
@transaction.atomic
def aanvraag_indienen(
    *, aanvraag: Aanvraag, door: Actor, verklaring_op_eer: bool, now: datetime | None = None
) -> Aanvraag:
    """Submit, or resubmit after a request for information. Needs every criterion answered
    with its documents, at least one mentor and the signed declaration on honour (R4, R7)."""
    now = now or timezone.now()
    aanvraag = Aanvraag.objects.select_for_update().get(pk=aanvraag.pk)
    refuse_unless(kan_aanvraag_indienen(aanvraag, door=door, now=now))
    ondertekend_door = None
    if door.may(perms.ERKENNING_BEHEREN, aanvraag).allowed:
        # The enterprise's own representative signs while submitting.
        if not verklaring_op_eer:
            raise ErkenningFout(_("Sign the declaration on honour to submit."))
        ondertekend_door = door.user
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
        verb=AuditVerb.AANVRAAG_INGEDIEND,
        door=door,
        organisatie=aanvraag.ingediend_namens or aanvraag.onderneming,
        before={"status": oud},
        after={"status": AanvraagStatus.INGEDIEND},
        now=now,
    )
    ontvangers = consulenten(aanvraag.partnerschap_id)
    if aanvraag.ingediend_namens_id:
        ontvangers += werkgevers(aanvraag.onderneming_id)  # the employer sees who filed (R4)
    send_mail(
        "erkenning/application_submitted",
        recipients=ontvangers,
        event_key=f"aanvraag:{aanvraag.pk}:ingediend:{now:%Y%m%d%H%M%S}",
        context={"aanvraag": str(aanvraag), "door": str(door.user), "url": page_url(aanvraag)},
    )
    _ontvangstbewijs(aanvraag, door=door, now=now)
    return aanvraag


def _ontvangstbewijs(aanvraag: Aanvraag, *, door: Actor, now: datetime) -> None:
    """The submitter's receipt: the reference, the date, what happens next and the term."""
    send_mail(
        "erkenning/application_receipt",
        recipients=[door.person],
        event_key=f"aanvraag:{aanvraag.pk}:ontvangstbewijs:{now:%Y%m%d%H%M%S}",
        context={
            "aanvraag": str(aanvraag),
            "referentie": aanvraag.referentie,
            "op": vandaag(now),
            "partnerschap": str(aanvraag.partnerschap),
            "dagen": aanvraag.partnerschap.beslistermijn_dagen,
            "url": page_url(aanvraag),
        },
    )


def kan_verklaring_op_eer_ondertekenen(
    aanvraag: Aanvraag, *, door: Actor, now: datetime
) -> Refusals:
    """Every reason why this actor may not sign the declaration on honour now (R4)."""
    return refusals(
        door.may(
            perms.ERKENNING_BEHEREN,
            aanvraag,
            reason=_("Only the enterprise's representative signs the declaration on honour."),
        ),
        _niet_meer_bewerkbaar(aanvraag),
    )


@guarded_by(kan_verklaring_op_eer_ondertekenen)
@transaction.atomic
def verklaring_op_eer_ondertekenen(
    *, aanvraag: Aanvraag, door: Actor, now: datetime | None = None
) -> Aanvraag:
    """The representative signs a file prepared under a mandate, without submitting it (R4)."""
    now = now or timezone.now()
    aanvraag = Aanvraag.objects.select_for_update().get(pk=aanvraag.pk)
    refuse_unless(kan_verklaring_op_eer_ondertekenen(aanvraag, door=door, now=now))
    aanvraag.verklaring_op_eer_op, aanvraag.verklaring_op_eer_door = now, door.user
    aanvraag.save(update_fields=["verklaring_op_eer_op", "verklaring_op_eer_door", "updated_at"])
    audit_record(
        obj=aanvraag,
        verb=AuditVerb.AANVRAAG_VERKLARING_OP_EER,
        door=door,
        organisatie=aanvraag.onderneming,
        now=now,
    )
    return aanvraag


def _mentoren_aanstellen(aanvraag: Aanvraag, door: Actor, now: datetime) -> None:
    """The named mentors are designated here; the application's review decides them (R21).
    Only the enterprise manages its register: when a mandated school submits, the designation
    is the submission's effect and is recorded as the system's."""
    if not door.may(perms.MENTOR_BEHEREN, aanvraag.onderneming).allowed:
        door = SYSTEM
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


def kan_aanvraag_intrekken(aanvraag: Aanvraag, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why this actor may not withdraw the application now."""
    return refusals(
        _indiener(aanvraag, door),
        transition_allowed(
            aanvraag.status,
            AanvraagStatus.INGETROKKEN,
            AANVRAAG_OVERGANGEN,
            aanvraag.get_status_display(),
        ),
    )


@guarded_by(kan_aanvraag_intrekken)
@transaction.atomic
def aanvraag_intrekken(*, aanvraag: Aanvraag, door: Actor, now: datetime | None = None) -> Aanvraag:
    now = now or timezone.now()
    aanvraag = Aanvraag.objects.select_for_update().get(pk=aanvraag.pk)
    refuse_unless(kan_aanvraag_intrekken(aanvraag, door=door, now=now))
    oud = aanvraag.status
    aanvraag.status = AanvraagStatus.INGETROKKEN
    aanvraag.save(update_fields=["status", "updated_at"])
    audit_record(
        obj=aanvraag,
        verb=AuditVerb.AANVRAAG_INGETROKKEN,
        door=door,
        before={"status": oud},
        after={"status": aanvraag.status},
        now=now,
    )
    return aanvraag
