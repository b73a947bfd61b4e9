"""The employer answers a school's proposal: it accepts (the company chooses the learner,
R48, and gives the intake date) or refuses with a reason; an open proposal lapses with the
learner's 20-training-day window. Making and withdrawing a proposal: voorstel.py."""

import datetime as dt
from datetime import datetime

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from duaal.accounts import permissions as perms
from duaal.accounts.actor import Actor
from duaal.audit.services import audit_record_bulk
from duaal.meldingen.services import send_mail
from duaal.organisaties.models import Vestiging
from duaal.termijnen import vandaag
from duaal.workflow import Refusals, guarded_by, refusals, refuse_if, refuse_unless, system_sweep
from overeenkomsten import selectors
from overeenkomsten.constants import (
    AuditVerb,
    LeerlingStatus,
    OvereenkomstStatus,
    Partij,
    VoorstelStatus,
)
from overeenkomsten.exceptions import OvereenkomstFout
from overeenkomsten.models import Leerling, Overeenkomst, Voorstel
from overeenkomsten.traject import voor_volgende_fase

from .common import (
    mentor_plaats_weigering,
    partijen_in_voorstellen,
)
from .screening import status_zetten
from .voorstel import (
    BATCH,
    datum,
    nog_open,
    portaal_url,
    status_wijzigen,
    vergrendeld,
    waar_voorgesteld,
)


def kan_beantwoorden(voorstel: Voorstel, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why this person may not accept or refuse the proposal now."""
    leerling = voorstel.leerling
    elders = (
        leerling.status == LeerlingStatus.WERKPLEK_GOEDGEKEURD
        and leerling.werkplek is not None
        and leerling.werkplek.onderneming_id != voorstel.onderneming_id
        # A trajectory's later phase may be at another employer (traject.py).
        and not voor_volgende_fase(leerling)
    )
    return refusals(
        door.may(
            perms.WERKGEVER_INSTEMMEN,
            voorstel,
            reason=_(
                "Only the enterprise's legal representative can answer a proposal. Ask them to "
                "log in and answer it."
            ),
        ),
        nog_open(voorstel, VoorstelStatus.AANVAARD),
        refuse_if(
            voorstel.status == VoorstelStatus.VOORGESTELD and voorstel.vervalt_op < vandaag(now),
            _("The learner's term ended on %(d)s, so this proposal lapsed.")
            % {"d": datum(voorstel.vervalt_op)},
        ),
        refuse_if(
            voorstel.status == VoorstelStatus.VOORGESTELD
            and (
                elders
                or leerling.status
                not in (LeerlingStatus.GOEDGEKEURD, LeerlingStatus.WERKPLEK_GOEDGEKEURD)
            ),
            _("The learner is no longer looking for a workplace; the school will withdraw it."),
        ),
        _andere_partij(voorstel, door),
    )


def _andere_partij(voorstel: Voorstel, door: Actor) -> str | None:
    """One person never acts for two parties: whoever proposed the learner or drafted an
    agreement for them with this employer acted for the school."""
    persoon = door.user
    if persoon is None:
        return None
    partijen = partijen_in_voorstellen(persoon, Voorstel.objects.filter(pk=voorstel.pk))
    if Overeenkomst.objects.filter(
        leerling_id=voorstel.leerling_id,
        # An exact lookup takes None (IS NULL); the stubs' lookup types leave it out.
        onderneming_id=voorstel.onderneming_id,  # type: ignore[misc]
        trajectbegeleider=persoon,
    ).exists():
        partijen.add(Partij.SCHOOL)
    if partijen - {Partij.WERKGEVER}:
        return _(
            "You proposed this learner for the school; one person never acts for two parties. "
            "Another representative of the enterprise must answer."
        )
    return None


def _vestiging_kiezen(voorstel: Voorstel, vestiging: Vestiging | None, op: dt.date) -> Vestiging:
    if voorstel.vestiging is not None:  # no query without a vestiging_id
        return voorstel.vestiging
    if (
        vestiging is None
        or vestiging.onderneming_id != voorstel.onderneming_id
        or not selectors.erkend_voor(voorstel.opleiding, op=op).filter(pk=vestiging.pk).exists()
    ):
        raise OvereenkomstFout(
            _("Choose the establishment, recognised for this programme, where the learner trains.")
        )
    return vestiging


def _wachtende_overeenkomsten(voorstel: Voorstel, vestiging: Vestiging) -> QuerySet[Overeenkomst]:
    """Agreements for this match already sent that do not count toward the cap yet."""
    return (
        Overeenkomst.objects.filter(
            leerling_id=voorstel.leerling_id,
            vestiging=vestiging,
            status=OvereenkomstStatus.TER_GOEDKEURING,
        )
        .exclude(selectors.werkgever_aanvaard())
        .order_by("pk")
    )


@guarded_by(kan_beantwoorden)
@transaction.atomic
def voorstel_aanvaarden(
    *,
    voorstel: Voorstel,
    intake_op: dt.date,
    door: Actor,
    vestiging: Vestiging | None = None,
    now: datetime | None = None,
) -> Voorstel:
    """The employer accepts: after its intake interview the company chose the learner (R48),
    who is then approved for the workplace. The employer gives the intake date; for a
    proposal to the enterprise it picks the establishment."""
    now = now or timezone.now()
    voorstel = vergrendeld(voorstel)
    # The learner next (before any mentor): the lock order of leerling_en_mentor_vergrendelen.
    leerling = (
        Leerling.objects.select_for_update(of=("self",))
        .select_related("werkplek")
        .get(pk=voorstel.leerling_id)
    )
    voorstel.leerling = leerling
    refuse_unless(kan_beantwoorden(voorstel, door=door, now=now))
    if intake_op > vandaag(now):
        raise OvereenkomstFout(_("The intake interview cannot be in the future."))
    vestiging = _vestiging_kiezen(voorstel, vestiging, vandaag(now))
    # An agreement for this match already sent (under a mandate) starts to count now.
    refuse_unless(
        refusals(
            *(mentor_plaats_weigering(o) for o in _wachtende_overeenkomsten(voorstel, vestiging))
        )
    )
    status_wijzigen(
        voorstel,
        VoorstelStatus.AANVAARD,
        door=door,
        now=now,
        verb=AuditVerb.VOORSTEL_AANVAARD,
        vestiging=vestiging,
        beantwoord_door=door.user,
        beantwoord_op=now,
    )
    if leerling.status == LeerlingStatus.GOEDGEKEURD:
        leerling.werkplek = vestiging
        leerling.intake_op = intake_op
        status_zetten(
            leerling,
            LeerlingStatus.WERKPLEK_GOEDGEKEURD,
            door=door,
            now=now,
            verb=AuditVerb.LEERLING_WERKPLEK_GOEDGEKEURD,
            note=str(vestiging),
        )
    _andere_intrekken(voorstel, now=now)
    send_mail(
        "overeenkomsten/proposal_accepted",
        recipients=[voorstel.voorgesteld_door],
        event_key=f"voorstel:{voorstel.pk}:aanvaard",
        context={
            "onderneming": str(voorstel.onderneming),
            "leerling": str(leerling),
            "vestiging": vestiging.naam,
            "intake": intake_op,
            "d": voorstel.vervalt_op,
            "url": portaal_url("overeenkomsten:leerling_detail", leerling),
        },
    )
    return voorstel


def _andere_intrekken(voorstel: Voorstel, *, now: datetime) -> None:
    """The learner is matched: their other open proposals end, so no employer answers a
    proposal that no longer stands."""
    andere = Voorstel.objects.filter(
        leerling_id=voorstel.leerling_id, status=VoorstelStatus.VOORGESTELD
    ).exclude(pk=voorstel.pk)
    ids = list(andere.values_list("pk", flat=True))
    if not ids:
        return
    Voorstel.objects.filter(pk__in=ids).update(status=VoorstelStatus.INGETROKKEN, updated_at=now)
    audit_record_bulk(
        objs=Voorstel.objects.filter(pk__in=ids),
        verb=AuditVerb.VOORSTEL_INGETROKKEN,
        before={"status": VoorstelStatus.VOORGESTELD},
        after={"status": VoorstelStatus.INGETROKKEN},
        now=now,
    )


@guarded_by(kan_beantwoorden)
@transaction.atomic
def voorstel_weigeren(
    *, voorstel: Voorstel, reden: str, door: Actor, now: datetime | None = None
) -> Voorstel:
    """The employer refuses, with a reason the coach reads."""
    now = now or timezone.now()
    voorstel = vergrendeld(voorstel)
    refuse_unless(kan_beantwoorden(voorstel, door=door, now=now))
    reden = (reden or "").strip()
    if not reden:
        raise OvereenkomstFout(_("Say why you refuse: the school reads your reason."))
    status_wijzigen(
        voorstel,
        VoorstelStatus.GEWEIGERD,
        door=door,
        now=now,
        verb=AuditVerb.VOORSTEL_GEWEIGERD,
        reden=reden,
        beantwoord_door=door.user,
        beantwoord_op=now,
    )
    send_mail(
        "overeenkomsten/proposal_refused",
        recipients=[voorstel.voorgesteld_door],
        event_key=f"voorstel:{voorstel.pk}:geweigerd",
        context={
            "onderneming": str(voorstel.onderneming),
            "leerling": str(voorstel.leerling),
            "reden": reden,
            "d": voorstel.vervalt_op,
            "url": portaal_url("overeenkomsten:leerling_detail", voorstel.leerling),
        },
    )
    return voorstel


# -- lapsing (beat sweep) -----------------------------------------------------------------


@system_sweep
def voorstellen_laten_vervallen(*, now: datetime | None = None) -> int:
    """Open proposals past the learner's window lapse (R48), in batches; each row is claimed
    by its status, so a rerun (or a second beat) changes nothing. The coach is told."""
    now = now or timezone.now()
    dag = vandaag(now)
    totaal = 0
    while True:
        with transaction.atomic():
            ids = list(
                Voorstel.objects.select_for_update(skip_locked=True)
                .filter(status=VoorstelStatus.VOORGESTELD, vervalt_op__lt=dag)
                .values_list("pk", flat=True)[:BATCH]
            )
            if not ids:
                return totaal
            Voorstel.objects.filter(pk__in=ids).update(
                status=VoorstelStatus.VERVALLEN, updated_at=now
            )
            vervallen = list(
                Voorstel.objects.filter(pk__in=ids).select_related(
                    "leerling", "onderneming", "vestiging", "voorgesteld_door"
                )
            )
            audit_record_bulk(
                objs=vervallen,
                verb=AuditVerb.VOORSTEL_VERVALLEN,
                before={"status": VoorstelStatus.VOORGESTELD},
                after={"status": VoorstelStatus.VERVALLEN},
                now=now,
            )
            for voorstel in vervallen:
                _vervallen_melden(voorstel)
            totaal += len(ids)


def _vervallen_melden(voorstel: Voorstel) -> None:
    send_mail(
        "overeenkomsten/proposal_lapsed",
        recipients=[voorstel.voorgesteld_door],
        event_key=f"voorstel:{voorstel.pk}:vervallen",
        context={
            "leerling": str(voorstel.leerling),
            "waar": str(waar_voorgesteld(voorstel)),
            "d": voorstel.vervalt_op,
            "url": portaal_url("overeenkomsten:leerling_detail", voorstel.leerling),
        },
    )


__all__ = [
    "kan_beantwoorden",
    "voorstel_aanvaarden",
    "voorstel_weigeren",
    "voorstellen_laten_vervallen",
]
