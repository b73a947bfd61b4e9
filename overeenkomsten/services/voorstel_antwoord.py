"""The employer answers a school's proposal: it accepts (the company chooses the learner,
R48, and gives the intake date) or refuses with a reason; an open proposal lapses with the
learner's 20-training-day window. Making and withdrawing a proposal: voorstel.py."""

import datetime as dt
from datetime import datetime

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from duaal import workflow
from duaal.accounts import permissions as perms
from duaal.accounts.models import User
from duaal.audit.services import audit_record_bulk
from duaal.organisaties.models import Vestiging
from duaal.termijnen import vandaag
from duaal.workflow import Refusals
from overeenkomsten import selectors
from overeenkomsten.constants import (
    LeerlingStatus,
    OvereenkomstStatus,
    Partij,
    VoorstelStatus,
)
from overeenkomsten.exceptions import OvereenkomstFout
from overeenkomsten.models import Leerling, Overeenkomst, Voorstel

from .common import (
    heeft_recht,
    mentor_plaats_weigering,
    partijen_in_voorstellen,
)
from .leerling import _status_zetten
from .voorstel import (
    BATCH,
    coach_melden,
    datum,
    nog_open,
    portaal_url,
    status_wijzigen,
    vergrendeld,
    waar_voorgesteld,
)


def kan_beantwoorden(voorstel: Voorstel, *, door: User, now: datetime) -> Refusals:
    """Every reason why this person may not accept or refuse the proposal now."""
    leerling = voorstel.leerling
    elders = (
        leerling.status == LeerlingStatus.WERKPLEK_GOEDGEKEURD
        and leerling.werkplek is not None
        and leerling.werkplek.onderneming_id != voorstel.onderneming_id
    )
    return workflow.refusals(
        workflow.refuse_if(
            not heeft_recht(door, voorstel.onderneming_id, perms.WERKGEVER_INSTEMMEN),
            _(
                "Only the enterprise's legal representative can answer a proposal. Ask them to "
                "log in and answer it."
            ),
        ),
        nog_open(voorstel, VoorstelStatus.AANVAARD),
        workflow.refuse_if(
            voorstel.status == VoorstelStatus.VOORGESTELD and voorstel.vervalt_op < vandaag(now),
            _("The learner's term ended on %(d)s, so this proposal lapsed.")
            % {"d": datum(voorstel.vervalt_op)},
        ),
        workflow.refuse_if(
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


def _andere_partij(voorstel: Voorstel, door: User) -> str | None:
    """One person never acts for two parties: whoever proposed the learner or drafted an
    agreement for them with this employer acted for the school."""
    partijen = partijen_in_voorstellen(door, Voorstel.objects.filter(pk=voorstel.pk))
    if Overeenkomst.objects.filter(
        leerling_id=voorstel.leerling_id,
        onderneming_id=voorstel.onderneming_id,
        trajectbegeleider=door,
    ).exists():
        partijen.add(Partij.SCHOOL)
    if partijen - {Partij.WERKGEVER}:
        return _(
            "You proposed this learner for the school; one person never acts for two parties. "
            "Another representative of the enterprise must answer."
        )
    return None


def _vestiging_kiezen(voorstel: Voorstel, vestiging: Vestiging | None, op: dt.date) -> Vestiging:
    if voorstel.vestiging_id:
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


@transaction.atomic
def voorstel_aanvaarden(
    *,
    voorstel: Voorstel,
    intake_op: dt.date,
    door: User,
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
    workflow.refuse_unless(kan_beantwoorden(voorstel, door=door, now=now))
    if intake_op > vandaag(now):
        raise OvereenkomstFout(_("The intake interview cannot be in the future."))
    vestiging = _vestiging_kiezen(voorstel, vestiging, vandaag(now))
    # An agreement for this match already sent (under a mandate) starts to count now.
    workflow.refuse_unless(
        workflow.refusals(
            *(mentor_plaats_weigering(o) for o in _wachtende_overeenkomsten(voorstel, vestiging))
        )
    )
    status_wijzigen(
        voorstel,
        VoorstelStatus.AANVAARD,
        door=door,
        now=now,
        verb="voorstel.aanvaard",
        vestiging=vestiging,
        beantwoord_door=door,
        beantwoord_op=now,
    )
    if leerling.status == LeerlingStatus.GOEDGEKEURD:
        leerling.werkplek = vestiging
        leerling.intake_op = intake_op
        _status_zetten(
            leerling,
            LeerlingStatus.WERKPLEK_GOEDGEKEURD,
            door=door,
            now=now,
            verb="leerling.werkplek_goedgekeurd",
            note=str(vestiging),
        )
    _andere_intrekken(voorstel, now=now)
    coach_melden(
        voorstel,
        "aanvaard",
        _("Proposal accepted: draft the agreement"),
        _(
            "%(onderneming)s accepted your proposal of %(leerling)s for %(vestiging)s (intake "
            "interview on %(intake)s). The learner is approved for this workplace.\n\n"
            "Draft the agreement with the mentor and send it to the parties; it must be signed "
            "by %(d)s:\n%(url)s"
        )
        % {
            "onderneming": voorstel.onderneming,
            "leerling": leerling,
            "vestiging": vestiging.naam,
            "intake": datum(intake_op),
            "d": datum(voorstel.vervalt_op),
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
        verb="voorstel.ingetrokken",
        before={"status": VoorstelStatus.VOORGESTELD},
        after={"status": VoorstelStatus.INGETROKKEN},
        now=now,
    )


@transaction.atomic
def voorstel_weigeren(
    *, voorstel: Voorstel, reden: str, door: User, now: datetime | None = None
) -> Voorstel:
    """The employer refuses, with a reason the coach reads."""
    now = now or timezone.now()
    voorstel = vergrendeld(voorstel)
    workflow.refuse_unless(kan_beantwoorden(voorstel, door=door, now=now))
    reden = (reden or "").strip()
    if not reden:
        raise OvereenkomstFout(_("Say why you refuse: the school reads your reason."))
    status_wijzigen(
        voorstel,
        VoorstelStatus.GEWEIGERD,
        door=door,
        now=now,
        verb="voorstel.geweigerd",
        reden=reden,
        beantwoord_door=door,
        beantwoord_op=now,
    )
    coach_melden(
        voorstel,
        "geweigerd",
        _("Proposal refused"),
        _(
            "%(onderneming)s refused your proposal of %(leerling)s. Their reason:\n%(reden)s\n\n"
            "Propose the learner to another workplace; an agreement must be signed by %(d)s:\n"
            "%(url)s"
        )
        % {
            "onderneming": voorstel.onderneming,
            "leerling": voorstel.leerling,
            "reden": reden,
            "d": datum(voorstel.vervalt_op),
            "url": portaal_url("overeenkomsten:leerling_detail", voorstel.leerling),
        },
    )
    return voorstel


# -- lapsing (beat sweep) -----------------------------------------------------------------


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
                verb="voorstel.vervallen",
                before={"status": VoorstelStatus.VOORGESTELD},
                after={"status": VoorstelStatus.VERVALLEN},
                now=now,
            )
            for voorstel in vervallen:
                _vervallen_melden(voorstel)
            totaal += len(ids)


def _vervallen_melden(voorstel: Voorstel) -> None:
    coach_melden(
        voorstel,
        "vervallen",
        _("Proposal lapsed without an answer"),
        _(
            "Your proposal of %(leerling)s to %(waar)s got no answer before the learner's term "
            "ended on %(d)s, so it lapsed.\n\nDecide with the learner what comes next: attend "
            "school full-time or stop the dual training. The learner's page:\n%(url)s"
        )
        % {
            "leerling": voorstel.leerling,
            "waar": waar_voorgesteld(voorstel),
            "d": datum(voorstel.vervalt_op),
            "url": portaal_url("overeenkomsten:leerling_detail", voorstel.leerling),
        },
    )


__all__ = [
    "kan_beantwoorden",
    "voorstel_aanvaarden",
    "voorstel_weigeren",
    "voorstellen_laten_vervallen",
]
