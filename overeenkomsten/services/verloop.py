"""The life of an agreement (R73-R76): suspension, early termination, cancelling a draft, the
normal end, and what a recognition that ends means for running agreements (R24)."""

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from datetime import datetime

from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Q
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext as _

from duaal.accounts.constants import Rol
from duaal.accounts.models import User
from duaal.audit.services import audit_record
from duaal.termijnen import vandaag
from erkenning.constants import ErkenningStatus
from erkenning.models import Erkenning
from erkenning.selectors import lopend_voor_plaats
from overeenkomsten.constants import (
    DWINGENDE_REDEN_MAX_DAGEN,
    OPLEIDINGSDAGEN_TERMIJN,
    OVEREENKOMST_OVERGANGEN,
    SCHORSING_MELDEN_NA_DAGEN,
    BeeindigingReden,
    LeerlingStatus,
    OvereenkomstStatus,
    SchorsingReden,
)
from overeenkomsten.exceptions import OvereenkomstFout
from overeenkomsten.kalender import na_opleidingsdagen
from overeenkomsten.models import Leerling, Overeenkomst, Schorsing

from .common import coach_vereist, coaches, is_lid, melden, overgang, verplicht, werkgevers


def _partij_vereist(overeenkomst: Overeenkomst, door: User) -> None:
    """The employer's representative or the school's coach; the learner goes through the coach."""
    if not (
        is_lid(door, overeenkomst.onderneming_id, Rol.VERTEGENWOORDIGER)
        or is_lid(door, overeenkomst.onderwijsinstelling_id, Rol.TRAJECTBEGELEIDER)
    ):
        raise OvereenkomstFout(
            _("Only the employer's representative or the school's coach can do this.")
        )


def _vergrendeld(overeenkomst: Overeenkomst) -> Overeenkomst:
    return (
        Overeenkomst.objects.select_for_update().select_related("leerling").get(pk=overeenkomst.pk)
    )


def _dagen_per_jaar(van: dt.date, tot: dt.date) -> Counter[int]:
    return Counter((van + dt.timedelta(days=i)).year for i in range((tot - van).days + 1))


def _dwingende_reden_binnen_maximum(overeenkomst: Overeenkomst, van: dt.date, tot: dt.date) -> None:
    """R73: at most 10 days of compelling reasons per calendar year. A period that crosses
    New Year counts its days in the year they fall in, not all in the year it starts."""
    al: Counter[int] = Counter()
    for eerder in overeenkomst.schorsingen.filter(
        reden=SchorsingReden.DWINGENDE_REDEN, van__year__lte=tot.year, tot__year__gte=van.year
    ):
        al += _dagen_per_jaar(eerder.van, eerder.tot)
    for jaar, dagen in sorted(_dagen_per_jaar(van, tot).items()):
        if al[jaar] + dagen > DWINGENDE_REDEN_MAX_DAGEN:
            raise OvereenkomstFout(
                _(
                    "Compelling reasons allow at most %(max)s days a year; %(al)s are already "
                    "used (R73)."
                )
                % {"max": DWINGENDE_REDEN_MAX_DAGEN, "al": al[jaar]}
            )


@transaction.atomic
def schorsing_registreren(
    *,
    overeenkomst: Overeenkomst,
    reden: str,
    van: dt.date,
    tot: dt.date,
    toelichting: str,
    door: User,
    now: datetime | None = None,
) -> Schorsing:
    """Record a suspension (R73); longer than 14 days, the coach is told."""
    now = now or timezone.now()
    overeenkomst = _vergrendeld(overeenkomst)
    _partij_vereist(overeenkomst, door)
    if overeenkomst.status != OvereenkomstStatus.ONDERTEKEND:
        raise OvereenkomstFout(_("Only a signed agreement can be suspended."))
    if reden not in SchorsingReden.values:
        raise OvereenkomstFout(_("Choose the reason for the suspension."))
    if tot < van:
        raise OvereenkomstFout(_("The last day comes before the first day."))
    if van < overeenkomst.start or tot > overeenkomst.einde:
        raise OvereenkomstFout(_("A suspension falls within the agreement's start and end date."))
    if overeenkomst.schorsingen.filter(van__lte=tot, tot__gte=van).exists():
        raise OvereenkomstFout(_("This period overlaps a suspension already recorded."))
    schorsing = Schorsing(
        overeenkomst=overeenkomst,
        reden=reden,
        van=van,
        tot=tot,
        toelichting=toelichting.strip(),
        door=door,
    )
    if reden == SchorsingReden.DWINGENDE_REDEN:
        _dwingende_reden_binnen_maximum(overeenkomst, van, tot)
    schorsing.save()
    audit_record(
        obj=overeenkomst,
        verb="overeenkomst.geschorst",
        door=door,
        after={"reden": reden, "van": str(van), "tot": str(tot), "dagen": schorsing.dagen},
        now=now,
    )
    if schorsing.dagen > SCHORSING_MELDEN_NA_DAGEN:
        melden(
            f"schorsing:{schorsing.pk}:coach",
            coaches(overeenkomst.onderwijsinstelling_id),
            _("Suspension of more than 14 days"),
            _("%(overeenkomst)s is suspended from %(van)s to %(tot)s (%(reden)s).")
            % {
                "overeenkomst": overeenkomst,
                "van": van.strftime("%d/%m/%Y"),
                "tot": tot.strftime("%d/%m/%Y"),
                "reden": schorsing.get_reden_display(),
            },
        )
    return schorsing


def _venster_herstarten(
    leerling: Leerling, vanaf: dt.date, *, overeenkomst: Overeenkomst, door: User, now: datetime
) -> None:
    """R48: after an agreement ends, a new one within 20 training days."""
    leerling = Leerling.objects.select_for_update().get(pk=leerling.pk)
    oud = leerling.status
    leerling.overeenkomst_uiterlijk = na_opleidingsdagen(vanaf, OPLEIDINGSDAGEN_TERMIJN)
    leerling.termijn_herinnerd_op = None
    leerling.termijn_verstreken_op = None
    if leerling.status == LeerlingStatus.WERKPLEK_GOEDGEKEURD:
        leerling.status = LeerlingStatus.GOEDGEKEURD
        leerling.werkplek = None
        leerling.intake_op = None
    leerling.save()
    # G7: the learner's status and window change too; their timeline shows why.
    audit_record(
        obj=leerling,
        verb="leerling.werkplek_losgelaten",
        door=door,
        organisatie=leerling.onderwijsinstelling,
        before={"status": oud},
        after={
            "status": leerling.status,
            "overeenkomst_uiterlijk": str(leerling.overeenkomst_uiterlijk),
        },
        note=str(overeenkomst),
        now=now,
    )


@transaction.atomic
def overeenkomst_beeindigen(
    *,
    overeenkomst: Overeenkomst,
    reden: str,
    laatste_dag: dt.date,
    toelichting: str,
    door: User,
    now: datetime | None = None,
) -> Overeenkomst:
    """End early (R74, R76): the reason is recorded, the coach is told, and unless the learner
    completed the training the 20-training-day window restarts (R48)."""
    now = now or timezone.now()
    overeenkomst = _vergrendeld(overeenkomst)
    _partij_vereist(overeenkomst, door)
    overgang(
        overeenkomst.status,
        OvereenkomstStatus.BEEINDIGD,
        OVEREENKOMST_OVERGANGEN,
        overeenkomst.get_status_display(),
    )
    if reden not in BeeindigingReden.values:
        raise OvereenkomstFout(_("Choose the reason for ending the agreement."))
    if reden == BeeindigingReden.ANDERE:
        toelichting = verplicht(toelichting, _("Explain the reason for ending the agreement."))
    if not overeenkomst.start <= laatste_dag < overeenkomst.einde:
        raise OvereenkomstFout(
            _("The last day falls between the start date and the day before the end date.")
        )
    overeenkomst.status = OvereenkomstStatus.BEEINDIGD
    overeenkomst.beeindigd_op = laatste_dag
    overeenkomst.beeindiging_reden = reden
    overeenkomst.beeindiging_toelichting = toelichting.strip()
    overeenkomst.save()
    if reden != BeeindigingReden.GESLAAGD:
        _venster_herstarten(
            overeenkomst.leerling,
            laatste_dag + dt.timedelta(days=1),
            overeenkomst=overeenkomst,
            door=door,
            now=now,
        )
    audit_record(
        obj=overeenkomst,
        verb="overeenkomst.beeindigd",
        door=door,
        before={"status": OvereenkomstStatus.ONDERTEKEND},
        after={"status": overeenkomst.status, "reden": reden, "laatste_dag": str(laatste_dag)},
        now=now,
    )
    melden(
        f"overeenkomst:{overeenkomst.pk}:beeindigd",
        coaches(overeenkomst.onderwijsinstelling_id) + werkgevers(overeenkomst.onderneming_id),
        _("Agreement ended early"),
        _("%(overeenkomst)s ends early on %(d)s: %(reden)s.")
        % {
            "overeenkomst": overeenkomst,
            "d": laatste_dag.strftime("%d/%m/%Y"),
            "reden": overeenkomst.get_beeindiging_reden_display(),
        },
    )
    return overeenkomst


@transaction.atomic
def overeenkomst_annuleren(
    *, overeenkomst: Overeenkomst, door: User, now: datetime | None = None
) -> Overeenkomst:
    """The coach withdraws an agreement that nobody signed yet."""
    now = now or timezone.now()
    overeenkomst = _vergrendeld(overeenkomst)
    coach_vereist(door, overeenkomst.onderwijsinstelling_id)
    oud = overeenkomst.status
    overgang(
        oud,
        OvereenkomstStatus.GEANNULEERD,
        OVEREENKOMST_OVERGANGEN,
        overeenkomst.get_status_display(),
    )
    overeenkomst.status = OvereenkomstStatus.GEANNULEERD
    overeenkomst.save(update_fields=["status", "updated_at"])
    audit_record(
        obj=overeenkomst,
        verb="overeenkomst.geannuleerd",
        door=door,
        before={"status": oud},
        after={"status": overeenkomst.status},
        now=now,
    )
    if oud == OvereenkomstStatus.TER_GOEDKEURING:
        melden(
            f"overeenkomst:{overeenkomst.pk}:geannuleerd",
            werkgevers(overeenkomst.onderneming_id),
            _("Agreement withdrawn"),
            _("%(school)s withdrew the agreement %(overeenkomst)s before it was signed.")
            % {"school": overeenkomst.onderwijsinstelling, "overeenkomst": overeenkomst},
        )
    return overeenkomst


TE_MARKEREN = [OvereenkomstStatus.TER_GOEDKEURING, OvereenkomstStatus.ONDERTEKEND]


def _markeren(overeenkomst: Overeenkomst, *, reden: str, dag: dt.date, now: datetime) -> bool:
    """Flag one agreement whose recognition ended, once (a claim), and tell both parties."""
    with transaction.atomic():
        if not Overeenkomst.objects.filter(
            pk=overeenkomst.pk, te_beeindigen_sinds__isnull=True
        ).update(te_beeindigen_sinds=dag):
            return False
        audit_record(
            obj=overeenkomst,
            verb="overeenkomst.te_beeindigen",
            door=None,
            after={"te_beeindigen_sinds": str(dag)},
            note=reden,
            now=now,
        )
        melden(
            f"overeenkomst:{overeenkomst.pk}:erkenning_beeindigd",
            coaches(overeenkomst.onderwijsinstelling_id) + werkgevers(overeenkomst.onderneming_id),
            _("The recognition ended: end the agreement"),
            _(
                "The recognition of %(vestiging)s for %(opleiding)s ended (%(reden)s). The "
                "agreement %(overeenkomst)s must end early, or be withdrawn if it is not "
                "signed yet; the school looks for a new workplace."
            )
            % {
                "vestiging": overeenkomst.vestiging,
                "opleiding": overeenkomst.opleiding,
                "reden": reden,
                "overeenkomst": overeenkomst,
            },
        )
    return True


def _een_van(ids: Sequence[int]) -> Q:
    """pk in ids. On PostgreSQL as one array parameter: an expiry batch passes
    5,000 ids, and binding 5,000 separate parameters costs about 90 ms of Python per batch,
    a fifth of the whole sweep. The embedded demo's SQLite has no arrays."""
    if connection.vendor != "postgresql":
        return Q(pk__in=ids)
    return Q(pk__in=RawSQL("SELECT unnest(%s::bigint[])", [list(ids)]))


def na_erkenning_beeindigd(*, erkenning_ids: Sequence[int], reden: str, now: datetime) -> int:
    """R24/R74: these recognitions ended, so their running agreements must end early. They are
    flagged for the parties and the coaches are told; ending them stays a party's act. Agreements
    still awaiting approval are flagged too: they can no longer be signed and are withdrawn.
    One query for the whole set: an expiry batch ends thousands of recognitions, of which few
    have an agreement."""
    dag = vandaag(now)
    reden = ErkenningStatus(reden).label if reden in ErkenningStatus.values else reden
    van_de_plaats = Erkenning.objects.filter(
        _een_van(erkenning_ids),
        vestiging_id=OuterRef("vestiging_id"),
        opleiding_id=OuterRef("opleiding_id"),
    )
    lopend = Overeenkomst.objects.filter(
        Exists(van_de_plaats),
        status__in=TE_MARKEREN,
        einde__gte=dag,
        te_beeindigen_sinds__isnull=True,
    )
    return sum(_markeren(o, reden=reden, dag=dag, now=now) for o in lopend)


def overeenkomsten_zonder_erkenning_markeren(*, now: datetime | None = None) -> int:
    """The daily safety net for R24: flag agreements whose place no longer has a running
    recognition. The signal after an expiry batch is lost when its worker dies after the batch
    committed (the next expiry sweep no longer selects that recognition); this finds them."""
    now = now or timezone.now()
    dag = vandaag(now)
    wees = Overeenkomst.objects.filter(
        ~lopend_voor_plaats("vestiging_id", "opleiding_id"),
        status__in=TE_MARKEREN,
        einde__gte=dag,
        te_beeindigen_sinds__isnull=True,
    )
    reden = _("the recognition no longer runs")
    return sum(_markeren(o, reden=reden, dag=dag, now=now) for o in wees)
