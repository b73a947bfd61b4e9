"""What the agreement services share: who acts, refusing a transition, notifying."""

from django.utils.translation import gettext as _

from duaal.accounts.constants import Rol
from duaal.accounts.models import Membership, User
from duaal.accounts.permissions import rollen_met
from duaal.accounts.selectors import gebruikers_van
from duaal.meldingen.links import LinkVerwijzing
from duaal.meldingen.services import melding_plannen
from mentors.models import Mentor, MentorToewijzing
from mentors.selectors import mentor_kan_leerling_erbij
from overeenkomsten.constants import GoedkeuringWijze, Partij, VoorstelStatus
from overeenkomsten.controles import lopend_bij_mentor
from overeenkomsten.exceptions import OngeldigeStatusOvergang, OvereenkomstFout
from overeenkomsten.models import Leerling, Overeenkomst, Voorstel


def overgang(huidig: str, nieuw: str, overgangen: dict[str, set[str]], label: str) -> None:
    if nieuw not in overgangen.get(huidig, set()):
        raise OngeldigeStatusOvergang(label)


def is_lid(door: User, organisatie_id: int, *rollen: str) -> bool:
    return Membership.objects.filter(
        user=door, organisatie_id=organisatie_id, actief=True, rol__in=rollen
    ).exists()


def heeft_recht(door: User, organisatie_id: int | None, permission: str) -> bool:
    """`door` holds, at this organisation, a role that the role table gives `permission`."""
    return organisatie_id is not None and is_lid(door, organisatie_id, *rollen_met(permission))


def coach_vereist(door: User, onderwijsinstelling_id: int) -> None:
    # Views check roles and visibility; services check who acts too, so no caller can skip it.
    if not is_lid(door, onderwijsinstelling_id, Rol.TRAJECTBEGELEIDER):
        raise OvereenkomstFout(_("Only a trajectory coach of the learner's school can do this."))


def werkgevers(onderneming_id: int) -> list[User]:
    return list(gebruikers_van(onderneming_id, Rol.VERTEGENWOORDIGER))


def coaches(onderwijsinstelling_id: int) -> list[User]:
    return list(gebruikers_van(onderwijsinstelling_id, Rol.TRAJECTBEGELEIDER))


def melden(
    event_key: str,
    ontvangers: list[User],
    onderwerp: str,
    tekst: str,
    e_mails: list[str] | None = None,
    link: LinkVerwijzing | None = None,
) -> None:
    melding_plannen(
        event_key=event_key,
        ontvangers=ontvangers,
        onderwerp=onderwerp,
        tekst=tekst,
        e_mails=e_mails,
        link=link,
    )


def verplicht(tekst: str, melding: str) -> str:
    tekst = (tekst or "").strip()
    if not tekst:
        raise OvereenkomstFout(melding)
    return tekst


def leerling_en_mentor_vergrendelen(overeenkomst: Overeenkomst) -> MentorToewijzing:
    """Lock the learner (one agreement at a time, R48) and the mentor (the partnership's cap,
    R40), in that order, before the guards run: two agreements sent or changed at once would
    otherwise each pass the guards before the other committed. Returns the assignment."""
    toewijzing = MentorToewijzing.objects.get(pk=overeenkomst.toewijzing_id)
    list(Leerling.objects.select_for_update().filter(pk=overeenkomst.leerling_id).values("pk"))
    list(Mentor.objects.select_for_update().filter(pk=toewijzing.mentor_id).values("pk"))
    return toewijzing


def partijen_van_persoon(door: User, overeenkomst: Overeenkomst) -> set[str]:
    """The parties of this agreement that `door` already acted for: drafting it, recording a
    paper signature or proposing its learner to its establishment is the school's act;
    answering that proposal is the employer's; an approval in the portal, or confirming or
    disputing a signature, is the act of the party it names."""
    partijen = partijen_in_voorstellen(
        door,
        Voorstel.objects.filter(
            leerling_id=overeenkomst.leerling_id, onderneming_id=overeenkomst.onderneming_id
        ).exclude(status=VoorstelStatus.INGETROKKEN),
    )
    if overeenkomst.trajectbegeleider_id == door.pk:
        partijen.add(Partij.SCHOOL)
    for partij, wijze, door_id, bevestigd_door_id in overeenkomst.goedkeuringen.values_list(
        "partij", "wijze", "door_id", "bevestigd_door_id"
    ):
        if door_id == door.pk:
            partijen.add(Partij.SCHOOL if wijze == GoedkeuringWijze.PAPIER else partij)
        if bevestigd_door_id == door.pk:
            partijen.add(partij)
    return partijen


def partijen_in_voorstellen(door: User, voorstellen) -> set[str]:
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


def andere_partij_weigering(door: User, overeenkomst: Overeenkomst, partij: str) -> str | None:
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
    )
    if capaciteit.kan:
        return None
    return _(
        "%(reden)s The agreement from %(van)s already sent to you would then count toward that "
        "cap: choose another mentor with the school first."
    ) % {"reden": capaciteit.reden, "van": overeenkomst.start.strftime("%d/%m/%Y")}
