"""A school proposes a learner to a workplace; the employer accepts (the company chooses the
learner, R48) or refuses with a reason; the coach may withdraw it; it lapses with the
learner's 20-training-day window. No school binds an employer that did nothing."""

import datetime as dt
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from duaal import workflow
from duaal.accounts import permissions as perms
from duaal.accounts.models import User
from duaal.accounts.permissions import rollen_met
from duaal.accounts.selectors import gebruikers_van
from duaal.audit.services import audit_record, audit_record_bulk
from duaal.organisaties.models import Onderneming, Vestiging
from duaal.organisaties.validators import normalise_kbo, normalise_vestigingseenheid
from duaal.termijnen import vandaag
from duaal.workflow import Refusals
from mentors.selectors import mentor_kan_leerling_erbij
from overeenkomsten import selectors
from overeenkomsten.constants import (
    VOORSTEL_OVERGANGEN,
    LeerlingStatus,
    OvereenkomstStatus,
    Partij,
    VoorstelStatus,
)
from overeenkomsten.controles import lopend_bij_mentor
from overeenkomsten.exceptions import OvereenkomstFout
from overeenkomsten.models import Leerling, Overeenkomst, Voorstel

from .common import heeft_recht, leerling_en_mentor_vergrendelen, melden, partijen_in_voorstellen
from .leerling import _status_zetten

BATCH = 500


def _datum(d: dt.date) -> str:
    return d.strftime("%d/%m/%Y")


def _url(naam: str, obj) -> str:
    return settings.PORTAAL_URL + reverse(naam, kwargs={"public_id": obj.public_id})


def _waar(voorstel: Voorstel) -> str:
    """How the coach knows the addressee: its name once it answered, else what was chosen
    or typed (a typed number stays a number, so "sent" says nothing about whether it exists)."""
    if voorstel.nummer and voorstel.status in (
        VoorstelStatus.VOORGESTELD,
        VoorstelStatus.VERVALLEN,
    ):
        return voorstel.nummer
    if voorstel.vestiging_id:
        return f"{voorstel.onderneming.naam} – {voorstel.vestiging.naam}"
    return str(voorstel.onderneming or voorstel.nummer)


# -- proposing ----------------------------------------------------------------------------


def kan_voorstellen(leerling: Leerling, *, door: User, now: datetime) -> Refusals:
    """Every reason why this coach may not propose the learner to any workplace now."""
    uiterlijk = leerling.overeenkomst_uiterlijk
    return workflow.refusals(
        workflow.refuse_if(
            not heeft_recht(door, leerling.onderwijsinstelling_id, perms.LEERLING_BEHEREN),
            _("Only a trajectory coach of the learner's school can propose the learner."),
        ),
        workflow.refuse_if(
            leerling.status != LeerlingStatus.GOEDGEKEURD,
            _(
                "Only a learner approved for dual learning who is looking for a workplace can "
                "be proposed; the status is “%(status)s”."
            )
            % {"status": leerling.get_status_display()},
        ),
        workflow.refuse_if(
            uiterlijk is not None and uiterlijk < vandaag(now),
            _(
                "The learner's term for an agreement ended on %(d)s: decide with the learner "
                "whether they attend school full-time or stop the training first."
            )
            % {"d": _datum(uiterlijk) if uiterlijk else ""},
        ),
    )


def kan_voorstellen_aan(
    leerling: Leerling, vestiging: Vestiging, *, door: User, now: datetime
) -> Refusals:
    """The reasons above, and those that concern this listed workplace."""
    opgesomd = selectors.werkplekken_voor(
        leerling.opleiding, onderwijsinstelling_id=leerling.onderwijsinstelling_id, op=vandaag(now)
    )
    return workflow.refusals(
        kan_voorstellen(leerling, door=door, now=now),
        workflow.refuse_if(
            not opgesomd.filter(pk=vestiging.pk).exists(),
            _(
                "%(vestiging)s is not in the list of workplaces for this programme. Choose one "
                "from the list, or type the establishment's or enterprise's number."
            )
            % {"vestiging": vestiging},
        ),
        workflow.refuse_if(
            Voorstel.objects.filter(
                leerling=leerling,
                onderneming_id=vestiging.onderneming_id,
                status=VoorstelStatus.VOORGESTELD,
            ).exists(),
            _(
                "The learner is already proposed to %(onderneming)s and awaits its answer; "
                "withdraw that proposal first to propose another establishment."
            )
            % {"onderneming": vestiging.onderneming},
        ),
    )


def _aanmaken(leerling: Leerling, *, door: User, now: datetime, **velden) -> Voorstel:
    voorstel = Voorstel(
        leerling=leerling,
        onderwijsinstelling_id=leerling.onderwijsinstelling_id,
        opleiding_id=leerling.opleiding_id,
        voorgesteld_door=door,
        # R48: no answer within the learner's window, no match: the proposal lapses with it.
        vervalt_op=leerling.overeenkomst_uiterlijk or vandaag(now),
        **velden,
    )
    voorstel.save()
    audit_record(
        obj=voorstel,
        verb="voorstel.gedaan",
        door=door,
        organisatie=leerling.onderwijsinstelling,
        after={"status": voorstel.status, "vervalt_op": str(voorstel.vervalt_op)},
        now=now,
    )
    if voorstel.onderneming_id:
        _werkgever_melden(voorstel, now=now)
    return voorstel


@transaction.atomic
def voorstel_doen(
    *,
    leerling: Leerling,
    vestiging: Vestiging,
    bericht: str = "",
    door: User,
    now: datetime | None = None,
) -> Voorstel:
    """The coach proposes the learner to a listed workplace; its employer is told at once."""
    now = now or timezone.now()
    leerling = Leerling.objects.select_for_update().select_related("opleiding").get(pk=leerling.pk)
    workflow.refuse_unless(kan_voorstellen_aan(leerling, vestiging, door=door, now=now))
    return _aanmaken(
        leerling,
        door=door,
        now=now,
        onderneming_id=vestiging.onderneming_id,
        vestiging=vestiging,
        bericht=bericht.strip(),
    )


def _adressaat(
    nummer: str, leerling: Leerling, op: dt.date
) -> tuple[Onderneming | None, Vestiging | None]:
    """The recognised workplace a typed number names, for the learner's programme; (None,
    None) when it names none. A KBO number names the enterprise; its employer then picks the
    establishment when accepting."""
    erkend = selectors.erkend_voor(leerling.opleiding, op=op)
    if nummer[0] in "01":
        onderneming = Onderneming.objects.filter(kbo_nummer=nummer, vestigingen__in=erkend).first()
        return onderneming, None
    vestiging = erkend.filter(vestigingseenheidsnummer=nummer).select_related("onderneming").first()
    return (vestiging.onderneming, vestiging) if vestiging else (None, None)


def nummer_normaliseren(nummer: str) -> str:
    """The 10 digits of an enterprise (KBO) or establishment unit number, or ValidationError.
    Only the form of the number is checked: whether it exists is never said."""
    cijfers = "".join(ch for ch in nummer if ch.isdigit())
    if cijfers[:1] in ("0", "1"):
        return normalise_kbo(cijfers)
    try:
        return normalise_vestigingseenheid(cijfers)
    except ValidationError:
        raise ValidationError(
            _(
                "Type an establishment unit number (10 digits starting with 2 to 8) or an "
                "enterprise number (10 digits starting with 0 or 1)."
            ),
            code="nummer",
        ) from None


@transaction.atomic
def voorstel_doen_op_nummer(
    *,
    leerling: Leerling,
    nummer: str,
    bericht: str = "",
    door: User,
    now: datetime | None = None,
) -> Voorstel:
    """The coach proposes the learner to a workplace that is not listed, by its exact number.
    The coach hears only "proposal sent": a number that names no workplace recognised for
    the programme still makes a proposal, which reaches nobody and lapses like one left
    unanswered. So typing numbers never tells whether an unpublished workplace exists."""
    now = now or timezone.now()
    leerling = Leerling.objects.select_for_update().select_related("opleiding").get(pk=leerling.pk)
    workflow.refuse_unless(kan_voorstellen(leerling, door=door, now=now))
    nummer = nummer_normaliseren(nummer)
    onderneming, vestiging = _adressaat(nummer, leerling, vandaag(now))
    if (
        onderneming is not None
        and Voorstel.objects.filter(
            leerling=leerling, onderneming=onderneming, status=VoorstelStatus.VOORGESTELD
        ).exists()
    ):
        # Already awaiting this employer's answer: a second proposal would only say so.
        onderneming = vestiging = None
    try:
        with transaction.atomic():
            return _aanmaken(
                leerling,
                door=door,
                now=now,
                onderneming=onderneming,
                vestiging=vestiging,
                nummer=nummer,
                bericht=bericht.strip(),
            )
    except IntegrityError:  # a concurrent proposal to the same employer
        return _aanmaken(leerling, door=door, now=now, nummer=nummer, bericht=bericht.strip())


def _vertegenwoordigers(onderneming_id: int) -> list[User]:
    return list(gebruikers_van(onderneming_id, *rollen_met(perms.WERKGEVER_INSTEMMEN)))


def _werkgever_melden(voorstel: Voorstel, *, now: datetime) -> None:
    leerling = voorstel.leerling
    waar = voorstel.vestiging.naam if voorstel.vestiging_id else _("one of your establishments")
    for user in _vertegenwoordigers(voorstel.onderneming_id):
        melden(
            f"voorstel:{voorstel.pk}:gedaan:{user.pk}",
            [user],
            _("A school proposes a learner for your workplace"),
            _(
                "Hello %(naam)s,\n\n%(school)s proposes %(leerling)s, who follows %(opleiding)s "
                "(lessons start on %(start)s), for a dual-learning workplace at %(waar)s.\n\n"
                "Accept or refuse the proposal by %(d)s on this page:\n%(url)s\n\n"
                "Without your answer by then the proposal lapses. No agreement is drawn up "
                "for your enterprise unless you accept."
            )
            % {
                "naam": user.naam or user.email,
                "school": voorstel.onderwijsinstelling,
                "leerling": leerling,
                "opleiding": voorstel.opleiding.officiele_naam,
                "start": _datum(leerling.start_lessen),
                "waar": waar,
                "d": _datum(voorstel.vervalt_op),
                "url": _url("overeenkomsten:voorstel_detail", voorstel),
            },
        )


def _coach_melden(voorstel: Voorstel, soort: str, onderwerp: str, tekst: str) -> None:
    coach = voorstel.voorgesteld_door
    melden(
        f"voorstel:{voorstel.pk}:{soort}",
        [coach],
        onderwerp,
        _("Hello %(naam)s,\n\n") % {"naam": coach.naam or coach.email} + tekst,
    )


# -- withdrawing --------------------------------------------------------------------------


def kan_intrekken(voorstel: Voorstel, *, door: User, now: datetime) -> Refusals:
    return workflow.refusals(
        workflow.refuse_if(
            not heeft_recht(door, voorstel.onderwijsinstelling_id, perms.LEERLING_BEHEREN),
            _("Only a trajectory coach of the learner's school can withdraw the proposal."),
        ),
        _open(voorstel, VoorstelStatus.INGETROKKEN),
    )


def _open(voorstel: Voorstel, nieuw: str) -> str | None:
    if nieuw in VOORSTEL_OVERGANGEN.get(voorstel.status, set()):
        return None
    return _("This proposal was already answered or ended: %(status)s.") % {
        "status": voorstel.get_status_display()
    }


def _status_wijzigen(
    voorstel: Voorstel, nieuw: str, *, door: User | None, now: datetime, verb: str, **velden
) -> Voorstel:
    voor = voorstel.status
    voorstel.status = nieuw
    for veld, waarde in velden.items():
        setattr(voorstel, veld, waarde)
    voorstel.save()
    audit_record(
        obj=voorstel,
        verb=verb,
        door=door,
        organisatie=None,
        before={"status": voor},
        after={"status": nieuw, **{k: str(v) for k, v in velden.items() if k != "beantwoord_door"}},
        now=now,
    )
    return voorstel


def _vergrendeld(voorstel: Voorstel) -> Voorstel:
    return (
        Voorstel.objects.select_for_update(of=("self",))
        .select_related("leerling", "onderneming", "vestiging", "opleiding", "voorgesteld_door")
        .get(pk=voorstel.pk)
    )


@transaction.atomic
def voorstel_intrekken(*, voorstel: Voorstel, door: User, now: datetime | None = None) -> Voorstel:
    now = now or timezone.now()
    voorstel = _vergrendeld(voorstel)
    workflow.refuse_unless(kan_intrekken(voorstel, door=door, now=now))
    return _status_wijzigen(
        voorstel, VoorstelStatus.INGETROKKEN, door=door, now=now, verb="voorstel.ingetrokken"
    )


# -- answering ----------------------------------------------------------------------------


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
        _open(voorstel, VoorstelStatus.AANVAARD),
        workflow.refuse_if(
            voorstel.status == VoorstelStatus.VOORGESTELD and voorstel.vervalt_op < vandaag(now),
            _("The learner's term ended on %(d)s, so this proposal lapsed.")
            % {"d": _datum(voorstel.vervalt_op)},
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


def mentor_plaats_weigering(overeenkomst: Overeenkomst) -> str | None:
    """The agreement starts to count toward its mentor's cap (R40): is there room?"""
    toewijzing = leerling_en_mentor_vergrendelen(overeenkomst)
    capaciteit = mentor_kan_leerling_erbij(
        toewijzing=toewijzing,
        leerlingen_op_datum=lopend_bij_mentor(
            toewijzing, overeenkomst.start, overeenkomst.einde, overeenkomst.pk
        ),
        op=overeenkomst.start,
    )
    if capaciteit.kan:
        return None
    return _(
        "%(reden)s The agreement from %(van)s already sent to you would then count toward that "
        "cap: choose another mentor with the school first."
    ) % {"reden": capaciteit.reden, "van": _datum(overeenkomst.start)}


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
    voorstel = _vergrendeld(voorstel)
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
    _status_wijzigen(
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
    _coach_melden(
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
            "intake": _datum(intake_op),
            "d": _datum(voorstel.vervalt_op),
            "url": _url("overeenkomsten:leerling_detail", leerling),
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
    voorstel = _vergrendeld(voorstel)
    workflow.refuse_unless(kan_beantwoorden(voorstel, door=door, now=now))
    reden = (reden or "").strip()
    if not reden:
        raise OvereenkomstFout(_("Say why you refuse: the school reads your reason."))
    _status_wijzigen(
        voorstel,
        VoorstelStatus.GEWEIGERD,
        door=door,
        now=now,
        verb="voorstel.geweigerd",
        reden=reden,
        beantwoord_door=door,
        beantwoord_op=now,
    )
    _coach_melden(
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
            "d": _datum(voorstel.vervalt_op),
            "url": _url("overeenkomsten:leerling_detail", voorstel.leerling),
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
    _coach_melden(
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
            "waar": _waar(voorstel),
            "d": _datum(voorstel.vervalt_op),
            "url": _url("overeenkomsten:leerling_detail", voorstel.leerling),
        },
    )


__all__ = [
    "kan_beantwoorden",
    "kan_intrekken",
    "kan_voorstellen",
    "kan_voorstellen_aan",
    "nummer_normaliseren",
    "voorstel_aanvaarden",
    "voorstel_doen",
    "voorstel_doen_op_nummer",
    "voorstel_intrekken",
    "voorstel_weigeren",
    "voorstellen_laten_vervallen",
]
