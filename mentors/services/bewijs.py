"""Evidence: the 596.2 extract (upload, check, purge) and exceptions on age or experience."""

import datetime as dt
from datetime import datetime

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from duaal.accounts.models import User
from duaal.audit.services import audit_record, audit_record_bulk
from duaal.organisaties.models import Partnerschap
from duaal.termijnen import leeftijd_op, vandaag
from duaal.uploads import controleer_bewijsstuk
from mentors.constants import (
    MIN_JAREN_ERVARING,
    MIN_LEEFTIJD,
    MIN_LEEFTIJD_MET_VOOROPLEIDING,
    UITZONDERING_OVERGANGEN,
    UitzonderingSoort,
    UitzonderingStatus,
)
from mentors.exceptions import MentorFout
from mentors.models import Mentor, MentorToewijzing, Uittreksel, Uitzondering

from .common import melden, motivatie_verplicht, overgang_toegestaan, partnerschap_team, werkgevers


@transaction.atomic
def uittreksel_opladen(
    *,
    mentor: Mentor,
    bestand: UploadedFile,
    uitgereikt_op: dt.date,
    door: User,
    now: datetime | None = None,
) -> Uittreksel:
    now = now or timezone.now()
    if uitgereikt_op > vandaag(now):
        raise MentorFout(_("The issue date cannot lie in the future."))
    controleer_bewijsstuk(bestand)
    uittreksel = Uittreksel.objects.create(
        mentor=mentor, uitgereikt_op=uitgereikt_op, bestand=bestand, opgeladen_door=door
    )
    audit_record(
        obj=uittreksel,
        verb="uittreksel.opgeladen",
        door=door,
        organisatie=mentor.onderneming,
        after={"uitgereikt_op": uitgereikt_op.isoformat()},
        now=now,
    )
    return uittreksel


@transaction.atomic
def uittreksel_controleren(
    *, uittreksel: Uittreksel, partnerschap: Partnerschap, door: User, now: datetime | None = None
) -> Uittreksel:
    """The deciding partnership has seen the extract: keep 'checked on D by C', purge the file
    after the partnership's retention days (S7)."""
    now = now or timezone.now()
    uittreksel = Uittreksel.objects.select_for_update().get(pk=uittreksel.pk)
    if uittreksel.gecontroleerd_op is not None:
        raise MentorFout(_("This extract has already been checked."))
    if not MentorToewijzing.objects.filter(
        mentor_id=uittreksel.mentor_id, opleiding__partnerschap=partnerschap
    ).exists():
        raise MentorFout(_("This mentor has no designation your partnership reviews."))
    uittreksel.partnerschap = partnerschap
    uittreksel.gecontroleerd_op = now
    uittreksel.gecontroleerd_door = str(door)
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
        verb="uittreksel.gecontroleerd",
        door=door,
        organisatie=partnerschap,
        after={"verwijderen_na": uittreksel.verwijderen_na.isoformat()},
        now=now,
    )
    return uittreksel


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
            audit_record_bulk(objs=rijen, verb="uittreksel.bestand_verwijderd", now=now)
            totaal += len(rijen)


def _uitzondering_zinvol(mentor: Mentor, soort: str, op: dt.date) -> None:
    if soort == UitzonderingSoort.LEEFTIJD:
        jaren = leeftijd_op(mentor.geboortedatum, op)
        if jaren >= MIN_LEEFTIJD:
            raise MentorFout(_("The mentor is 25 or older: no exception is needed."))
        if jaren < MIN_LEEFTIJD_MET_VOOROPLEIDING:
            raise MentorFout(
                _("The minimum age can be lowered to 23 at most; the mentor is %(jaren)s.")
                % {"jaren": jaren}
            )
    elif mentor.jaren_ervaring >= MIN_JAREN_ERVARING:
        raise MentorFout(_("The mentor has 5 years of experience: no exception is needed."))


@transaction.atomic
def uitzondering_aanvragen(
    *,
    mentor: Mentor,
    partnerschap: Partnerschap,
    soort: str,
    bewijs: UploadedFile,
    toelichting: str,
    door: User,
    now: datetime | None = None,
) -> Uitzondering:
    """Ask the competent partnership for an exception on a 'bewijs van vooropleiding' (R34)."""
    now = now or timezone.now()
    _uitzondering_zinvol(mentor, soort, vandaag(now))
    if not MentorToewijzing.objects.filter(
        mentor=mentor, opleiding__partnerschap=partnerschap
    ).exists():
        raise MentorFout(_("Designate the mentor for a programme of this partnership first."))
    if Uitzondering.objects.filter(
        mentor=mentor, partnerschap=partnerschap, soort=soort, status=UitzonderingStatus.TOEGEKEND
    ).exists():
        raise MentorFout(_("This exception has already been granted."))
    controleer_bewijsstuk(bewijs)
    try:
        with transaction.atomic():
            uitzondering = Uitzondering.objects.create(
                mentor=mentor,
                partnerschap=partnerschap,
                soort=soort,
                bewijs=bewijs,
                toelichting=toelichting,
                aangevraagd_door=door,
            )
    except IntegrityError:
        raise MentorFout(
            _("This exception has already been requested and awaits a decision.")
        ) from None
    audit_record(
        obj=uitzondering,
        verb="uitzondering.aangevraagd",
        door=door,
        organisatie=mentor.onderneming,
        now=now,
    )
    melden(
        f"uitzondering:{uitzondering.pk}:aangevraagd",
        partnerschap_team(partnerschap.pk),
        _("Mentor exception requested"),
        _("%(onderneming)s asks for an exception for %(mentor)s: %(soort)s.")
        % {
            "onderneming": mentor.onderneming,
            "mentor": mentor,
            "soort": uitzondering.get_soort_display(),
        },
    )
    return uitzondering


@transaction.atomic
def uitzondering_beslissen(
    *,
    uitzondering: Uitzondering,
    toekennen: bool,
    motivatie: str,
    door: User,
    now: datetime | None = None,
) -> Uitzondering:
    now = now or timezone.now()
    uitzondering = (
        Uitzondering.objects.select_for_update().select_related("mentor").get(pk=uitzondering.pk)
    )
    nieuw = UitzonderingStatus.TOEGEKEND if toekennen else UitzonderingStatus.GEWEIGERD
    overgang_toegestaan(
        uitzondering.status, nieuw, UITZONDERING_OVERGANGEN, uitzondering.get_status_display()
    )
    motivatie = motivatie_verplicht(motivatie)
    uitzondering.status, uitzondering.motivatie = nieuw, motivatie
    uitzondering.beslist_door, uitzondering.beslist_op = door, now
    uitzondering.save(
        update_fields=["status", "motivatie", "beslist_door", "beslist_op", "updated_at"]
    )
    audit_record(
        obj=uitzondering,
        verb=f"uitzondering.{nieuw}",
        door=door,
        organisatie=uitzondering.partnerschap,
        before={"status": UitzonderingStatus.AANGEVRAAGD},
        after={"status": nieuw},
        note=motivatie,
        now=now,
    )
    melden(
        f"uitzondering:{uitzondering.pk}:{nieuw}",
        werkgevers(uitzondering.mentor.onderneming_id),
        _("Mentor exception %(status)s") % {"status": uitzondering.get_status_display().lower()},
        f"{uitzondering}\n\n{motivatie}",
    )
    return uitzondering
