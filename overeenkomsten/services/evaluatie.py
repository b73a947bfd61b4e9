"""Evaluations (R52): the mentor's employer and the school's coach record them together or
each on their own; a not-positive one carries its motivated report. The evaluation a phase
requires is a stored row with its due date: the daily sweep creates it for signed agreements
and flags it once overdue. The class council's decision on progression is recorded by the
coach per school year; what it means for the allowance level is decided elsewhere, later."""

import datetime as dt
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from duaal.accounts import permissions as perms
from duaal.accounts.actor import SYSTEM, Actor
from duaal.accounts.selectors import coaches, werkgevers
from duaal.audit.services import audit_record
from duaal.meldingen.services import page_url, send_mail
from duaal.organisaties.constants import OrganisatieSoort
from duaal.organisaties.models import OpleidingsFase
from duaal.termijnen import vandaag
from duaal.uploads import controleer_bewijsstuk
from duaal.workflow import Refusals, guarded_by, refusals, refuse_if, refuse_unless, system_sweep
from overeenkomsten import evaluaties as lezen
from overeenkomsten.constants import AuditVerb
from overeenkomsten.exceptions import OvereenkomstFout
from overeenkomsten.models import (
    Evaluatie,
    KlassenraadBeslissing,
    Leerling,
    Overeenkomst,
    VerplichteEvaluatie,
)
from overeenkomsten.models.evaluatie import EvaluatieRol, EvaluatieSoort, EvaluatieUitkomst

from .common import verplicht

__all__ = [
    "evaluatie_registreren",
    "kan_evaluatie_registreren",
    "kan_klassenraadbeslissing_registreren",
    "klassenraadbeslissing_registreren",
    "verplichte_evaluaties_aanmaken",
    "verplichte_evaluaties_markeren",
]

# Agreements per round of the sweeps; each row is claimed in its own short transaction.
BATCH = 500


def kan_evaluatie_registreren(
    overeenkomst: Overeenkomst, *, door: Actor, now: datetime
) -> Refusals:
    """Every reason why this actor may not record an evaluation of the agreement now."""
    return refusals(
        door.may(
            perms.OVEREENKOMST_OPVOLGEN,
            overeenkomst,
            reason=_("Only the mentor's employer or the learner's trajectory coach can do this."),
        ),
        refuse_if(
            overeenkomst.status not in lezen.EVALUEERBAAR,
            _("Only a signed agreement is evaluated; this one is “%(status)s”.")
            % {"status": overeenkomst.get_status_display()},
        ),
    )


def _document_controleren(document: UploadedFile | None) -> None:
    if not document:
        return
    try:
        soort = controleer_bewijsstuk(document)
    except ValidationError as fout:
        raise OvereenkomstFout(" ".join(fout.messages)) from None
    if soort != "pdf":
        raise OvereenkomstFout(_("Upload the evaluation document as a PDF."))
    document.name = "evaluatie.pdf"


def _controleren(
    overeenkomst: Overeenkomst, *, datum: dt.date, soort: str, uitkomst: str, now: datetime
) -> None:
    if datum > vandaag(now):
        raise OvereenkomstFout(
            _("The date of the evaluation (%(d)s) lies in the future.")
            % {"d": datum.strftime("%d/%m/%Y")}
        )
    if datum < overeenkomst.start:
        raise OvereenkomstFout(
            _("The date of the evaluation (%(d)s) comes before the agreement's start (%(s)s).")
            % {"d": datum.strftime("%d/%m/%Y"), "s": overeenkomst.start.strftime("%d/%m/%Y")}
        )
    if soort not in EvaluatieSoort.values:
        raise OvereenkomstFout(_("Choose the kind of evaluation."))
    if uitkomst not in EvaluatieUitkomst.values:
        raise OvereenkomstFout(_("Choose the outcome of the evaluation."))


def _rol(door: Actor) -> str:
    if door.organisatie_soort == OrganisatieSoort.ONDERNEMING:
        return EvaluatieRol.MENTOR
    return EvaluatieRol.TRAJECTBEGELEIDER


@guarded_by(kan_evaluatie_registreren)
@transaction.atomic
def evaluatie_registreren(
    *,
    overeenkomst: Overeenkomst,
    datum: dt.date,
    soort: str,
    uitkomst: str,
    notities: str = "",
    verslag: str = "",
    document: UploadedFile | None = None,
    door: Actor,
    now: datetime | None = None,
) -> Evaluatie:
    """Record an evaluation; one of the agreement's phase meets its required evaluation. A
    not-positive outcome needs the motivated report the brochure asks for."""
    now = now or timezone.now()
    overeenkomst = Overeenkomst.objects.select_for_update().get(pk=overeenkomst.pk)
    refuse_unless(kan_evaluatie_registreren(overeenkomst, door=door, now=now))
    _controleren(overeenkomst, datum=datum, soort=soort, uitkomst=uitkomst, now=now)
    if uitkomst == EvaluatieUitkomst.NIET_POSITIEF:
        verslag = verplicht(
            verslag, _("An evaluation that is not positive needs a motivated report.")
        )
    _document_controleren(document)
    evaluatie = Evaluatie(
        leerling_id=overeenkomst.leerling_id,
        overeenkomst=overeenkomst,
        fase_volgorde=overeenkomst.fase_volgorde,
        datum=datum,
        soort=soort,
        uitkomst=uitkomst,
        notities=notities.strip(),
        verslag=verslag.strip(),
        rol=_rol(door),
        door=door.person,
        geregistreerd_op=now,
    )
    if document:
        evaluatie.document = document
    evaluatie.save()
    voldaan = VerplichteEvaluatie.objects.filter(
        overeenkomst=overeenkomst,
        fase_volgorde=overeenkomst.fase_volgorde,
        voldaan_met__isnull=True,
    ).update(voldaan_met=evaluatie)
    audit_record(
        obj=overeenkomst,
        verb=AuditVerb.EVALUATIE_GEREGISTREERD,
        door=door,
        after={
            "datum": str(datum),
            "soort": soort,
            "uitkomst": uitkomst,
            "rol": evaluatie.rol,
            "verplicht_voldaan": bool(voldaan),
        },
        now=now,
    )
    return evaluatie


# The required evaluation: created and flagged by the daily sweep (G27: stored state).


def _kandidaten(dag: dt.date) -> QuerySet[Overeenkomst]:
    """Signed agreements whose phase may require an evaluation and that have no row for it
    yet. The phase is checked per agreement under its own rules; this only narrows."""
    fase_met_evaluatie = OpleidingsFase.objects.filter(
        regels__opleiding_id=OuterRef("opleiding_id"),
        volgorde=OuterRef("fase_volgorde"),
        evaluatie_na_maanden__isnull=False,
    )
    heeft_rij = VerplichteEvaluatie.objects.filter(
        overeenkomst_id=OuterRef("pk"), fase_volgorde=OuterRef("fase_volgorde")
    )
    return (
        Overeenkomst.objects.filter(
            Exists(fase_met_evaluatie),
            ~Exists(heeft_rij),
            status__in=lezen.LOPEND,
            fase_volgorde__isnull=False,
            einde__gte=dag,
        )
        .select_related("opleiding")
        .order_by("pk")
    )


def _aanmaken(overeenkomst: Overeenkomst, *, now: datetime) -> bool:
    fase = lezen.fase_van(overeenkomst, now=now)
    uiterlijk = lezen.evaluatie_uiterlijk(overeenkomst, fase) if fase else None
    if uiterlijk is None:
        return False
    # An evaluation recorded before the row existed meets it at once.
    eerdere = [
        e
        for e in overeenkomst.evaluaties.filter(fase_volgorde=overeenkomst.fase_volgorde)
        if lezen.voldoet(e)
    ]
    try:
        with transaction.atomic():
            VerplichteEvaluatie.objects.create(
                overeenkomst=overeenkomst,
                fase_volgorde=overeenkomst.fase_volgorde,
                uiterlijk=uiterlijk,
                voldaan_met=eerdere[0] if eerdere else None,
            )
    except IntegrityError:  # a concurrent run created it first
        return False
    return True


@system_sweep
def verplichte_evaluaties_aanmaken(*, now: datetime | None = None, batch: int = BATCH) -> int:
    """Create the required evaluation of each signed agreement whose phase asks one, due on
    the phase's start plus its months. Idempotent: an agreement with its row leaves the
    selection, and the unique constraint holds against a concurrent run."""
    now = now or timezone.now()
    kandidaten = _kandidaten(vandaag(now))
    totaal, na_pk = 0, 0
    while rijen := list(kandidaten.filter(pk__gt=na_pk)[:batch]):
        totaal += sum(_aanmaken(o, now=now) for o in rijen)
        na_pk = rijen[-1].pk
    return totaal


def _markeren(verplicht_: VerplichteEvaluatie, *, now: datetime) -> bool:
    """Flag one overdue required evaluation, once (a claim), and tell coach and employer."""
    o = verplicht_.overeenkomst
    with transaction.atomic():
        if not VerplichteEvaluatie.objects.filter(
            pk=verplicht_.pk, verstreken_op__isnull=True, voldaan_met__isnull=True
        ).update(verstreken_op=now):
            return False
        audit_record(
            obj=o,
            verb=AuditVerb.EVALUATIE_VERSTREKEN,
            door=SYSTEM,
            after={"fase": verplicht_.fase_volgorde, "uiterlijk": str(verplicht_.uiterlijk)},
            now=now,
        )
        send_mail(
            "overeenkomsten/evaluation_overdue",
            recipients=coaches(o.onderwijsinstelling_id) + werkgevers(o.onderneming_id),
            event_key=f"verplichte_evaluatie:{verplicht_.pk}:verstreken",
            context={
                "overeenkomst": str(o),
                "d": verplicht_.uiterlijk,
                "url": page_url(o),
            },
        )
    return True


@system_sweep
def verplichte_evaluaties_markeren(*, now: datetime | None = None, batch: int = BATCH) -> int:
    """Flag required evaluations past their due date without a positive evaluation or a
    motivated report, and mail the coach and the employer once. The due date itself still
    counts: a row is overdue from the day after."""
    now = now or timezone.now()
    verstreken = (
        VerplichteEvaluatie.objects.filter(
            voldaan_met__isnull=True,
            verstreken_op__isnull=True,
            uiterlijk__lt=vandaag(now),
            overeenkomst__status__in=lezen.LOPEND,
        )
        .select_related("overeenkomst__leerling", "overeenkomst__opleiding")
        .order_by("pk")
    )
    totaal, na_pk = 0, 0
    while rijen := list(verstreken.filter(pk__gt=na_pk)[:batch]):
        totaal += sum(_markeren(v, now=now) for v in rijen)
        na_pk = rijen[-1].pk
    return totaal


# The class council (R52).


def kan_klassenraadbeslissing_registreren(
    leerling: Leerling, *, door: Actor, now: datetime
) -> Refusals:
    """Every reason why this actor may not record the class council's decision now."""
    return refusals(
        door.may(
            perms.LEERLING_BEHEREN,
            leerling,
            reason=_("Only a trajectory coach of the learner's school can do this."),
        )
    )


@guarded_by(kan_klassenraadbeslissing_registreren)
@transaction.atomic
def klassenraadbeslissing_registreren(
    *,
    leerling: Leerling,
    schooljaar: int,
    datum: dt.date,
    beslissing: str,
    toelichting: str = "",
    door: Actor,
    now: datetime | None = None,
) -> KlassenraadBeslissing:
    """Record the class council's decision for a school year; recorded again for the same
    year, it replaces the earlier one (the timeline keeps both)."""
    now = now or timezone.now()
    leerling = Leerling.objects.select_for_update().get(pk=leerling.pk)
    refuse_unless(kan_klassenraadbeslissing_registreren(leerling, door=door, now=now))
    if beslissing not in KlassenraadBeslissing.Beslissing.values:
        raise OvereenkomstFout(_("Choose the class council's decision."))
    if datum > vandaag(now):
        raise OvereenkomstFout(
            _("The date of the decision (%(d)s) lies in the future.")
            % {"d": datum.strftime("%d/%m/%Y")}
        )
    if schooljaar not in (datum.year - 1, datum.year):
        raise OvereenkomstFout(
            _("A decision of %(d)s belongs to the school year %(a)s-%(b)s or %(b)s-%(c)s.")
            % {
                "d": datum.strftime("%d/%m/%Y"),
                "a": datum.year - 1,
                "b": datum.year,
                "c": datum.year + 1,
            }
        )
    eerder = leerling.klassenraadbeslissingen.filter(schooljaar=schooljaar).first()
    beslissing_rij, _nieuw = KlassenraadBeslissing.objects.update_or_create(
        leerling=leerling,
        schooljaar=schooljaar,
        defaults={
            "datum": datum,
            "beslissing": beslissing,
            "toelichting": toelichting.strip(),
            "door": door.person,
            "geregistreerd_op": now,
        },
    )
    audit_record(
        obj=leerling,
        verb=AuditVerb.KLASSENRAAD_BESLISSING,
        door=door,
        organisatie=leerling.onderwijsinstelling,
        before={"beslissing": eerder.beslissing} if eerder else None,
        after={"schooljaar": schooljaar, "datum": str(datum), "beslissing": beslissing},
        now=now,
    )
    return beslissing_rij
