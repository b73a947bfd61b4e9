"""Evidence: the 596.2 extract (upload, check, purge) and exceptions on age or experience."""

import datetime as dt
from datetime import datetime

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from duaal.accounts import permissions as perms
from duaal.accounts.actor import Actor
from duaal.accounts.selectors import partnerschap_team, werkgevers
from duaal.audit.services import audit_record, audit_record_bulk
from duaal.meldingen.services import page_url, send_mail, untranslated
from duaal.organisaties.models import Partnerschap
from duaal.termijnen import leeftijd_op, vandaag
from duaal.uploads import controleer_bewijsstuk
from duaal.workflow import (
    Refusals,
    guarded_by,
    refusals,
    refuse_if,
    refuse_unless,
    system_sweep,
    transition_allowed,
)
from mentors.constants import (
    MIN_JAREN_ERVARING,
    MIN_LEEFTIJD,
    MIN_LEEFTIJD_MET_VOOROPLEIDING,
    UITZONDERING_OVERGANGEN,
    UITZONDERING_VERB,
    AuditVerb,
    UitzonderingSoort,
    UitzonderingStatus,
)
from mentors.exceptions import MentorFout
from mentors.models import Mentor, MentorToewijzing, Uittreksel, Uitzondering

from .common import (
    motivatie_verplicht,
    vergrendel_mentor,
)


def kan_uittreksel_opladen(mentor: Mentor, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why this actor may not upload an extract for this mentor."""
    return refusals(door.may(perms.MENTOR_BEHEREN, mentor))


@guarded_by(kan_uittreksel_opladen)
@transaction.atomic
def uittreksel_opladen(
    *,
    mentor: Mentor,
    bestand: UploadedFile,
    uitgereikt_op: dt.date,
    door: Actor,
    now: datetime | None = None,
) -> Uittreksel:
    now = now or timezone.now()
    mentor = vergrendel_mentor(mentor)
    refuse_unless(kan_uittreksel_opladen(mentor, door=door, now=now))
    if uitgereikt_op > vandaag(now):
        raise MentorFout(_("The issue date cannot lie in the future."))
    controleer_bewijsstuk(bestand)
    uittreksel = Uittreksel.objects.create(
        mentor=mentor, uitgereikt_op=uitgereikt_op, bestand=bestand, opgeladen_door=door.person
    )
    audit_record(
        obj=uittreksel,
        verb=AuditVerb.UITTREKSEL_OPGELADEN,
        door=door,
        organisatie=mentor.onderneming,
        after={"uitgereikt_op": uitgereikt_op.isoformat()},
        now=now,
    )
    return uittreksel


def kan_uittreksel_controleren(uittreksel: Uittreksel, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why this actor may not mark the extract as checked: only a partnership
    reviewing one of the mentor's designations, and only once (S7)."""
    gecontroleerd = uittreksel.gecontroleerd_op
    return refusals(
        door.may(perms.MENTOR_BEOORDELEN, uittreksel),
        refuse_if(
            gecontroleerd is not None,
            _("This extract was checked on %(datum)s by %(door)s.")
            % {
                "datum": gecontroleerd.strftime("%d/%m/%Y") if gecontroleerd else "",
                "door": uittreksel.gecontroleerd_door,
            },
        ),
    )


@guarded_by(kan_uittreksel_controleren)
@transaction.atomic
def uittreksel_controleren(
    *, uittreksel: Uittreksel, door: Actor, now: datetime | None = None
) -> Uittreksel:
    """The partnership the actor acts for has seen the extract: keep 'checked on D by C',
    purge the file after that partnership's retention days (S7)."""
    now = now or timezone.now()
    uittreksel = (
        Uittreksel.objects.select_for_update(of=("self",))
        .select_related("mentor")
        .get(pk=uittreksel.pk)
    )
    refuse_unless(kan_uittreksel_controleren(uittreksel, door=door, now=now))
    # door.may() with the extract: the actor acts for a partnership reviewing the mentor.
    assert door.organisatie_id is not None
    partnerschap = Partnerschap.objects.get(pk=door.organisatie_id)
    uittreksel.partnerschap = partnerschap
    uittreksel.gecontroleerd_op = now
    uittreksel.gecontroleerd_door = str(door.audit_user)
    uittreksel.verwijderen_na = vandaag(now) + dt.timedelta(
        days=partnerschap.uittreksel_bewaartermijn_dagen
    )
    uittreksel.save(
        update_fields=[
            "partnerschap",
            "gecontroleerd_op",
            "gecontroleerd_door",
            "verwijderen_na",
            "updated_at",
        ]
    )
    audit_record(
        obj=uittreksel,
        verb=AuditVerb.UITTREKSEL_GECONTROLEERD,
        door=door,
        organisatie=partnerschap,
        after={"verwijderen_na": uittreksel.verwijderen_na.isoformat()},
        now=now,
    )
    return uittreksel


@system_sweep
def uittreksels_opruimen(*, now: datetime | None = None, batch: int = 500) -> int:
    """Beat sweep: delete extract files past their retention date. Idempotent: a purged row
    has `verwijderd_op` set and is not selected again; a crash mid-batch is finished next run."""
    now = now or timezone.now()
    totaal = 0
    while True:
        with transaction.atomic():
            rijen = list(
                Uittreksel.objects.select_for_update(skip_locked=True)
                .filter(verwijderd_op__isnull=True, verwijderen_na__lte=vandaag(now))
                .order_by("verwijderen_na", "pk")[:batch]
            )
            if not rijen:
                return totaal
            for rij in rijen:
                if rij.bestand:
                    rij.bestand.delete(save=False)
                rij.bestand, rij.verwijderd_op = "", now
            Uittreksel.objects.bulk_update(rijen, ["bestand", "verwijderd_op"])
            audit_record_bulk(objs=rijen, verb=AuditVerb.UITTREKSEL_BESTAND_VERWIJDERD, now=now)
            totaal += len(rijen)


def _uitzondering_zinvol(mentor: Mentor, soort: str, op: dt.date) -> str | None:
    """Why this exception is not needed or not possible for the mentor (R34), else None."""
    if soort == UitzonderingSoort.LEEFTIJD:
        jaren = leeftijd_op(mentor.geboortedatum, op)
        if jaren >= MIN_LEEFTIJD:
            return _("The mentor is 25 or older: no exception is needed.")
        if jaren < MIN_LEEFTIJD_MET_VOOROPLEIDING:
            return _("The minimum age can be lowered to 23 at most; the mentor is %(jaren)s.") % {
                "jaren": jaren
            }
    elif mentor.jaren_ervaring >= MIN_JAREN_ERVARING:
        return _("The mentor has 5 years of experience: no exception is needed.")
    return None


def kan_uitzondering_aanvragen(
    mentor: Mentor,
    *,
    door: Actor,
    now: datetime,
    partnerschap: Partnerschap | None = None,
    soort: str | None = None,
) -> Refusals:
    """Every reason why this actor may not ask an exception for the mentor now; given the
    partnership and the kind chosen on the form, also why not that one."""
    toewijzingen = MentorToewijzing.objects.filter(mentor_id=mentor.pk)
    return refusals(
        door.may(perms.MENTOR_BEHEREN, mentor),
        refuse_if(
            not toewijzingen.exists(),
            _(
                "Designate the mentor for a programme first: the partnership competent for "
                "that programme decides on the exception."
            ),
        ),
        None if soort is None else _uitzondering_zinvol(mentor, soort, vandaag(now)),
        refuse_if(
            partnerschap is not None
            and not toewijzingen.filter(opleiding__partnerschap=partnerschap).exists(),
            _("Designate the mentor for a programme of this partnership first."),
        ),
        refuse_if(
            partnerschap is not None
            and soort is not None
            and Uitzondering.objects.filter(
                mentor_id=mentor.pk,
                partnerschap=partnerschap,
                soort=soort,
                status=UitzonderingStatus.TOEGEKEND,
            ).exists(),
            _("This exception has already been granted."),
        ),
    )


@guarded_by(kan_uitzondering_aanvragen)
@transaction.atomic
def uitzondering_aanvragen(
    *,
    mentor: Mentor,
    partnerschap: Partnerschap,
    soort: str,
    bewijs: UploadedFile,
    toelichting: str,
    door: Actor,
    now: datetime | None = None,
) -> Uitzondering:
    """Ask the competent partnership for an exception on a 'bewijs van vooropleiding' (R34)."""
    now = now or timezone.now()
    mentor = vergrendel_mentor(mentor)
    refuse_unless(
        kan_uitzondering_aanvragen(
            mentor, door=door, now=now, partnerschap=partnerschap, soort=soort
        )
    )
    controleer_bewijsstuk(bewijs)
    try:
        with transaction.atomic():
            uitzondering = Uitzondering.objects.create(
                mentor=mentor,
                partnerschap=partnerschap,
                soort=soort,
                bewijs=bewijs,
                toelichting=toelichting,
                aangevraagd_door=door.person,
            )
    except IntegrityError:
        raise MentorFout(
            _("This exception has already been requested and awaits a decision.")
        ) from None
    audit_record(
        obj=uitzondering,
        verb=AuditVerb.UITZONDERING_AANGEVRAAGD,
        door=door,
        organisatie=mentor.onderneming,
        now=now,
    )
    send_mail(
        "mentors/exception_requested",
        recipients=partnerschap_team(partnerschap.pk),
        event_key=f"uitzondering:{uitzondering.pk}:aangevraagd",
        context={
            "onderneming": str(mentor.onderneming),
            "mentor": str(mentor),
            "soort": untranslated(UitzonderingSoort(uitzondering.soort).label),
            "url": page_url(uitzondering),
        },
    )
    return uitzondering


def kan_uitzondering_beslissen(
    uitzondering: Uitzondering, *, door: Actor, now: datetime, toekennen: bool = True
) -> Refusals:
    """Every reason why this actor may not decide on the exception now: only the partnership
    asked, and only while it awaits a decision (R34)."""
    nieuw = UitzonderingStatus.TOEGEKEND if toekennen else UitzonderingStatus.GEWEIGERD
    return refusals(
        door.may(perms.MENTOR_BEOORDELEN, uitzondering),
        transition_allowed(
            uitzondering.status, nieuw, UITZONDERING_OVERGANGEN, uitzondering.get_status_display()
        ),
    )


@guarded_by(kan_uitzondering_beslissen)
@transaction.atomic
def uitzondering_beslissen(
    *,
    uitzondering: Uitzondering,
    toekennen: bool,
    motivatie: str,
    door: Actor,
    now: datetime | None = None,
) -> Uitzondering:
    now = now or timezone.now()
    uitzondering = (
        Uitzondering.objects.select_for_update(of=("self",))
        .select_related("mentor")
        .get(pk=uitzondering.pk)
    )
    refuse_unless(kan_uitzondering_beslissen(uitzondering, door=door, now=now, toekennen=toekennen))
    nieuw = UitzonderingStatus.TOEGEKEND if toekennen else UitzonderingStatus.GEWEIGERD
    motivatie = motivatie_verplicht(motivatie)
    voor = uitzondering.status
    uitzondering.status, uitzondering.motivatie = nieuw, motivatie
    uitzondering.beslist_door, uitzondering.beslist_op = door.audit_user, now
    uitzondering.save(
        update_fields=["status", "motivatie", "beslist_door", "beslist_op", "updated_at"]
    )
    audit_record(
        obj=uitzondering,
        verb=UITZONDERING_VERB[nieuw],
        door=door,
        organisatie=uitzondering.partnerschap,
        before={"status": voor},
        after={"status": nieuw},
        note=motivatie,
        now=now,
    )
    send_mail(
        "mentors/exception_decided",
        recipients=werkgevers(uitzondering.mentor.onderneming_id),
        event_key=f"uitzondering:{uitzondering.pk}:{nieuw}",
        context={
            "toegekend": nieuw == UitzonderingStatus.TOEGEKEND,
            "mentor": str(uitzondering.mentor),
            "soort": untranslated(UitzonderingSoort(uitzondering.soort).label),
            "motivatie": motivatie,
            "url": page_url(uitzondering),
        },
    )
    return uitzondering
