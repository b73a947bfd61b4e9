"""A school proposes a learner to a workplace; the employer accepts (the company chooses the
learner, R48) or refuses with a reason; the coach may withdraw it; it lapses with the
learner's 20-training-day window. No school binds an employer that did nothing."""

import datetime as dt
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from duaal.accounts import permissions as perms
from duaal.accounts.actor import Actor
from duaal.accounts.models import User
from duaal.accounts.permissions import rollen_met
from duaal.accounts.selectors import gebruikers_van
from duaal.audit.services import audit_record
from duaal.meldingen.services import send_mail
from duaal.models import BaseModel
from duaal.organisaties.models import Onderneming, Vestiging
from duaal.organisaties.validators import normalise_kbo, normalise_vestigingseenheid
from duaal.termijnen import vandaag
from duaal.workflow import Refusals, guarded_by, refusals, refuse_if, refuse_unless
from overeenkomsten import selectors
from overeenkomsten.constants import (
    VOORSTEL_OVERGANGEN,
    AuditVerb,
    LeerlingStatus,
    VoorstelStatus,
)
from overeenkomsten.models import Leerling, Voorstel
from overeenkomsten.traject import voor_volgende_fase, voorstel_termijn

BATCH = 500


def datum(d: dt.date) -> str:
    return d.strftime("%d/%m/%Y")


def portaal_url(naam: str, obj: BaseModel) -> str:
    return settings.PORTAAL_URL + reverse(naam, kwargs={"public_id": obj.public_id})


def waar_voorgesteld(voorstel: Voorstel) -> str:
    """How the coach knows the addressee: its name once it answered, else what was chosen
    or typed (a typed number stays a number, so "sent" says nothing about whether it exists)."""
    if voorstel.nummer and voorstel.status in (
        VoorstelStatus.VOORGESTELD,
        VoorstelStatus.VERVALLEN,
    ):
        return voorstel.nummer
    if voorstel.vestiging is not None:  # no query without a vestiging_id
        assert voorstel.onderneming is not None  # a workplace is one of the enterprise's
        return f"{voorstel.onderneming.naam} – {voorstel.vestiging.naam}"
    return str(voorstel.onderneming or voorstel.nummer)


# -- proposing ----------------------------------------------------------------------------


def kan_voorstellen(leerling: Leerling, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why this coach may not propose the learner to any workplace now."""
    uiterlijk = leerling.overeenkomst_uiterlijk
    return refusals(
        door.may(
            perms.LEERLING_BEHEREN,
            leerling,
            reason=_("Only a trajectory coach of the learner's school can propose the learner."),
        ),
        refuse_if(
            # A trajectory's later phase: proposed to its employer while this phase runs.
            leerling.status != LeerlingStatus.GOEDGEKEURD and not voor_volgende_fase(leerling),
            _(
                "Only a learner approved for dual learning who is looking for a workplace can "
                "be proposed; the status is “%(status)s”."
            )
            % {"status": leerling.get_status_display()},
        ),
        refuse_if(
            uiterlijk is not None and uiterlijk < vandaag(now),
            _(
                "The learner's term for an agreement ended on %(d)s: decide with the learner "
                "whether they attend school full-time or stop the training first."
            )
            % {"d": datum(uiterlijk) if uiterlijk else ""},
        ),
    )


def kan_voorstellen_aan(
    leerling: Leerling, vestiging: Vestiging, *, door: Actor, now: datetime
) -> Refusals:
    """The reasons above, and those that concern this listed workplace."""
    opgesomd = selectors.werkplekken_voor(
        leerling.opleiding, onderwijsinstelling_id=leerling.onderwijsinstelling_id, op=vandaag(now)
    )
    return refusals(
        kan_voorstellen(leerling, door=door, now=now),
        refuse_if(
            not opgesomd.filter(pk=vestiging.pk).exists(),
            _(
                "%(vestiging)s is not in the list of workplaces for this programme. Choose one "
                "from the list, or type the establishment's or enterprise's number."
            )
            % {"vestiging": vestiging},
        ),
        refuse_if(
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


def _aanmaken(leerling: Leerling, *, door: Actor, now: datetime, **velden: Any) -> Voorstel:
    voorstel = Voorstel(
        leerling=leerling,
        onderwijsinstelling_id=leerling.onderwijsinstelling_id,
        opleiding_id=leerling.opleiding_id,
        voorgesteld_door=door.user,
        # R48: no answer within the learner's window, no match: the proposal lapses with it;
        # a later phase's proposal, with the end of the phase under way.
        vervalt_op=leerling.overeenkomst_uiterlijk or voorstel_termijn(leerling) or vandaag(now),
        **velden,
    )
    voorstel.save()
    audit_record(
        obj=voorstel,
        verb=AuditVerb.VOORSTEL_GEDAAN,
        door=door,
        organisatie=leerling.onderwijsinstelling,
        after={"status": voorstel.status, "vervalt_op": str(voorstel.vervalt_op)},
        now=now,
    )
    if voorstel.onderneming_id:
        _werkgever_melden(voorstel, now=now)
    return voorstel


@guarded_by(kan_voorstellen_aan)
@transaction.atomic
def voorstel_doen(
    *,
    leerling: Leerling,
    vestiging: Vestiging,
    bericht: str = "",
    door: Actor,
    now: datetime | None = None,
) -> Voorstel:
    """The coach proposes the learner to a listed workplace; its employer is told at once."""
    now = now or timezone.now()
    leerling = Leerling.objects.select_for_update().select_related("opleiding").get(pk=leerling.pk)
    refuse_unless(kan_voorstellen_aan(leerling, vestiging, door=door, now=now))
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


@guarded_by(kan_voorstellen)
@transaction.atomic
def voorstel_doen_op_nummer(
    *,
    leerling: Leerling,
    nummer: str,
    bericht: str = "",
    door: Actor,
    now: datetime | None = None,
) -> Voorstel:
    """The coach proposes the learner to a workplace that is not listed, by its exact number.
    The coach hears only "proposal sent": a number that names no workplace recognised for
    the programme still makes a proposal, which reaches nobody and lapses like one left
    unanswered. So typing numbers never tells whether an unpublished workplace exists."""
    now = now or timezone.now()
    leerling = Leerling.objects.select_for_update().select_related("opleiding").get(pk=leerling.pk)
    refuse_unless(kan_voorstellen(leerling, door=door, now=now))
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


def vertegenwoordigers(onderneming_id: int) -> list[User]:
    return list(gebruikers_van(onderneming_id, *rollen_met(perms.WERKGEVER_INSTEMMEN)))


def _werkgever_melden(voorstel: Voorstel, *, now: datetime) -> None:
    leerling = voorstel.leerling
    vestiging = voorstel.vestiging  # no query without a vestiging_id
    waar = vestiging.naam if vestiging is not None else _("one of your establishments")
    assert voorstel.onderneming_id is not None  # only a proposal that reached an enterprise
    for user in vertegenwoordigers(voorstel.onderneming_id):
        send_mail(
            "overeenkomsten/proposal_made",
            recipients=[user],
            event_key=f"voorstel:{voorstel.pk}:gedaan:{user.pk}",
            context={
                "school": str(voorstel.onderwijsinstelling),
                "leerling": str(leerling),
                "opleiding": voorstel.opleiding.officiele_naam,
                "start": leerling.start_lessen,
                "waar": str(waar),
                "d": voorstel.vervalt_op,
                "url": portaal_url("overeenkomsten:voorstel_detail", voorstel),
            },
        )


# -- withdrawing --------------------------------------------------------------------------


def kan_intrekken(voorstel: Voorstel, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why this actor may not withdraw the proposal now."""
    return refusals(
        door.may(
            perms.LEERLING_BEHEREN,
            voorstel,
            reason=_("Only a trajectory coach of the learner's school can withdraw the proposal."),
        ),
        nog_open(voorstel, VoorstelStatus.INGETROKKEN),
    )


def nog_open(voorstel: Voorstel, nieuw: str) -> str | None:
    if nieuw in VOORSTEL_OVERGANGEN.get(voorstel.status, set()):
        return None
    return _("This proposal was already answered or ended: %(status)s.") % {
        "status": voorstel.get_status_display()
    }


def status_wijzigen(
    voorstel: Voorstel, nieuw: str, *, door: Actor, now: datetime, verb: AuditVerb, **velden: Any
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


def vergrendeld(voorstel: Voorstel) -> Voorstel:
    return (
        Voorstel.objects.select_for_update(of=("self",))
        .select_related("leerling", "onderneming", "vestiging", "opleiding", "voorgesteld_door")
        .get(pk=voorstel.pk)
    )


@guarded_by(kan_intrekken)
@transaction.atomic
def voorstel_intrekken(*, voorstel: Voorstel, door: Actor, now: datetime | None = None) -> Voorstel:
    now = now or timezone.now()
    voorstel = vergrendeld(voorstel)
    refuse_unless(kan_intrekken(voorstel, door=door, now=now))
    return status_wijzigen(
        voorstel,
        VoorstelStatus.INGETROKKEN,
        door=door,
        now=now,
        verb=AuditVerb.VOORSTEL_INGETROKKEN,
    )


__all__ = [
    "kan_intrekken",
    "kan_voorstellen",
    "kan_voorstellen_aan",
    "nummer_normaliseren",
    "voorstel_doen",
    "voorstel_doen_op_nummer",
    "voorstel_intrekken",
]
