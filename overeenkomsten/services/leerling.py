"""Learners: registration (R44-R45), screening (R46-R47), approval for a workplace (R48)."""

import dataclasses
import datetime as dt
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from duaal.accounts import permissions as perms
from duaal.accounts.actor import Actor
from duaal.audit.services import audit_record
from duaal.insz import geboortedatum_uit_insz, normalise_insz
from duaal.organisaties.models import Onderwijsinstelling, Opleiding, Vestiging
from duaal.termijnen import OVEREENKOMST_SLUITEN, einde, leeftijd_op, vandaag
from duaal.workflow import (
    Refusals,
    guarded_by,
    refusals,
    refuse_if,
    refuse_unless,
    transition_allowed,
)
from overeenkomsten.constants import (
    LEERLING_OVERGANGEN,
    AuditVerb,
    LeerlingStatus,
    OvereenkomstStatus,
    Situatie,
)
from overeenkomsten.exceptions import OvereenkomstFout
from overeenkomsten.models import Leerling
from overeenkomsten.soorten import leeftijdsgrenzen


@dataclass(frozen=True)
class LeerlingGegevens:
    """What the coach sets on registration and may change later; status and deadlines are
    not here."""

    voornaam: str
    achternaam: str
    insz: str
    geboortedatum: dt.date
    e_mail: str
    straat: str
    huisnummer: str
    postcode: str
    gemeente: str
    opleiding: Opleiding
    start_lessen: dt.date
    situatie: str = Situatie.A
    vertegenwoordiger_naam: str = ""
    vertegenwoordiger_e_mail: str = ""

    @classmethod
    def van(cls, leerling: Leerling) -> "LeerlingGegevens":
        """The learner's data as stored: the start for a change of a few fields."""
        return cls(**{veld.name: getattr(leerling, veld.name) for veld in dataclasses.fields(cls)})

    def met(self, **wijzigingen: Any) -> "LeerlingGegevens":
        return dataclasses.replace(self, **wijzigingen)


GEGEVENS = [veld.name for veld in dataclasses.fields(LeerlingGegevens)]


def coach(leerling: Leerling, door: Actor) -> Refusals:
    return door.may(
        perms.LEERLING_BEHEREN,
        leerling,
        reason=_("Only a trajectory coach of the learner's school can do this."),
    )


def niet_gestopt(leerling: Leerling) -> str | None:
    return refuse_if(
        leerling.status == LeerlingStatus.GESTOPT, _("The learner stopped the dual training.")
    )


def naar(leerling: Leerling, nieuw: str) -> str | None:
    return transition_allowed(
        leerling.status, nieuw, LEERLING_OVERGANGEN, leerling.get_status_display()
    )


def _controleer_gegevens(leerling: Leerling, *, op: dt.date) -> None:
    try:
        leerling.insz = normalise_insz(leerling.insz)
    except ValidationError as fout:
        raise OvereenkomstFout(fout.messages[0]) from None
    uit_insz = geboortedatum_uit_insz(leerling.insz)
    if uit_insz is not None and uit_insz != leerling.geboortedatum:
        raise OvereenkomstFout(_("The date of birth does not match the INSZ."))
    leeftijd = leeftijd_op(leerling.geboortedatum, max(op, leerling.start_lessen))
    # Adult education (R58) has its own limits (overeenkomsten/soorten.py).
    minimum, maximum = leeftijdsgrenzen(leerling.opleiding.overeenkomsttype, op=op)
    if maximum is None and leeftijd < minimum:
        raise OvereenkomstFout(
            _("Adult dual training is for learners of %(n)s and over.") % {"n": minimum}
        )
    if maximum is not None and not minimum <= leeftijd <= maximum:
        raise OvereenkomstFout(_("Dual learning is for learners aged 15 to 25."))
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
    leerling.overeenkomst_uiterlijk = einde(OVEREENKOMST_SLUITEN, vanaf)
    leerling.termijn_herinnerd_op = None
    leerling.termijn_verstreken_op = None


def kan_leerling_registreren(
    onderwijsinstelling: Onderwijsinstelling, *, door: Actor, now: datetime
) -> Refusals:
    """Every reason why this actor may not register a learner at this school now."""
    return refusals(coach(Leerling(onderwijsinstelling=onderwijsinstelling), door))


@guarded_by(kan_leerling_registreren)
@transaction.atomic
def leerling_registreren(
    *,
    onderwijsinstelling: Onderwijsinstelling,
    gegevens: LeerlingGegevens,
    door: Actor,
    now: datetime | None = None,
) -> Leerling:
    now = now or timezone.now()
    refuse_unless(kan_leerling_registreren(onderwijsinstelling, door=door, now=now))
    leerling = Leerling(
        onderwijsinstelling=onderwijsinstelling,
        trajectbegeleider=door.user,
        **dataclasses.asdict(gegevens),
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
        verb=AuditVerb.LEERLING_GEREGISTREERD,
        door=door,
        organisatie=onderwijsinstelling,
        after={
            "status": leerling.status,
            "overeenkomst_uiterlijk": str(leerling.overeenkomst_uiterlijk),
        },
        now=now,
    )
    return leerling


def kan_leerling_wijzigen(leerling: Leerling, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why this actor may not change the learner's data now."""
    return refusals(coach(leerling, door), niet_gestopt(leerling))


@guarded_by(kan_leerling_wijzigen)
@transaction.atomic
def leerling_wijzigen(
    *, leerling: Leerling, gegevens: LeerlingGegevens, door: Actor, now: datetime | None = None
) -> Leerling:
    now = now or timezone.now()
    leerling = Leerling.objects.select_for_update().get(pk=leerling.pk)
    refuse_unless(kan_leerling_wijzigen(leerling, door=door, now=now))
    oude_start = leerling.start_lessen
    nieuw = dataclasses.asdict(gegevens)
    gewijzigd = [veld for veld in GEGEVENS if getattr(leerling, veld) != nieuw[veld]]
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
        setattr(leerling, veld, nieuw[veld])
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
        verb=AuditVerb.LEERLING_GEWIJZIGD,
        door=door,
        organisatie=leerling.onderwijsinstelling,
        after={"velden": sorted(gewijzigd)},
        now=now,
    )
    return leerling
