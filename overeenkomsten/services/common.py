"""What the agreement services share: who may act, refusing a transition, notifying."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from duaal.accounts.actor import Actor
from duaal.accounts.models import User
from duaal.workflow import required_text, transition_allowed
from mentors.models import Mentor, MentorToewijzing
from overeenkomsten.constants import (
    OVEREENKOMST_OVERGANGEN,
    GoedkeuringWijze,
    Partij,
    VoorstelStatus,
)
from overeenkomsten.controles import lopend_bij_mentor, mentor_kan_leerling_erbij
from overeenkomsten.exceptions import OvereenkomstFout
from overeenkomsten.models import Leerling, Overeenkomst, Voorstel


def overgang(huidig: str, nieuw: str, label: str) -> str | None:
    """The transitions map's reason when an agreement cannot go from `huidig` to `nieuw`."""
    return transition_allowed(huidig, nieuw, OVEREENKOMST_OVERGANGEN, label)


def verplicht(tekst: str, melding: str) -> str:
    return required_text(tekst, melding, OvereenkomstFout)


def leerling_en_mentor_vergrendelen(overeenkomst: Overeenkomst) -> MentorToewijzing:
    """Lock the learner (one agreement at a time, R48) and the mentor (the partnership's cap,
    R40), in that order, before the guards run: two agreements sent or changed at once would
    otherwise each pass the guards before the other committed. Returns the assignment."""
    toewijzing = MentorToewijzing.objects.get(pk=overeenkomst.toewijzing_id)
    list(Leerling.objects.select_for_update().filter(pk=overeenkomst.leerling_id).values("pk"))
    list(Mentor.objects.select_for_update().filter(pk=toewijzing.mentor_id).values("pk"))
    return toewijzing


def partijen_van_persoon(door: Actor, overeenkomst: Overeenkomst) -> set[str]:
    """The parties of this agreement that `door` already acted for: drafting it, recording a
    paper signature or proposing its learner to its establishment is the school's act;
    answering that proposal is the employer's; an approval in the portal, or confirming or
    disputing a signature, is the act of the party it names."""
    persoon = door.user
    if persoon is None:
        return set()  # the system and a personal link act for no party of their own here
    partijen = partijen_in_voorstellen(
        persoon,
        Voorstel.objects.filter(
            leerling_id=overeenkomst.leerling_id, onderneming_id=overeenkomst.onderneming_id
        ).exclude(status=VoorstelStatus.INGETROKKEN),
    )
    if overeenkomst.trajectbegeleider_id == persoon.pk:
        partijen.add(Partij.SCHOOL)
    if is_de_leerling(persoon, overeenkomst):
        # The learner is a party in their own person, by who they are rather than by an act:
        # whoever carries the learner's national number never acts for the employer or the
        # school of their own agreement, under whatever membership.
        partijen.add(Partij.LEERLING)
    for partij, wijze, door_id, bevestigd_door_id in overeenkomst.goedkeuringen.values_list(
        "partij", "wijze", "door_id", "bevestigd_door_id"
    ):
        if door_id == persoon.pk:
            partijen.add(Partij.SCHOOL if wijze == GoedkeuringWijze.PAPIER else partij)
        if bevestigd_door_id == persoon.pk:
            partijen.add(partij)
    return partijen


def is_de_leerling(persoon: User, overeenkomst: Overeenkomst) -> bool:
    """The person is the agreement's learner: their account carries the learner's national
    number (the government login's; a local account has none and is nobody's learner)."""
    if not persoon.insz:
        return False
    return Leerling.objects.filter(pk=overeenkomst.leerling_id, insz=persoon.insz).exists()


def leerling_handelde_voor_andere_partij(overeenkomst: Overeenkomst) -> str | None:
    """The refusal for the learner's personal link when an account carrying the learner's
    national number already acted for another party of this agreement (the link itself names
    nobody, so the accounts are looked up by the learner's number)."""
    insz = (
        Leerling.objects.filter(pk=overeenkomst.leerling_id).values_list("insz", flat=True).first()
    )
    for persoon in User.objects.filter(insz=insz) if insz else []:
        if partijen_van_persoon(Actor(user=persoon, membership=None), overeenkomst) - {
            Partij.LEERLING
        }:
            return _(
                "You already acted for another party of this agreement; one person never acts "
                "for two parties. Contact the trajectory coach."
            )
    return None


def partijen_in_voorstellen(door: User, voorstellen: QuerySet[Voorstel]) -> set[str]:
    # `door` is the person (a user): one person never acts for two parties, whatever
    # membership they act under now.
    """Proposing is the school's act, answering a proposal the employer's."""
    partijen: set[str] = set()
    for voorgesteld_door_id, beantwoord_door_id in voorstellen.values_list(
        "voorgesteld_door_id", "beantwoord_door_id"
    ):
        if voorgesteld_door_id == door.pk:
            partijen.add(Partij.SCHOOL)
        if beantwoord_door_id == door.pk:
            partijen.add(Partij.WERKGEVER)
    return partijen


def andere_partij_weigering(door: Actor, overeenkomst: Overeenkomst, partij: str) -> str | None:
    """One person never acts for two parties of one agreement: a coach who also holds a role
    at the enterprise cannot approve or confirm "for the employer" what they drew up."""
    if partijen_van_persoon(door, overeenkomst) - {partij}:
        return _(
            "You already acted for another party of this agreement; one person never acts for "
            "two parties. A colleague must do this."
        )
    return None


def mentor_plaats_weigering(overeenkomst: Overeenkomst) -> str | None:
    """The agreement starts to count toward its mentor's cap (R40): is there room?"""
    toewijzing = leerling_en_mentor_vergrendelen(overeenkomst)
    capaciteit = mentor_kan_leerling_erbij(
        toewijzing=toewijzing,
        leerlingen_op_datum=lopend_bij_mentor(
            toewijzing, overeenkomst.start, overeenkomst.einde, overeenkomst.pk
        ),
        op=overeenkomst.start,
        verstuurd_op=overeenkomst.verstuurd_op,
    )
    if capaciteit.kan:
        return None
    return _(
        "%(reden)s The agreement from %(van)s already sent to you would then count toward that "
        "cap: choose another mentor with the school first."
    ) % {"reden": capaciteit.reden, "van": overeenkomst.start.strftime("%d/%m/%Y")}
