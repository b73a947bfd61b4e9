"""Learners: registration (R44-R45), screening (R46-R47), approval for a workplace (R48)."""

import datetime as dt
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from duaal.accounts.models import User
from duaal.audit.services import audit_record
from duaal.insz import geboortedatum_uit_insz, normalise_insz
from duaal.organisaties.models import Onderwijsinstelling, Opleiding, Vestiging
from duaal.termijnen import leeftijd_op, vandaag
from erkenning.constants import LOPEND
from erkenning.models import Erkenning
from overeenkomsten.constants import (
    LEERLING_OVERGANGEN,
    OPLEIDINGSDAGEN_TERMIJN,
    Advies,
    AdviesDoor,
    LeerlingStatus,
    OvereenkomstStatus,
)
from overeenkomsten.exceptions import OvereenkomstFout
from overeenkomsten.kalender import na_opleidingsdagen
from overeenkomsten.models import Leerling
from overeenkomsten.selectors import werkgever_stemt_in

from .common import coach_vereist, overgang

# What the coach may set on registration and change later; status and deadlines are not here.
GEGEVENS = [
    "voornaam",
    "achternaam",
    "insz",
    "geboortedatum",
    "e_mail",
    "straat",
    "huisnummer",
    "postcode",
    "gemeente",
    "opleiding",
    "start_lessen",
    "situatie",
    "vertegenwoordiger_naam",
    "vertegenwoordiger_e_mail",
]


def _controleer_gegevens(leerling: Leerling, *, op: dt.date) -> None:
    try:
        leerling.insz = normalise_insz(leerling.insz)
    except ValidationError as fout:
        raise OvereenkomstFout(fout.messages[0]) from None
    uit_insz = geboortedatum_uit_insz(leerling.insz)
    if uit_insz is not None and uit_insz != leerling.geboortedatum:
        raise OvereenkomstFout(_("The date of birth does not match the INSZ."))
    leeftijd = leeftijd_op(leerling.geboortedatum, max(op, leerling.start_lessen))
    if not 15 <= leeftijd <= 25:
        raise OvereenkomstFout(_("Dual learning is for learners aged 15 to 25 (R44)."))
    minderjarig = leeftijd_op(leerling.geboortedatum, min(op, leerling.start_lessen)) < 18
    if minderjarig and not (leerling.vertegenwoordiger_naam and leerling.vertegenwoordiger_e_mail):
        raise OvereenkomstFout(
            _(
                "The learner is a minor: give the name and e-mail address of the legal "
                "representative, who approves the agreement too."
            )
        )


def geen_instemming(vestiging: Vestiging) -> str:
    return _(
        "%(onderneming)s has not accepted a proposal of this learner for %(vestiging)s, and "
        "your school holds no mandate of it for learners and agreements. Propose the learner "
        "to this workplace from the learner's page; once the employer accepts, you can go on."
    ) % {"onderneming": vestiging.onderneming, "vestiging": vestiging.naam}


def _termijn_starten(leerling: Leerling, vanaf: dt.date) -> None:
    """R48: an agreement within 20 training days; a new window forgets the old flags."""
    leerling.overeenkomst_uiterlijk = na_opleidingsdagen(vanaf, OPLEIDINGSDAGEN_TERMIJN)
    leerling.termijn_herinnerd_op = None
    leerling.termijn_verstreken_op = None


@transaction.atomic
def leerling_registreren(
    *,
    onderwijsinstelling: Onderwijsinstelling,
    opleiding: Opleiding,
    door: User,
    now: datetime | None = None,
    **gegevens: Any,
) -> Leerling:
    now = now or timezone.now()
    coach_vereist(door, onderwijsinstelling.pk)
    leerling = Leerling(
        onderwijsinstelling=onderwijsinstelling,
        opleiding=opleiding,
        trajectbegeleider=door,
        **gegevens,
    )
    _controleer_gegevens(leerling, op=vandaag(now))
    _termijn_starten(leerling, leerling.start_lessen)
    try:
        with transaction.atomic():
            leerling.save()
    except IntegrityError:
        raise OvereenkomstFout(_("This learner is already registered at your school.")) from None
    audit_record(
        obj=leerling,
        verb="leerling.geregistreerd",
        door=door,
        organisatie=onderwijsinstelling,
        after={
            "status": leerling.status,
            "overeenkomst_uiterlijk": str(leerling.overeenkomst_uiterlijk),
        },
        now=now,
    )
    return leerling


@transaction.atomic
def leerling_wijzigen(
    *, leerling: Leerling, door: User, now: datetime | None = None, **gegevens: Any
) -> Leerling:
    now = now or timezone.now()
    leerling = Leerling.objects.select_for_update().get(pk=leerling.pk)
    coach_vereist(door, leerling.onderwijsinstelling_id)
    oude_start = leerling.start_lessen
    gewijzigd = [veld for veld, waarde in gegevens.items() if getattr(leerling, veld) != waarde]
    matched = (
        leerling.werkplek_id is not None
        or leerling.overeenkomsten.exclude(status=OvereenkomstStatus.GEANNULEERD).exists()
    )
    if "opleiding" in gewijzigd and matched:
        raise OvereenkomstFout(
            _(
                "The programme cannot change once the learner is matched to a workplace or has "
                "an agreement: release the workplace or register the new programme separately."
            )
        )
    for veld in gewijzigd:
        if veld not in GEGEVENS:
            raise ValueError(veld)
        setattr(leerling, veld, gegevens[veld])
    _controleer_gegevens(leerling, op=vandaag(now))
    if leerling.start_lessen != oude_start and not leerling.overeenkomsten.exists():
        _termijn_starten(leerling, leerling.start_lessen)
    try:
        with transaction.atomic():
            leerling.save()
    except IntegrityError:
        raise OvereenkomstFout(_("This learner is already registered at your school.")) from None
    # The audit names the changed fields, never their values (the INSZ stays out, S7).
    audit_record(
        obj=leerling,
        verb="leerling.gewijzigd",
        door=door,
        organisatie=leerling.onderwijsinstelling,
        after={"velden": sorted(gewijzigd)},
        now=now,
    )
    return leerling


def _status_zetten(
    leerling: Leerling, nieuw: str, *, door: User, now: datetime, verb: str, note: str = ""
) -> Leerling:
    overgang(leerling.status, nieuw, LEERLING_OVERGANGEN, leerling.get_status_display())
    oud = leerling.status
    leerling.status = nieuw
    leerling.save()
    audit_record(
        obj=leerling,
        verb=verb,
        door=door,
        organisatie=leerling.onderwijsinstelling,
        before={"status": oud},
        after={"status": nieuw},
        note=note,
        now=now,
    )
    return leerling


def _vergrendeld(leerling: Leerling, door: User) -> Leerling:
    leerling = Leerling.objects.select_for_update().get(pk=leerling.pk)
    coach_vereist(door, leerling.onderwijsinstelling_id)
    return leerling


@transaction.atomic
def leerling_screenen(
    *,
    leerling: Leerling,
    advies: str,
    advies_door: str,
    toelichting: str,
    door: User,
    now: datetime | None = None,
) -> Leerling:
    """Record the advice on readiness and willingness (R46). It does not block: a learner may
    enrol even with a negative advice."""
    now = now or timezone.now()
    leerling = _vergrendeld(leerling, door)
    if advies not in Advies.values or (
        advies != Advies.GEEN and advies_door not in AdviesDoor.values
    ):
        raise OvereenkomstFout(_("Say what the advice is and who gave it."))
    leerling.advies = advies
    leerling.advies_door = advies_door if advies != Advies.GEEN else ""
    leerling.advies_toelichting = toelichting.strip()
    leerling.save(update_fields=["advies", "advies_door", "advies_toelichting", "updated_at"])
    audit_record(
        obj=leerling,
        verb="leerling.advies",
        door=door,
        organisatie=leerling.onderwijsinstelling,
        after={"advies": advies, "door": leerling.advies_door},
        now=now,
    )
    return leerling


@transaction.atomic
def leerling_goedkeuren(
    *, leerling: Leerling, arbeidsrijp: bool, door: User, now: datetime | None = None
) -> Leerling:
    """The coach approves the learner for dual learning, or for the preparatory phase when the
    learner is willing but not yet ready (R47)."""
    now = now or timezone.now()
    leerling = _vergrendeld(leerling, door)
    nieuw = LeerlingStatus.GOEDGEKEURD if arbeidsrijp else LeerlingStatus.AANLOOPFASE
    return _status_zetten(leerling, nieuw, door=door, now=now, verb=f"leerling.{nieuw}")


@transaction.atomic
def leerling_werkplek_goedkeuren(
    *,
    leerling: Leerling,
    vestiging: Vestiging,
    intake_op: dt.date,
    door: User,
    now: datetime | None = None,
) -> Leerling:
    """After the company's intake interview, the company chose the learner (R48): by accepting
    the school's proposal, or by mandating the school for learners and agreements."""
    now = now or timezone.now()
    leerling = _vergrendeld(leerling, door)
    overgang(
        leerling.status,
        LeerlingStatus.WERKPLEK_GOEDGEKEURD,
        LEERLING_OVERGANGEN,
        leerling.get_status_display(),
    )
    if intake_op > vandaag(now):
        raise OvereenkomstFout(_("The intake interview cannot be in the future."))
    # R48: the learner is approved for a recognised workplace; the form offers only those, and
    # the service refuses a forged or outdated choice too.
    if not Erkenning.objects.filter(
        vestiging=vestiging, opleiding_id=leerling.opleiding_id, status__in=LOPEND
    ).exists():
        raise OvereenkomstFout(
            _("%(vestiging)s is not recognised as a learning workplace for this programme.")
            % {"vestiging": vestiging}
        )
    # No school binds an employer that did nothing: the company chose the learner by accepting
    # the proposal, or mandated the school for learners and agreements.
    if not werkgever_stemt_in(leerling, vestiging):
        raise OvereenkomstFout(geen_instemming(vestiging))
    leerling.werkplek = vestiging
    leerling.intake_op = intake_op
    return _status_zetten(
        leerling,
        LeerlingStatus.WERKPLEK_GOEDGEKEURD,
        door=door,
        now=now,
        verb="leerling.werkplek_goedgekeurd",
        note=str(vestiging),
    )


@transaction.atomic
def leerling_werkplek_loslaten(
    *, leerling: Leerling, door: User, now: datetime | None = None
) -> Leerling:
    """The match fell through: the learner looks for a workplace again."""
    now = now or timezone.now()
    leerling = _vergrendeld(leerling, door)
    leerling.werkplek = None
    leerling.intake_op = None
    return _status_zetten(
        leerling,
        LeerlingStatus.GOEDGEKEURD,
        door=door,
        now=now,
        verb="leerling.werkplek_losgelaten",
    )


@transaction.atomic
def leerling_stoppen(
    *, leerling: Leerling, reden: str, door: User, now: datetime | None = None
) -> Leerling:
    """The learner leaves the dual training (R48: no agreement in time, or by choice)."""
    now = now or timezone.now()
    leerling = _vergrendeld(leerling, door)
    if leerling.overeenkomsten.filter(status="ondertekend").exists():
        raise OvereenkomstFout(_("End the running agreement first."))
    leerling.overeenkomst_uiterlijk = None
    return _status_zetten(
        leerling, LeerlingStatus.GESTOPT, door=door, now=now, verb="leerling.gestopt", note=reden
    )
